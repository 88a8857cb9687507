// Refunds: SQL for the `refunds` table, mapped to the shared Refund shape in one place.
import type { Insertable } from 'kysely'
import type { Db } from '../db/database.js'
import { databaseKind } from '../db/dialect.js'
import type { RefundRow, RefundsTable } from '../db/schema.js'
import { nowIso } from '../lib/tokens.js'
import { toDueRow, type DueRow, type LeaseClaim } from './payments.js'
import type { Refund } from '#shared/schemas/payment.js'
import { OPEN_REFUND_STATUSES, REFUNDABLE_PAYMENT_STATUSES, type RefundStatus } from '#shared/statuses.js'

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

export async function getRefund (db: Db, id: string): Promise<RefundRow | undefined> {
  return db.selectFrom('refunds').selectAll().where('id', '=', id).executeTakeFirst()
}

/** The refund Alipay's notification is about (its out_biz_no is our out_request_no). */
export async function refundIdByOutRequestNo (db: Db, outRequestNo: string): Promise<string | null> {
  const row = await db.selectFrom('refunds').select('id').where('out_request_no', '=', outRequestNo).executeTakeFirst()
  return row?.id ?? null
}

/** The store a refund (an out_request_no) belongs to, looked up on the root handle; null for an unknown one. */
export async function storeOfRefundRequest (root: Db, outRequestNo: string): Promise<string | null> {
  const row = await root.selectFrom('refunds').select('store_id').where('out_request_no', '=', outRequestNo).executeTakeFirst()
  return row?.store_id ?? null
}

export async function refundsOfPayment (db: Db, paymentId: string): Promise<RefundRow[]> {
  return db.selectFrom('refunds').selectAll().where('payment_id', '=', paymentId).orderBy('created_at').execute()
}

/** What open (pending or unknown) refunds of a payment add up to: already promised, not yet returned. */
export async function openRefundTotal (db: Db, paymentId: string): Promise<number> {
  const pending = await db.selectFrom('refunds').select(({ fn }) => fn.sum<number>('amount').as('total'))
    .where('payment_id', '=', paymentId).where('status', 'in', OPEN_REFUND_STATUSES).executeTakeFirst()
  return Number(pending?.total ?? 0)
}

/** How many refunds are recorded but not confirmed (a restart resumes them). */
export async function countOpenRefunds (db: Db): Promise<number> {
  const row = await db.selectFrom('refunds').select(({ fn }) => fn.countAll<number>().as('n'))
    .where('status', 'in', OPEN_REFUND_STATUSES).executeTakeFirst()
  return Number(row?.n ?? 0)
}

/**
 * Open refunds whose next attempt is due at `now` (ISO), the longest-waiting first, read without a lease: on SQLite, where one
 * process serves the database and the in-process locks keep its checks apart, so a pass writes nothing.
 */
export async function dueRefundIds (db: Db, now: string, limit: number): Promise<DueRow[]> {
  const rows = await db.selectFrom('refunds').select(['id', 'store_id'])
    .where('status', 'in', OPEN_REFUND_STATUSES).where('next_check_at', '<=', now)
    .orderBy('next_check_at').limit(limit).execute()
  return rows.map(toDueRow)
}

/**
 * Leases open refunds whose next attempt is due at `now` and whose lease is free or expired, the longest-waiting
 * first, and gives their ids: one compare-and-set UPDATE, as claimDuePayments (whose comments say why the
 * conditions are written twice).
 */
export async function claimDueRefunds (db: Db, claim: LeaseClaim): Promise<DueRow[]> {
  const rows = await db.updateTable('refunds')
    .set({ lease_owner: claim.owner, lease_until: claim.until })
    .where('id', 'in', eb => eb.selectFrom('refunds as due').select('due.id')
      .where('due.status', 'in', OPEN_REFUND_STATUSES).where('due.next_check_at', '<=', claim.now)
      .where(inner => inner.or([inner('due.lease_until', 'is', null), inner('due.lease_until', '<=', claim.now)]))
      .orderBy('due.next_check_at').limit(claim.limit)
      // On PostgreSQL a due row another claimer is taking right now is passed over, not waited for: the claim gets
      // the next due row instead of coming back empty once the other committed (which ended this process's pass).
      .$if(databaseKind(db) === 'postgres', due => due.forUpdate().skipLocked()))
    .where('status', 'in', OPEN_REFUND_STATUSES).where('next_check_at', '<=', claim.now)
    .where(eb => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', claim.now)]))
    .returning(['id', 'store_id'])
    .execute()
  return rows.map(toDueRow)
}

/** A finished attempt gives its lease up (if `owner` still holds it). */
export async function releaseRefundLease (db: Db, id: string, owner: string): Promise<void> {
  await db.updateTable('refunds').set({ lease_owner: null, lease_until: null })
    .where('id', '=', id).where('lease_owner', '=', owner).execute()
}

/** The open refund's next attempt moved to `at` (ISO): its store cannot load now, so it must not stay the oldest due. */
export async function postponeRefundCheck (db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('refunds').set({ next_check_at: at })
    .where('id', '=', id).where('status', 'in', OPEN_REFUND_STATUSES).where('next_check_at', 'is not', null).execute()
}

/** Every refund lease `owner` holds, given up at once (a process shutting down). */
export async function releaseRefundLeasesOf (db: Db, owner: string): Promise<number> {
  const result = await db.updateTable('refunds').set({ lease_owner: null, lease_until: null })
    .where('lease_owner', '=', owner).executeTakeFirst()
  return Number(result.numUpdatedRows)
}

export async function insertRefund (db: Db, row: Insertable<RefundsTable>): Promise<void> {
  await db.insertInto('refunds').values(row).execute()
}

/**
 * Updates a refund only while it is in one of `from` (a compare-and-set, like updatePaymentIf). Reaching
 * `succeeded` stamps succeeded_at in the same statement: the reports count the refund on that day.
 */
export async function updateRefundIf (db: Db, id: string, from: readonly RefundStatus[], patch: { status?: RefundStatus, failure_code?: string | null, next_check_at?: string | null }): Promise<boolean> {
  const at = nowIso()
  const result = await db.updateTable('refunds')
    .set({ ...patch, updated_at: at, ...(patch.status === 'succeeded' ? { succeeded_at: at } : {}) })
    .where('id', '=', id)
    .where('status', 'in', from)
    .executeTakeFirst()
  return result.numUpdatedRows > 0n
}

/** A payment that took money for an order, and at most how much of it was for that order. */
export interface OrderPaymentShare {
  paymentId: string
  /** The payment's whole amount for its own payment; for a check payment what it covered of the order. */
  share: number
  /** What is left of the payment: its amount less what was refunded or is being refunded. */
  left: number
  /**
   * A check payment that also covered other orders and has money refunded (or being refunded): `left` cannot
   * say whether that was this order's share, so what is still owed for the order is unknown here.
   */
  sharedAndRefunded: boolean
}

/**
 * The paid payments that hold money for an order: its own (QR) payments, and check payments that covered it
 * (payment_orders). Call inside the transaction that records the refunds, so `left` cannot go stale.
 */
export async function paymentSharesOfOrder (db: Db, orderId: string): Promise<OrderPaymentShare[]> {
  const own = await db.selectFrom('payments').select(['id', 'amount']).where('order_id', '=', orderId)
    .where('status', 'in', REFUNDABLE_PAYMENT_STATUSES).orderBy('created_at').execute()
  const covering = await db.selectFrom('payment_orders').innerJoin('payments', 'payments.id', 'payment_orders.payment_id')
    .select(['payments.id as id', 'payment_orders.amount as amount'])
    .where('payment_orders.order_id', '=', orderId).where('payments.status', 'in', REFUNDABLE_PAYMENT_STATUSES)
    .orderBy('payments.created_at').execute()
  const shares: OrderPaymentShare[] = []
  for (const [index, { id, amount }] of [...own, ...covering].entries()) {
    const payment = await db.selectFrom('payments').select(['amount', 'refunded_amount']).where('id', '=', id).executeTakeFirstOrThrow()
    const left = payment.amount - payment.refunded_amount - await openRefundTotal(db, id)
    const coversOthers = index >= own.length && left < payment.amount && await db.selectFrom('payment_orders').select('order_id')
      .where('payment_id', '=', id).where('order_id', '!=', orderId).where('amount', '>', 0).executeTakeFirst() !== undefined
    shares.push({ paymentId: id, share: amount, left, sharedAndRefunded: coversOthers })
  }
  return shares
}
