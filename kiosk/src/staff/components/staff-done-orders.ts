// The "Done" list, less noisy: orders cancelled before anyone paid (diners who walked off from the QR, mistakes caught at once)
// matter little to the floor and fold away behind one toggle; served orders and cancelled paid ones stay in sight.
import type { Order } from '@shared/schemas/order'
import { settledPayment } from './staff-order-payment'

/** Cancelled without money ever taken through Alipay (none to give back, nothing to explain to the diner). */
export function isCancelledUnpaid (order: Order): boolean {
  return order.status === 'cancelled' && settledPayment(order) === null
}

export function splitDone (orders: readonly Order[]): { shown: Order[], cancelledUnpaid: Order[] } {
  const shown: Order[] = []
  const cancelledUnpaid: Order[] = []
  for (const order of orders) (isCancelledUnpaid(order) ? cancelledUnpaid : shown).push(order)
  return { shown, cancelledUnpaid }
}
