// Sends order.updated (the order with its payments) to the order's table and to staff.
import type { FastifyInstance } from 'fastify'
import { loadOrder } from '../repositories/orders.js'
import { TabletEventEnum } from '../../../shared/src/schemas/events.js'

export async function publishOrder (fastify: FastifyInstance, orderId: string): Promise<void> {
  const order = await loadOrder(fastify.db, orderId)
  if (!order) return
  fastify.events.publish({ kind: 'table', tableId: order.tableId }, TabletEventEnum.ORDER_UPDATED, order)
  fastify.events.publish({ kind: 'staff' }, TabletEventEnum.ORDER_UPDATED, order)
}
