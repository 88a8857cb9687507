// Reconciliation with Alipay's bill: the day's payments and refunds as the bill should list them, and the
// stored result of each bill day (SQL only here; reconciliation/ does the rest).
import type { ExpressionBuilder } from 'kysely'
import type { Db } from '../db/database.js'
import type { Database } from '../db/schema.js'
import type { BillReconciliationsTable } from '../db/schema.js'

/** The payment statuses in which Alipay took the money (a refund does not undo the trade line of the bill). */
export const TAKEN_PAYMENT_STATUSES = ['paid', 'partially_refunded', 'refunded'] as const

export interface TakenPaymentRow {
  id: string
  trade_no: string | null
  amount: number
  paid_at: string | null
  status: string
  /** Whether any refund of it succeeded here: a `refunded` payment without one was returned by Alipay's cancel. */
  has_refunds: number
}

export interface SucceededRefundRow {
  payment_id: string
  out_request_no: string
  amount: number
  succeeded_at: string | null
}

const PAYMENT_COLUMNS = ['id', 'trade_no', 'amount', 'paid_at', 'status'] as const

function hasRefunds (eb: ExpressionBuilder<Database, 'payments'>) {
  return eb.exists(eb.selectFrom('refunds').select('refunds.id')
    .whereRef('refunds.payment_id', '=', 'payments.id').where('refunds.status', '=', 'succeeded'))
    .$castTo<number>().as('has_refunds')
}

/** Payments Alipay took whose payment time is in [from, to) (ISO instants). */
export async function takenPaymentsBetween (db: Db, from: string, to: string): Promise<TakenPaymentRow[]> {
  return db.selectFrom('payments').select(PAYMENT_COLUMNS).select(hasRefunds)
    .where('status', 'in', TAKEN_PAYMENT_STATUSES).where('paid_at', '>=', from).where('paid_at', '<', to)
    .execute()
}

/** Bound parameters per query, well under SQLite's limit, for `in (…)` lists made from a bill. */
const CHUNK = 500

async function inChunks<T> (values: readonly string[], query: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const rows: T[] = []
  for (let start = 0; start < values.length; start += CHUNK) rows.push(...await query(values.slice(start, start + CHUNK)))
  return rows
}

/** Of these out_trade_nos (payment ids), the payments Alipay took, whatever day they were paid. */
export async function takenPaymentsByIds (db: Db, ids: readonly string[]): Promise<TakenPaymentRow[]> {
  return inChunks(ids, chunk => db.selectFrom('payments').select(PAYMENT_COLUMNS).select(hasRefunds)
    .where('status', 'in', TAKEN_PAYMENT_STATUSES).where('id', 'in', chunk)
    .execute())
}

/** Which of these ids are payments of ours at all, in any status (a bill line may name one we gave up). */
export async function existingPaymentIds (db: Db, ids: readonly string[]): Promise<string[]> {
  const rows = await inChunks(ids, chunk => db.selectFrom('payments').select('id').where('id', 'in', chunk).execute())
  return rows.map(row => row.id)
}

/**
 * Which of these ids are not the store's to reconcile (on the root handle): payments of ANOTHER store (stores sharing
 * one Alipay account share its bill, and each reconciles its own lines) and, unless `keepUnknown`, ids of no store's
 * payment: one of the stores sharing an account reports those, not each of them again.
 */
export async function tradeNosNotOfStore (root: Db, storeId: string, ids: readonly string[], keepUnknown: boolean): Promise<string[]> {
  const rows = await inChunks(ids, chunk => root.selectFrom('payments').select(['id', 'store_id']).where('id', 'in', chunk).execute())
  if (keepUnknown) return rows.filter(row => row.store_id !== storeId).map(row => row.id)
  const ours = new Set(rows.filter(row => row.store_id === storeId).map(row => row.id))
  return ids.filter(id => !ours.has(id))
}

/** Refunds that succeeded in [from, to). */
export async function succeededRefundsBetween (db: Db, from: string, to: string): Promise<SucceededRefundRow[]> {
  return db.selectFrom('refunds').select(['payment_id', 'out_request_no', 'amount', 'succeeded_at'])
    .where('status', '=', 'succeeded').where('succeeded_at', '>=', from).where('succeeded_at', '<', to)
    .execute()
}

/** Of these out_request_nos, the refunds that succeeded, whatever day. */
export async function succeededRefundsByRequestNos (db: Db, outRequestNos: readonly string[]): Promise<SucceededRefundRow[]> {
  return inChunks(outRequestNos, chunk => db.selectFrom('refunds').select(['payment_id', 'out_request_no', 'amount', 'succeeded_at'])
    .where('status', '=', 'succeeded').where('out_request_no', 'in', chunk)
    .execute())
}

/** A day's result as read and written: its store_id is the scoped handle's (db/store-scope.ts). */
export type BillReconciliationRow = Omit<BillReconciliationsTable, 'store_id'>

export async function getBillReconciliation (db: Db, date: string): Promise<BillReconciliationRow | undefined> {
  return db.selectFrom('bill_reconciliations').selectAll().where('date', '=', date).executeTakeFirst()
}

/** The day's latest result replaces the one before. */
export async function saveBillReconciliation (db: Db, row: BillReconciliationRow): Promise<void> {
  await db.insertInto('bill_reconciliations').values(row)
    .onConflict(oc => oc.column('date').doUpdateSet({
      status: row.status, checked_at: row.checked_at, reason: row.reason, counts: row.counts, mismatches: row.mismatches,
    }))
    .execute()
}

/** The mismatch keys of the day staff were already alerted to. */
export async function alertedMismatchKeys (db: Db, date: string): Promise<Set<string>> {
  const rows = await db.selectFrom('bill_reconciliation_alerts').select('mismatch_key').where('date', '=', date).execute()
  return new Set(rows.map(row => row.mismatch_key))
}

export async function rememberMismatchAlert (db: Db, date: string, mismatchKey: string, alertId: string, at: string): Promise<void> {
  await db.insertInto('bill_reconciliation_alerts')
    .values({ date, mismatch_key: mismatchKey, alert_id: alertId, created_at: at })
    .execute()
}
