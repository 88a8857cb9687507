// Print jobs: SQL for `print_jobs`, the durable queue. A job is unprinted until `printed_at` is set, which the
// worker does only after the printer's socket took all of it; each printer's jobs go out in id order.
import type { Db } from '../db/database.js'
import type { PrintJobRow } from '../db/schema.js'

export type PrintJobKind = 'kitchen' | 'reprint' | 'cancel' | 'receipt' | 'test'

export interface NewPrintJob {
  printerId: string
  kind: PrintJobKind
  orderId: string | null
  lineNos: number[] | null
  staffId: string | null
  createdAt: string
}

/** Inserts the jobs (in the caller's transaction when there is one) and returns their ids, in order. */
export async function insertPrintJobs (db: Db, jobs: readonly NewPrintJob[]): Promise<Array<{ id: number, printerId: string }>> {
  if (jobs.length === 0) return []
  const rows = await db.insertInto('print_jobs').values(jobs.map(job => ({
    printer_id: job.printerId,
    kind: job.kind,
    order_id: job.orderId,
    line_nos: job.lineNos === null ? null : JSON.stringify(job.lineNos),
    staff_id: job.staffId,
    created_at: job.createdAt,
    last_error: null,
    printed_at: null,
  }))).returning(['id', 'printer_id']).execute()
  return rows.map(row => ({ id: row.id, printerId: row.printer_id }))
}

/** Printers with at least one unprinted job. */
export async function printersWithQueue (db: Db): Promise<string[]> {
  const rows = await db.selectFrom('print_jobs').select('printer_id').distinct().where('printed_at', 'is', null).execute()
  return rows.map(row => row.printer_id)
}

/** The printer's oldest unprinted job: the only one it may print next. */
export async function nextPrintJob (db: Db, printerId: string): Promise<PrintJobRow | undefined> {
  return db.selectFrom('print_jobs').selectAll()
    .where('printer_id', '=', printerId).where('printed_at', 'is', null).orderBy('id').limit(1).executeTakeFirst()
}

/** False when it was already marked (never twice). */
export async function markJobPrinted (db: Db, id: number, at: string): Promise<boolean> {
  const result = await db.updateTable('print_jobs').set({ printed_at: at }).where('id', '=', id).where('printed_at', 'is', null).executeTakeFirst()
  return result.numUpdatedRows > 0n
}

export async function markJobFailed (db: Db, id: number, error: string): Promise<void> {
  await db.updateTable('print_jobs').set(eb => ({ attempts: eb('attempts', '+', 1), last_error: error })).where('id', '=', id).execute()
}

/** Printed jobs are history only: the ones older than `before` (ISO) are dropped. */
export async function deletePrintedJobs (db: Db, before: string): Promise<void> {
  await db.deleteFrom('print_jobs').where('printed_at', 'is not', null).where('printed_at', '<', before).execute()
}

export interface OrderTicketJob {
  id: number
  printerId: string
  /** The order's line numbers on this ticket; null for all of them. */
  lineNos: number[] | null
  /**
   * Unprinted with an older unprinted job on the same printer: it was never sent (the worker sends only a
   * printer's oldest unprinted job, and a job is never unmarked), and it cannot be sent before this
   * transaction ends.
   */
  neverSent: boolean
}

/** The kitchen tickets (first and reprints) queued for the order, oldest first: what each kitchen was given. */
export async function orderTicketJobs (db: Db, orderId: string): Promise<OrderTicketJob[]> {
  const rows = await db.selectFrom('print_jobs as job')
    .select(['job.id', 'job.printer_id', 'job.line_nos'])
    .select(eb => eb.and([
      eb('job.printed_at', 'is', null),
      eb.exists(eb.selectFrom('print_jobs as older').select('older.id')
        .whereRef('older.printer_id', '=', 'job.printer_id').whereRef('older.id', '<', 'job.id').where('older.printed_at', 'is', null)),
    ]).as('never_sent'))
    .where('job.order_id', '=', orderId).where('job.kind', 'in', ['kitchen', 'reprint']).orderBy('job.id').execute()
  return rows.map(row => ({
    id: row.id,
    printerId: row.printer_id,
    lineNos: row.line_nos === null ? null : JSON.parse(row.line_nos) as number[],
    neverSent: Boolean(row.never_sent),
  }))
}

/** Drops unprinted jobs that are no longer needed (their order was cancelled before they could be sent). */
export async function deleteUnprintedJobs (db: Db, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return
  await db.deleteFrom('print_jobs').where('id', 'in', ids).where('printed_at', 'is', null).execute()
}

/** Each line of the order with its dish's category, for routing (removed dishes keep their category). */
export async function orderLineCategories (db: Db, orderId: string): Promise<Array<{ lineNo: number, categoryId: string }>> {
  const rows = await db.selectFrom('order_lines').innerJoin('items', 'items.id', 'order_lines.item_id')
    .select(['order_lines.line_no', 'items.category_id']).where('order_lines.order_id', '=', orderId).orderBy('order_lines.line_no').execute()
  return rows.map(row => ({ lineNo: row.line_no, categoryId: row.category_id }))
}

export interface ReceiptPaymentRow {
  /** What the payment put towards this order: all of a single order's payment, a check payment's share. */
  amount: number
  refundedAmount: number
  tradeNo: string | null
  paidAt: string | null
}

/**
 * The payments that took money for the order (its own, and the table's check payments that covered it), oldest
 * first. A check payment's refund is the check's, so it is shown against this order only for its own payments.
 */
export async function receiptPayments (db: Db, orderId: string): Promise<ReceiptPaymentRow[]> {
  const taken = ['paid', 'partially_refunded', 'refunded']
  const own = await db.selectFrom('payments').select(['amount', 'refunded_amount', 'trade_no', 'paid_at', 'created_at'])
    .where('order_id', '=', orderId).where('status', 'in', taken).execute()
  const shares = await db.selectFrom('payment_orders').innerJoin('payments', 'payments.id', 'payment_orders.payment_id')
    .select(['payment_orders.amount', 'payments.trade_no', 'payments.paid_at', 'payments.created_at'])
    .where('payment_orders.order_id', '=', orderId).where('payments.order_id', 'is', null).where('payments.status', 'in', taken).execute()
  return [
    ...own.map(row => ({ amount: row.amount, refundedAmount: row.refunded_amount, tradeNo: row.trade_no, paidAt: row.paid_at, createdAt: row.created_at })),
    ...shares.map(row => ({ amount: row.amount, refundedAmount: 0, tradeNo: row.trade_no, paidAt: row.paid_at, createdAt: row.created_at })),
  ].sort((a, b) => a.createdAt.localeCompare(b.createdAt)).map(({ createdAt: _, ...row }) => row)
}

/** The table's Chinese name (014), for tickets printed in Chinese; null when it has none. */
export async function tableChineseLabel (db: Db, tableId: string): Promise<string | null> {
  const row = await db.selectFrom('tables').select('label_zh').where('id', '=', tableId).executeTakeFirst()
  return row?.label_zh ?? null
}
