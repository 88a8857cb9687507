// How a payment's state looks in the console, and what may be done with it (re-query, refund).
import { OPEN_PAYMENT_STATUSES, type Payment, type PaymentStatus } from '@shared/schemas/payment'

export type Tone = 'good' | 'wait' | 'bad' | 'plain'

export function paymentTone (status: PaymentStatus): Tone {
  if (status === 'paid') return 'good'
  if (status === 'waiting' || status === 'creating') return 'wait'
  if (status === 'unknown' || status === 'failed') return 'bad'
  return 'plain'
}

/** Waiting or unknown payments can be asked about again ("stuck" ones above all). */
export function canRequery (payment: Payment): boolean {
  return OPEN_PAYMENT_STATUSES.includes(payment.status)
}

/** What is left to refund, in minor units of the payment currency. */
export function refundable (payment: Payment): number {
  if (payment.status !== 'paid' && payment.status !== 'partially_refunded') return 0
  return Math.max(0, payment.amount - payment.refundedAmount)
}
