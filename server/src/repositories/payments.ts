// Payments: SQL for the `payments` table, mapped to the shared Payment shape in one place.
import type { Insertable } from 'kysely'
import type { Db } from '../db/database.js'
import { databaseKind } from '../db/dialect.js'
import type { PaymentRow, PaymentsTable } from '../db/schema.js'
import { nowIso } from '../lib/tokens.js'
import type { Payment } from '#shared/schemas/payment.js'
import { OPEN_PAYMENT_STATUSES, REFUNDABLE_PAYMENT_STATUSES, type OrderStatus, type PaymentStatus } from '#shared/statuses.js'

export function toPayment (row: PaymentRow): Payment {
  return {
    id: row.id,
    orderId: row.order_id,
    checkId: row.check_id,
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

export async function getPayment (db: Db, id: string): Promise<PaymentRow | undefined> {
  return db.selectFrom('payments').selectAll().where('id', '=', id).executeTakeFirst()
}

/** The store a payment (an out_trade_no) belongs to, looked up on the root handle; null for an unknown one. */
export async function storeOfPayment (root: Db, id: string): Promise<string | null> {
  const row = await root.selectFrom('payments').select('store_id').where('id', '=', id).executeTakeFirst()
  return row?.store_id ?? null
}

/** The payment with its table (its order's, or its check's): who may see it, and where its updates go. */
export async function getPaymentWithTable (db: Db, id: string): Promise<{ payment: PaymentRow, tableId: string } | undefined> {
  const row = await db.selectFrom('payments')
    .leftJoin('orders', 'orders.id', 'payments.order_id')
    .leftJoin('checks', 'checks.id', 'payments.check_id')
    .selectAll('payments')
    .select(eb => eb.fn.coalesce('orders.table_id', 'checks.table_id').as('table_id'))
    .where('payments.id', '=', id).executeTakeFirst()
  if (!row || row.table_id === null) return undefined
  const { table_id: tableId, ...payment } = row
  return { payment, tableId }
}

/**
 * What marking a payment paid reads, in one statement: the payment, its table, and for a single order's
 * payment that order's status and check, and another payment of that order that took the money and still
 * holds some of it, if any. A check's payment has no order: its order fields are null.
 */
export interface PaymentToSettle {
  payment: PaymentRow
  tableId: string
  orderStatus: OrderStatus | null
  /** The check the payment's order belongs to (a single order's payment), else null. */
  orderCheckId: string | null
  otherPaidId: string | null
}

export async function getPaymentToSettle (db: Db, id: string): Promise<PaymentToSettle | undefined> {
  const row = await db.selectFrom('payments')
    .leftJoin('orders', 'orders.id', 'payments.order_id')
    .leftJoin('checks', 'checks.id', 'payments.check_id')
    .selectAll('payments')
    .select(eb => [
      eb.fn.coalesce('orders.table_id', 'checks.table_id').as('table_id'),
      'orders.status as order_status',
      'orders.check_id as order_check_id',
    ])
    .select(eb => eb.selectFrom('payments as other').select('other.id')
      .whereRef('other.order_id', '=', 'payments.order_id').whereRef('other.id', '!=', 'payments.id')
      .where('other.status', 'in', REFUNDABLE_PAYMENT_STATUSES).limit(1).as('other_paid_id'))
    .where('payments.id', '=', id).executeTakeFirst()
  if (!row || row.table_id === null) return undefined
  const { table_id: tableId, order_status: orderStatus, order_check_id: orderCheckId, other_paid_id: otherPaidId, ...payment } = row
  return { payment, tableId, orderStatus: (orderStatus ?? null) as OrderStatus | null, orderCheckId: orderCheckId ?? null, otherPaidId: otherPaidId ?? null }
}

/** Payments of many orders at once, for order lists. */
export async function paymentsOfOrders (db: Db, orderIds: readonly string[]): Promise<Map<string, Payment[]>> {
  const byOrder = new Map<string, Payment[]>()
  if (orderIds.length === 0) return byOrder
  const rows = await db.selectFrom('payments').selectAll().where('order_id', 'in', orderIds).orderBy('created_at').orderBy('id').execute()
  for (const row of rows) {
    if (row.order_id === null) continue
    const list = byOrder.get(row.order_id) ?? []
    list.push(toPayment(row))
    byOrder.set(row.order_id, list)
  }
  return byOrder
}

/** The order's payments that can still change on their own (OPEN_PAYMENT_STATUSES), newest first. */
export async function openPaymentsOfOrder (db: Db, orderId: string): Promise<PaymentRow[]> {
  return db.selectFrom('payments').selectAll()
    .where('order_id', '=', orderId).where('status', 'in', OPEN_PAYMENT_STATUSES).orderBy('created_at', 'desc').execute()
}

export interface PaymentListFilter {
  status?: PaymentStatus
  /** Created at or after this ISO instant. */
  createdFrom?: string
  /** Created before this ISO instant. */
  createdBefore?: string
  limit: number
}

/** The newest payments first, for the staff list. */
export async function listPayments (db: Db, filter: PaymentListFilter): Promise<Payment[]> {
  let query = db.selectFrom('payments').selectAll().orderBy('created_at', 'desc').limit(filter.limit)
  if (filter.status) query = query.where('status', '=', filter.status)
  if (filter.createdFrom) query = query.where('created_at', '>=', filter.createdFrom)
  if (filter.createdBefore) query = query.where('created_at', '<', filter.createdBefore)
  return (await query.execute()).map(toPayment)
}

/** How many open payments the reconciler still has to settle (a restart resumes them). */
export async function countOpenPayments (db: Db): Promise<number> {
  const row = await db.selectFrom('payments').select(({ fn }) => fn.countAll<number>().as('n'))
    .where('status', 'in', OPEN_PAYMENT_STATUSES).where('next_check_at', 'is not', null).executeTakeFirst()
  return Number(row?.n ?? 0)
}

/** Whether the handle's payments include one still to settle (OPEN_PAYMENT_STATUSES), due or not. */
export async function hasOpenPayments (db: Db): Promise<boolean> {
  const row = await db.selectFrom('payments').select('id').where('status', 'in', OPEN_PAYMENT_STATUSES).limit(1).executeTakeFirst()
  return row !== undefined
}

/**
 * A due payment or refund and its store: the reconciler claims on the root handle, across stores, and hands each
 * row to its store's services.
 */
export interface DueRow {
  id: string
  storeId: string
}

export function toDueRow (row: { id: string, store_id: string }): DueRow {
  return { id: row.id, storeId: row.store_id }
}

/** A claim of due rows by one process: its instance id, the time, until when the lease holds (ISO), how many at most. */
export interface LeaseClaim {
  owner: string
  now: string
  until: string
  limit: number
}

/**
 * Open payments whose next check is due at `now` (ISO), the longest-waiting first, read without a lease: on SQLite, where one
 * process serves the database and the in-process locks keep its checks apart, so a pass writes nothing.
 */
export async function duePaymentIds (db: Db, now: string, limit: number): Promise<DueRow[]> {
  const rows = await db.selectFrom('payments').select(['id', 'store_id'])
    .where('status', 'in', OPEN_PAYMENT_STATUSES).where('next_check_at', '<=', now)
    .orderBy('next_check_at').limit(limit).execute()
  return rows.map(toDueRow)
}

/**
 * Leases open payments whose next check is due at `now` and whose lease is free or expired, the longest-waiting
 * first, and gives their ids: one compare-and-set UPDATE, so a payment is claimed by one process at a time.
 */
export async function claimDuePayments (db: Db, claim: LeaseClaim): Promise<DueRow[]> {
  const rows = await db.updateTable('payments')
    .set({ lease_owner: claim.owner, lease_until: claim.until })
    .where('id', 'in', eb => eb.selectFrom('payments as due').select('due.id')
      .where('due.status', 'in', OPEN_PAYMENT_STATUSES).where('due.next_check_at', '<=', claim.now)
      .where(inner => inner.or([inner('due.lease_until', 'is', null), inner('due.lease_until', '<=', claim.now)]))
      .orderBy('due.next_check_at').limit(claim.limit)
      // On PostgreSQL a due row another claimer is taking right now is passed over, not waited for: the claim gets
      // the next due row instead of coming back empty once the other committed (which ended this process's pass).
      .$if(databaseKind(db) === 'postgres', due => due.forUpdate().skipLocked()))
    // The same conditions again on the row itself: on PostgreSQL a claimer that waited for another's row lock
    // re-reads them on the row as the other left it (the subquery's snapshot is not re-read), so it skips a
    // payment just claimed instead of claiming it twice.
    .where('status', 'in', OPEN_PAYMENT_STATUSES).where('next_check_at', '<=', claim.now)
    .where(eb => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', claim.now)]))
    .returning(['id', 'store_id'])
    .execute()
  return rows.map(toDueRow)
}

/** A finished check gives its lease up (if `owner` still holds it: an expired one may have moved on). */
export async function releasePaymentLease (db: Db, id: string, owner: string): Promise<void> {
  await db.updateTable('payments').set({ lease_owner: null, lease_until: null })
    .where('id', '=', id).where('lease_owner', '=', owner).execute()
}

/** The open payment's next check moved to `at` (ISO): its store cannot load now, so it must not stay the oldest due. */
export async function postponePaymentCheck (db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('payments').set({ next_check_at: at })
    .where('id', '=', id).where('status', 'in', OPEN_PAYMENT_STATUSES).where('next_check_at', 'is not', null).execute()
}

/** Every payment lease `owner` holds, given up at once (a process shutting down). */
export async function releasePaymentLeasesOf (db: Db, owner: string): Promise<number> {
  const result = await db.updateTable('payments').set({ lease_owner: null, lease_until: null })
    .where('lease_owner', '=', owner).executeTakeFirst()
  return Number(result.numUpdatedRows)
}

export async function insertPayment (db: Db, row: Insertable<PaymentsTable>): Promise<void> {
  await db.insertInto('payments').values(row).execute()
}

export interface PaymentPatch {
  status?: PaymentStatus
  qr_code?: string | null
  trade_no?: string | null
  buyer_id?: string | null
  buyer_open_id?: string | null
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
export async function updatePaymentIf (db: Db, id: string, from: readonly PaymentStatus[], patch: PaymentPatch): Promise<boolean> {
  const result = await db.updateTable('payments')
    .set({ ...patch, updated_at: nowIso() })
    .where('id', '=', id)
    .where('status', 'in', from)
    .executeTakeFirst()
  return result.numUpdatedRows > 0n
}

/** updatePaymentIf that also gives the row as written (undefined when it was not in `from`), so no read follows. */
export async function updatePaymentReturning (db: Db, id: string, from: readonly PaymentStatus[], patch: PaymentPatch): Promise<PaymentRow | undefined> {
  return db.updateTable('payments')
    .set({ ...patch, updated_at: nowIso() })
    .where('id', '=', id)
    .where('status', 'in', from)
    .returningAll()
    .executeTakeFirst()
}
