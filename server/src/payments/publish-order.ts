// Sends order.updated (the order with its payments) to the order's table and to staff.
import type { Db } from '../db/database.js'
import type { EventHub } from '../lib/event-hub.js'
import { loadOrder } from '../repositories/orders.js'
import { TabletEventEnum } from '#shared/schemas/events.js'

/** The database to read the order from and the hub to announce it on. */
export interface OrderEventDeps {
  db: Db
  events: EventHub
}

export async function publishOrder (deps: OrderEventDeps, orderId: string): Promise<void> {
  const order = await loadOrder(deps.db, orderId)
  if (!order) return
  deps.events.toTablets({ kind: 'table', tableId: order.tableId }, TabletEventEnum.ORDER_UPDATED, order)
  deps.events.toStaff(TabletEventEnum.ORDER_UPDATED, order)
}
