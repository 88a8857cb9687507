// /api/staff/menu: staff mark dishes and options sold out (or back) and every tablet follows at once.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { errorResponses } from '../../../../lib/route-schemas.js'
import { loadItem, loadOption } from '../../../../repositories/menu.js'
import { setDishAvailability, setOptionAvailability } from '../../../../services/menu.js'
import { NotFoundError } from '../../../../errors.js'
import { IdParamsSchema } from '../../../../../../shared/src/schemas/common.js'
import { MenuItemSchema, OptionSchema, UpdateItemAvailabilitySchema } from '../../../../../../shared/src/schemas/menu.js'

const staffMenu: FastifyPluginAsyncTypebox = async (fastify) => {
  // Any role: whoever hears from the kitchen that the fish is gone must be able to say so.
  fastify.addHook('preHandler', fastify.requireStaff)

  fastify.patch('/items/:id', {
    schema: {
      params: IdParamsSchema,
      body: UpdateItemAvailabilitySchema,
      response: { 200: MenuItemSchema, ...errorResponses(400, 401, 404, 413, 415) },
    },
  }, async (request) => {
    await setDishAvailability(fastify, request.params.id, request.body.available)
    const item = await loadItem(fastify.db, request.params.id)
    if (!item) throw new NotFoundError('Dish')
    return item
  })

  fastify.patch('/options/:id', {
    schema: {
      params: IdParamsSchema,
      body: UpdateItemAvailabilitySchema,
      response: { 200: OptionSchema, ...errorResponses(400, 401, 404, 413, 415) },
    },
  }, async (request) => {
    await setOptionAvailability(fastify, request.params.id, request.body.available)
    const option = await loadOption(fastify.db, request.params.id)
    if (!option) throw new NotFoundError('Option')
    return option
  })
}

export default staffMenu
