// SQL for payments, their event log and refunds, mapped to the shared shapes in one place.
import type { Db } from '../db/database.js'
import type { PaymentRow, RefundRow } from '../db/schema.js'
import { nowIso } from '../lib/tokens.js'
import type { Payment, PaymentStatus, Refund, RefundStatus } from '../../../shared/src/schemas/payment.js'

/** Where a payment_events row came from. */
export type EventSource = 'api' | 'gateway' | 'notify' | 'reconciler' | 'staff' | 'startup'

/** A transaction or the database itself: repositories work inside either. */
export type DbLike = Db

export function toPayment (row: PaymentRow): Payment {
  return {
    id: row.id,
    orderId: row.order_id,
    method: row.method,
    status: row.status as PaymentStatus,
    amount: row.amount,
    refundedAmount: row.refunded_amount,
    currency: row.currency,
    qrCode: row.qr_code,
    tradeNo: row.trade_no,
    expiresAt: row.expires_at,
    failureCode: row.failure_code,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

export function toRefund (row: RefundRow): Refund {
  return {
    id: row.id,
    paymentId: row.payment_id,
    outRequestNo: row.out_request_no,
    amount: row.amount,
    reason: row.reason,
    status: row.status as RefundStatus,
    createdAt: row.created_at,
  }
}

export async function getPayment (db: DbLike, id: string): Promise<PaymentRow | undefined> {
  return db.selectFrom('payments').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function paymentsOfOrder (db: DbLike, orderId: string): Promise<PaymentRow[]> {
  return db.selectFrom('payments').selectAll().where('order_id', '=', orderId).orderBy('created_at').orderBy('id').execute()
}

/** Payments of many orders at once, for order lists. */
export async function paymentsOfOrders (db: DbLike, orderIds: readonly string[]): Promise<Map<string, Payment[]>> {
  const byOrder = new Map<string, Payment[]>()
  if (orderIds.length === 0) return byOrder
  const rows = await db.selectFrom('payments').selectAll().where('order_id', 'in', orderIds).orderBy('created_at').orderBy('id').execute()
  for (const row of rows) {
    const list = byOrder.get(row.order_id) ?? []
    list.push(toPayment(row))
    byOrder.set(row.order_id, list)
  }
  return byOrder
}

/** Appends to the payment's history. Every transition is written here before it is acted on. */
export async function appendPaymentEvent (db: DbLike, paymentId: string, source: EventSource, kind: string, detail: Record<string, unknown> = {}): Promise<void> {
  await db.insertInto('payment_events').values({ payment_id: paymentId, at: nowIso(), source, kind, detail: JSON.stringify(detail) }).execute()
}

export interface PaymentPatch {
  status?: PaymentStatus
  qr_code?: string | null
  trade_no?: string | null
  buyer_id?: string | null
  expires_at?: string | null
  failure_code?: string | null
  paid_at?: string | null
  next_check_at?: string | null
  unknown_since?: string | null
  refunded_amount?: number
}

/**
 * Updates a payment only while it is in one of `from` (a compare-and-set), so two actors
 * (a notification and the reconciler, say) cannot both apply the same transition.
 */
export async function updatePaymentIf (db: DbLike, id: string, from: readonly PaymentStatus[], patch: PaymentPatch): Promise<boolean> {
  const result = await db.updateTable('payments')
    .set({ ...patch, updated_at: nowIso() })
    .where('id', '=', id)
    .where('status', 'in', from)
    .executeTakeFirst()
  return result.numUpdatedRows > 0n
}

export async function getRefund (db: DbLike, id: string): Promise<RefundRow | undefined> {
  return db.selectFrom('refunds').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function refundsOfPayment (db: DbLike, paymentId: string): Promise<RefundRow[]> {
  return db.selectFrom('refunds').selectAll().where('payment_id', '=', paymentId).orderBy('created_at').execute()
}

export async function updateRefundIf (db: DbLike, id: string, from: readonly RefundStatus[], patch: { status?: RefundStatus, failure_code?: string | null, next_check_at?: string | null }): Promise<boolean> {
  const result = await db.updateTable('refunds')
    .set({ ...patch, updated_at: nowIso() })
    .where('id', '=', id)
    .where('status', 'in', from)
    .executeTakeFirst()
  return result.numUpdatedRows > 0n
}
