// How a payment's state looks in the console, and what may be done with it (re-query, refund).
import { OPEN_PAYMENT_STATUSES, type Payment, type PaymentStatus } from '@shared/schemas/payment'
import type { LocalizedText } from '@shared/schemas/common'

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

/** What is left to refund, in fen. */
export function refundable (payment: Payment): number {
  if (payment.status !== 'paid' && payment.status !== 'partially_refunded') return 0
  return Math.max(0, payment.amount - payment.refundedAmount)
}

function isLocalizedText (value: unknown): value is LocalizedText {
  if (typeof value !== 'object' || value === null) return false
  const { en, 'zh-CN': zh } = value as Record<string, unknown>
  return typeof en === 'string' && typeof zh === 'string'
}

/**
 * A plain-language text the server may add to a payment or an alert (en and zh-CN), under one of
 * `keys`; null when the server sends none, so the console's own explanation stands alone.
 */
export function serverText (source: unknown, keys: readonly string[]): LocalizedText | null {
  if (typeof source !== 'object' || source === null) return null
  for (const key of keys) {
    const value = (source as Record<string, unknown>)[key]
    if (isLocalizedText(value)) return value
  }
  return null
}
