// /api/staff/tables: the restaurant's tables; any staff role may list, add, rename and remove them.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { NoBodySchema, errorResponses } from '../../../../lib/route-schemas.js'
import { changeTable, createTable, listTables, removeTable, tableInUseReason } from '../../../../repositories/tables.js'
import { deviceIdsAtTable } from '../../../../repositories/devices.js'
import { deviceDeps, publishDeviceChanged } from '../../../../services/devices.js'
import { NotFoundError, TableInUseError } from '../../../../errors.js'
import { IdParamsSchema } from '#shared/schemas/common.js'
import { CreateTableSchema, TableSchema, UpdateTableSchema } from '#shared/schemas/table.js'
import { storeOf } from '../../../store-of.js'

const tables: FastifyPluginAsyncTypebox = async (fastify) => {
  // Tables change on a busy floor (a terrace opens, two tables are joined): every role may edit them.
  fastify.addHook('preHandler', fastify.requireStaff)

  fastify.get('/', {
    schema: { response: { 200: Type.Array(TableSchema), ...errorResponses(401) } },
  }, async (request) => listTables(storeOf(request).db))

  fastify.post('/', {
    schema: {
      body: CreateTableSchema,
      response: { 201: TableSchema, ...errorResponses(400, 401, 409, 413, 415) },
    },
  }, async (request, reply) => reply.code(201).send(await createTable(storeOf(request).db, request.body)))

  fastify.patch('/:id', {
    schema: {
      params: IdParamsSchema,
      body: UpdateTableSchema,
      response: { 200: TableSchema, ...errorResponses(400, 401, 404, 409, 413, 415) },
    },
  }, async (request) => {
    const store = storeOf(request)
    const table = await changeTable(store.db, request.params.id, request.body)
    if (!table) throw new NotFoundError('Table')
    if (request.body.label !== undefined || request.body.labelZh !== undefined) {
      // Tablets show their table's label (or its Chinese name): tell the ones at this table about the new one.
      const deps = await deviceDeps(fastify, store)
      for (const id of await deviceIdsAtTable(store.db, table.id)) await publishDeviceChanged(deps, id)
    }
    return table
  })

  fastify.delete('/:id', {
    schema: {
      params: IdParamsSchema,
      body: NoBodySchema,
      response: { 204: Type.Null(), ...errorResponses(400, 401, 404, 409, 413, 415) },
    },
  }, async (request, reply) => {
    const { db } = storeOf(request)
    const reason = await tableInUseReason(db, request.params.id)
    if (reason) throw new TableInUseError(reason)
    if (!await removeTable(db, request.params.id)) throw new NotFoundError('Table')
    return reply.code(204).send(null)
  })
}

export default tables
