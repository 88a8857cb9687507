// /api/staff/menu/categories: managers add, rename, reorder and remove (empty) menu categories.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { NoBodySchema, errorResponses } from '../../../../lib/route-schemas.js'
import { changeCategory, createCategory, deleteCategory } from '../../../../services/menu-editing.js'
import { IdParamsSchema } from '#shared/schemas/common.js'
import { CategorySchema, CreateCategorySchema, UpdateCategorySchema } from '#shared/schemas/menu.js'
import { storeOf } from '../../../store-of.js'

const categories: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.addHook('preHandler', fastify.requireManager)

  fastify.post('/', {
    schema: {
      body: CreateCategorySchema,
      response: { 201: CategorySchema, ...errorResponses(400, 401, 403, 413, 415) },
    },
  }, async (request, reply) => reply.code(201).send(await createCategory(storeOf(request), request.body)))

  fastify.patch('/:id', {
    schema: {
      params: IdParamsSchema,
      body: UpdateCategorySchema,
      response: { 200: CategorySchema, ...errorResponses(400, 401, 403, 404, 413, 415) },
    },
  }, async (request) => changeCategory(storeOf(request), request.params.id, request.body))

  fastify.delete('/:id', {
    schema: {
      params: IdParamsSchema,
      body: NoBodySchema,
      response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404, 409, 413, 415) },
    },
  }, async (request, reply) => {
    await deleteCategory(storeOf(request), request.params.id)
    return reply.code(204).send(null)
  })
}

export default categories
