// /api/staff/orders: the order list for the floor and kitchen, and moving orders along their flow.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { errorResponses } from '../../../../lib/route-schemas.js'
import { listOrders } from '../../../../repositories/orders.js'
import { changeOrderStatus } from '../../../../services/orders.js'
import { IdParamsSchema } from '#shared/schemas/common.js'
import { OrderListQuerySchema, OrderSchema, UpdateOrderStatusSchema } from '#shared/schemas/order.js'

export const DEFAULT_ORDER_LIST_LIMIT = 100

const staffOrders: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.addHook('preHandler', fastify.requireStaff)

  fastify.get('/', {
    schema: {
      querystring: OrderListQuerySchema,
      response: { 200: Type.Array(OrderSchema), ...errorResponses(400, 401) },
    },
  }, async (request) => listOrders(fastify.db, {
    ...(request.query.status ? { status: request.query.status } : {}),
    ...(request.query.since ? { since: request.query.since } : {}),
    limit: request.query.limit ?? DEFAULT_ORDER_LIST_LIMIT,
  }))

  fastify.patch('/:id', {
    schema: {
      params: IdParamsSchema,
      body: UpdateOrderStatusSchema,
      response: { 200: OrderSchema, ...errorResponses(400, 401, 404, 409, 413, 415) },
    },
  }, async (request) => changeOrderStatus(fastify, request.params.id, request.body))
}

export default staffOrders
