// /api/staff/members: managers (and the chain's owner, in the store their session is in) add, change and remove
// the store's staff accounts. Through the store's scoped handle: owners (no store) are never listed or changed here,
// and the schemas only make managers and staff.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { STAFF_COOKIE } from '../../../../lib/cookies.js'
import { sha256 } from '../../../../lib/tokens.js'
import { NoBodySchema, errorResponses } from '../../../../lib/route-schemas.js'
import { createStaff, disableStaff, listStaff, updateStaff } from '../../../../repositories/staff.js'
import { NotFoundError } from '../../../../errors.js'
import { storeOf } from '../../../store-of.js'
import { IdParamsSchema } from '#shared/schemas/common.js'
import {
  CreateStaffMemberSchema, StaffMemberSchema, UpdateStaffMemberSchema,
} from '#shared/schemas/staff.js'

const members: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.addHook('preHandler', fastify.requireManager)

  fastify.get('/', {
    schema: { response: { 200: Type.Array(StaffMemberSchema), ...errorResponses(401, 403) } },
  }, async (request) => listStaff(storeOf(request).db))

  fastify.post('/', {
    schema: {
      body: CreateStaffMemberSchema,
      response: { 201: StaffMemberSchema, ...errorResponses(400, 401, 403, 409, 413, 415) },
    },
  }, async (request, reply) => reply.code(201).send(await createStaff(storeOf(request).db, request.body)))

  fastify.patch('/:id', {
    schema: {
      params: IdParamsSchema,
      body: UpdateStaffMemberSchema,
      response: { 200: StaffMemberSchema, ...errorResponses(400, 401, 403, 404, 409, 413, 415) },
    },
  }, async (request) => {
    // A manager changing their own PIN stays logged in here; their other sessions end.
    const token = request.cookies[STAFF_COOKIE]
    const member = await updateStaff(storeOf(request).db, request.params.id, request.body, token ? sha256(token) : undefined)
    if (!member) throw new NotFoundError('Staff member')
    return member
  })

  fastify.delete('/:id', {
    schema: {
      params: IdParamsSchema,
      body: NoBodySchema,
      response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404, 409, 413, 415) },
    },
  }, async (request, reply) => {
    if (!await disableStaff(storeOf(request).db, request.params.id)) throw new NotFoundError('Staff member')
    return reply.code(204).send(null)
  })
}

export default members
