// What the kitchen needs to know about an order's money: paid (by Alipay or at the counter), free, still open, unclear or refunded.
import { needsNoPayment } from '@shared/pricing'
import type { Order } from '@shared/schemas/order'
import type { Payment } from '@shared/schemas/payment'

export type OrderPaymentState =
  | 'none'
  | 'waiting'
  | 'unknown'
  | 'paid'
  | 'counter'
  /** The order comes to 0: it went to the kitchen without any payment. */
  | 'free'
  | 'partially_refunded'
  | 'refunded'

const SETTLED = new Set<Payment['status']>(['paid', 'partially_refunded', 'refunded'])

/** The payment that took the money, if one did. */
export function settledPayment (order: Order): Payment | null {
  return order.payments.find(payment => SETTLED.has(payment.status)) ?? null
}

export function orderPaymentState (order: Order): OrderPaymentState {
  const settled = settledPayment(order)
  if (settled) return settled.status as OrderPaymentState
  if (needsNoPayment(order)) return 'free'
  // Moved past "placed" without an Alipay trade: staff took the money at the counter.
  if (order.status !== 'placed' && order.status !== 'cancelled') return 'counter'
  if (order.payments.some(payment => payment.status === 'unknown')) return 'unknown'
  if (order.payments.some(payment => payment.status === 'waiting' || payment.status === 'creating')) return 'waiting'
  return 'none'
}
