// A payment's history: SQL for the append-only `payment_events` table.
import type { Db } from '../db/database.js'
import { nowIso } from '../lib/tokens.js'
import type { PaymentEvent } from '#shared/schemas/payment.js'

/** Where a payment_events row came from. */
export type EventSource = 'api' | 'gateway' | 'notify' | 'reconciler' | 'staff' | 'startup'

/** One row of a payment's history, before it is written. */
export interface PaymentEventInput {
  source: EventSource
  kind: string
  detail?: Record<string, unknown>
}

/** Appends to the payment's history. Every transition is written here before it is acted on. */
export async function appendPaymentEvent (db: Db, paymentId: string, source: EventSource, kind: string, detail: Record<string, unknown> = {}): Promise<void> {
  await appendPaymentEvents(db, paymentId, [{ source, kind, detail }])
}

/** Several rows in one statement, in this order (a cause and the transition it made, say). */
export async function appendPaymentEvents (db: Db, paymentId: string, events: readonly PaymentEventInput[]): Promise<void> {
  if (events.length === 0) return
  const at = nowIso()
  await db.insertInto('payment_events')
    .values(events.map(event => ({ payment_id: paymentId, at, source: event.source, kind: event.kind, detail: JSON.stringify(event.detail ?? {}) })))
    .execute()
}

/** The payment's history, oldest first, as staff see it: without the buyer's Alipay id (docs/operations.md, "Diner data"). */
export async function paymentEvents (db: Db, paymentId: string): Promise<PaymentEvent[]> {
  const rows = await db.selectFrom('payment_events').selectAll().where('payment_id', '=', paymentId).orderBy('id').execute()
  return rows.map(event => {
    const { buyerId: _buyerId, ...detail } = JSON.parse(event.detail) as Record<string, unknown>
    return { at: event.at, source: event.source, kind: event.kind, detail }
  })
}
