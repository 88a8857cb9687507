// /api/staff/menu: any staff marks dishes and options sold out; managers edit dishes, categories, pictures and order.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { NoBodySchema, errorResponses } from '../../../../lib/route-schemas.js'
import { loadItem, loadOption } from '../../../../repositories/menu.js'
import { setDishAvailability, setOptionAvailability } from '../../../../services/menu.js'
import { changeDish, createDish, removeDish, reorderDishes } from '../../../../services/menu-editing.js'
import { NotFoundError, StaffForbiddenError } from '../../../../errors.js'
import categories from './categories.js'
import images from './images.js'
import { IdParamsSchema } from '#shared/schemas/common.js'
import {
  CreateMenuItemSchema, MenuItemSchema, OptionSchema, ReorderItemsSchema, UpdateItemAvailabilitySchema, UpdateMenuItemSchema,
} from '#shared/schemas/menu.js'
import { storeOf } from '../../../store-of.js'
import { hasManagerRights } from '../../../../plugins/app/staff-auth.js'

const staffMenu: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.addHook('preHandler', fastify.requireStaff)
  await fastify.register(categories, { prefix: '/categories' })
  await fastify.register(images)

  fastify.post('/items', {
    preHandler: fastify.requireManager,
    schema: {
      body: CreateMenuItemSchema,
      response: { 201: MenuItemSchema, ...errorResponses(400, 401, 403, 413, 415, 422) },
    },
  }, async (request, reply) => reply.code(201).send(await createDish(storeOf(request), request.body)))

  fastify.patch('/items/:id', {
    schema: {
      params: IdParamsSchema,
      body: UpdateMenuItemSchema,
      response: { 200: MenuItemSchema, ...errorResponses(400, 401, 403, 404, 413, 415, 422) },
    },
  }, async (request) => {
    const { available, ...edits } = request.body
    if (available !== undefined && Object.keys(edits).length === 0) {
      // Any role: whoever hears from the kitchen that the fish is gone must be able to say so.
      await setDishAvailability(storeOf(request), request.params.id, available, request.staff?.id ?? null)
      const item = await loadItem(storeOf(request).db, request.params.id)
      if (!item) throw new NotFoundError('Dish')
      return item
    }
    if (!hasManagerRights(request.staff)) throw new StaffForbiddenError()
    return changeDish(storeOf(request), request.params.id, request.body, request.staff?.id ?? null)
  })

  fastify.delete('/items/:id', {
    preHandler: fastify.requireManager,
    schema: {
      params: IdParamsSchema,
      body: NoBodySchema,
      response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404, 413, 415) },
    },
  }, async (request, reply) => {
    await removeDish(storeOf(request), request.params.id)
    return reply.code(204).send(null)
  })

  fastify.post('/reorder', {
    preHandler: fastify.requireManager,
    schema: {
      body: ReorderItemsSchema,
      response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404, 413, 415, 422) },
    },
  }, async (request, reply) => {
    await reorderDishes(storeOf(request), request.body)
    return reply.code(204).send(null)
  })

  fastify.patch('/options/:id', {
    schema: {
      params: IdParamsSchema,
      body: UpdateItemAvailabilitySchema,
      response: { 200: OptionSchema, ...errorResponses(400, 401, 404, 413, 415) },
    },
  }, async (request) => {
    await setOptionAvailability(storeOf(request), request.params.id, request.body.available)
    const option = await loadOption(storeOf(request).db, request.params.id)
    if (!option) throw new NotFoundError('Option')
    return option
  })
}

export default staffMenu
