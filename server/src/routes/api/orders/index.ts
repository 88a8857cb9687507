// POST /api/orders and GET /api/orders/:id: a paired tablet or a diner's phone places orders for its table and follows them.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { errorResponses } from '../../../lib/route-schemas.js'
import { loadOrder } from '../../../repositories/orders.js'
import { placeOrder } from '../../../services/orders.js'
import { NotFoundError } from '../../../errors.js'
import { storeOf } from '../../store-of.js'
import { IdParamsSchema } from '#shared/schemas/common.js'
import { CreateOrderSchema, OrderSchema } from '#shared/schemas/order.js'

const orders: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.addHook('preHandler', fastify.requireTableSession)

  fastify.post('/', {
    // One order is about a kilobyte on the restaurant's LAN: compressing it costs more than it saves.
    compress: false,
    schema: {
      body: CreateOrderSchema,
      // 201 a new order; 200 the same order again when the outbox retries the same clientOrderId.
      response: { 200: OrderSchema, 201: OrderSchema, ...errorResponses(400, 401, 403, 409, 413, 415, 422) },
    },
  }, async (request, reply) => {
    const { order, created } = await placeOrder(storeOf(request), request.tableSession!, request.body)
    return reply.code(created ? 201 : 200).send(order)
  })

  fastify.get('/:id', {
    schema: {
      params: IdParamsSchema,
      response: { 200: OrderSchema, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request) => {
    const order = await loadOrder(storeOf(request).db, request.params.id)
    // Another table's order is answered exactly like a missing one: its existence is not disclosed.
    if (!order || order.tableId !== request.tableSession!.tableId) throw new NotFoundError('Order')
    return order
  })
}

export default orders
