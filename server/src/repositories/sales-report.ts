// The sales report's SQL: sums of what was sold and refunded between two UTC instants, and the order lines
// of the CSV export page by page. No time zone here: the store's days and hours are made in
// reports/sales-report.ts from the 15-minute UTC buckets these queries group by.
//
// Sold = orders.paid_at in [start, end), whatever the order's status since: an order cancelled after it was
// sold stays in gross on its sale day, and the money given back is its refund, counted on the refund's day
// (leaving it out of gross as well would take that money off twice). An order cancelled before it was sold
// has no paid_at, so it is never counted. Every query on orders is a range scan of `orders_paid_at`, which
// covers the columns they read (008); the plans are pinned in server/test/db/query-plans.test.ts.
import { sql, type SelectQueryBuilder, type SqlBool } from 'kysely'
import type { Db } from '../db/database.js'
import type { Database } from '../db/schema.js'
import { PaymentStatusEnum } from '#shared/statuses.js'

/** [startUtc, endUtc): ISO UTC instants, compared as text (stored timestamps all have one length). */
export interface UtcRange {
  startUtc: string
  endUtc: string
}

/** Payments that took the diner's money (a refunded one did too, before giving it back). */
export const MONEY_TAKEN_STATUSES = [PaymentStatusEnum.PAID, PaymentStatusEnum.PARTIALLY_REFUNDED, PaymentStatusEnum.REFUNDED]

/**
 * The 15-minute UTC bucket of a stored ISO timestamp: its hour ("2026-03-01T15") and its quarter (0–3).
 * Every zone in use today is offset from UTC by a multiple of 15 minutes and changes on whole quarters, so a
 * bucket never straddles a local hour or day: mapping each bucket's start to the wall clock is exact.
 * Plain substr and integer division, as PostgreSQL has them too.
 */
function bucketColumns (column: 'paid_at' | 'succeeded_at' | 'orders.paid_at' | 'refunds.succeeded_at') {
  const ref = sql.ref(column)
  return [
    sql<string>`substr(${ref}, 1, 13)`.as('hour'),
    sql<number>`cast(substr(${ref}, 15, 2) as integer) / 15`.as('quarter'),
  ] as const
}

export interface SoldBucket {
  /** YYYY-MM-DDTHH (UTC). */
  hour: string
  quarter: number
  /** 1: placed from a diner's phone; 0: on the table's tablet. */
  phone: number
  orders: number
  gross: number
  /** Orders with a zero total: they needed no payment (method `none`). */
  free: number
}

/** Orders sold in the range, by 15-minute UTC bucket and channel. */
export async function soldBuckets (db: Db, range: UtcRange): Promise<SoldBucket[]> {
  const rows = await db.selectFrom('orders')
    .select([
      ...bucketColumns('paid_at'),
      sql<number>`case when diner_id is null then 0 else 1 end`.as('phone'),
      eb => eb.fn.countAll<number>().as('orders'),
      eb => eb.fn.sum<number>('total').as('gross'),
      sql<number>`sum(case when total = 0 then 1 else 0 end)`.as('free'),
    ])
    .where('paid_at', '>=', range.startUtc).where('paid_at', '<', range.endUtc)
    .groupBy(['hour', 'quarter', 'phone'])
    .execute()
  return rows.map(row => ({ ...row, orders: Number(row.orders), gross: Number(row.gross), free: Number(row.free) }))
}

/**
 * 1 when a refund counts against sales, else 0. Rule: a refund counts against sales when staff asked for
 * it (`refunds.staff_id` not null): it gives back money that was in gross. The refunds Tablepad makes by
 * itself (staff_id null: a double payment's surplus, a payment that arrived after its order was cancelled —
 * payment-service.ts `refundOwed`) return money that was never a sale, so they lower no sales total; they
 * still count in the refunds by payment method (the money went back through Alipay) and in the Z-report's
 * list of refunds. The sales report and the Z-report (day-figures.ts) both read it from here.
 */
export const REFUND_AGAINST_SALES = sql<number>`case when refunds.staff_id is not null then 1 else 0 end`

export interface RefundBucket {
  hour: string
  quarter: number
  method: string
  /** 1: asked for by staff, counts against sales (REFUND_AGAINST_SALES); 0: automatic. */
  againstSales: number
  refunds: number
  amount: number
}

/** Refunds that succeeded in the range, by 15-minute UTC bucket, the refunded payment's method and who asked. */
export async function refundBuckets (db: Db, range: UtcRange): Promise<RefundBucket[]> {
  const rows = await db.selectFrom('refunds')
    .innerJoin('payments', 'payments.id', 'refunds.payment_id')
    .select([
      ...bucketColumns('refunds.succeeded_at'),
      'payments.method as method',
      REFUND_AGAINST_SALES.as('againstSales'),
      eb => eb.fn.countAll<number>().as('refunds'),
      eb => eb.fn.sum<number>('refunds.amount').as('amount'),
    ])
    .where('refunds.succeeded_at', '>=', range.startUtc).where('refunds.succeeded_at', '<', range.endUtc)
    .where('refunds.status', '=', 'succeeded')
    .groupBy(['hour', 'quarter', 'method', 'againstSales'])
    .execute()
  return rows.map(row => ({ ...row, againstSales: Number(row.againstSales), refunds: Number(row.refunds), amount: Number(row.amount) }))
}

export interface MethodTotal {
  method: string
  payments: number
  amount: number
}

/**
 * Payments paid in the range, by method (what each way of paying took in, refunded later or not). The status
 * is tested inside the sums, not in WHERE: given `status in (…)` SQLite reads every paid payment ever through
 * the status index; this way the range on `payments_paid_at` (which carries status, method and amount) is
 * the only access path. Only payments that took money have a paid_at anyway.
 */
export async function paymentsByMethod (db: Db, range: UtcRange): Promise<MethodTotal[]> {
  const took = sql<SqlBool>`status in (${sql.join(MONEY_TAKEN_STATUSES)})`
  const rows = await db.selectFrom('payments')
    .select([
      'method',
      sql<number>`sum(case when ${took} then 1 else 0 end)`.as('payments'),
      sql<number>`sum(case when ${took} then amount else 0 end)`.as('amount'),
    ])
    .where('paid_at', '>=', range.startUtc).where('paid_at', '<', range.endUtc)
    .groupBy('method')
    .execute()
  return rows.filter(row => Number(row.payments) > 0)
    .map(row => ({ method: row.method, payments: Number(row.payments), amount: Number(row.amount) }))
}

export interface TableTotal {
  tableId: string
  orders: number
  gross: number
}

/** Orders sold in the range by table (the seatings: soldChecks). */
export async function soldByTable (db: Db, range: UtcRange): Promise<TableTotal[]> {
  const rows = await db.selectFrom('orders')
    .select([
      'table_id as tableId',
      eb => eb.fn.countAll<number>().as('orders'),
      eb => eb.fn.sum<number>('total').as('gross'),
    ])
    .where('paid_at', '>=', range.startUtc).where('paid_at', '<', range.endUtc)
    .groupBy('table_id')
    .execute()
  return rows.map(row => ({ tableId: row.tableId, orders: Number(row.orders), gross: Number(row.gross) }))
}

export interface SoldCheck {
  tableId: string
  checkId: string
  /** The first time an order of this check at this table was sold before the range, or null if none was. */
  soldBefore: string | null
}

/**
 * The (table, check) pairs with an order sold in the range — a table's seatings — each with whether one of its
 * orders was sold before the range began. That is what lets the seatings of consecutive ranges (cached days,
 * the days still open) add up to those of the whole: a seating counts in the range where it was first sold,
 * and is carried into later ones (see reports/sales-span.ts). The earlier sale is sought through the check's
 * own orders (`orders_check_id`, a few rows), only for the range's pairs.
 */
export async function soldChecks (db: Db, range: UtcRange): Promise<SoldCheck[]> {
  const rows = await db.selectFrom('orders')
    .select([
      'orders.table_id as tableId',
      'orders.check_id as checkId',
      eb => eb.selectFrom('orders as earlier')
        .select(eb2 => eb2.fn.min<string>('earlier.paid_at').as('at'))
        .whereRef('earlier.check_id', '=', 'orders.check_id')
        .whereRef('earlier.table_id', '=', 'orders.table_id')
        .where('earlier.paid_at', '<', range.startUtc)
        .as('soldBefore'),
    ])
    .where('orders.paid_at', '>=', range.startUtc).where('orders.paid_at', '<', range.endUtc)
    .where('orders.check_id', 'is not', null)
    .groupBy(['orders.table_id', 'orders.check_id'])
    .execute()
  return rows.map(row => ({ tableId: row.tableId, checkId: row.checkId!, soldBefore: row.soldBefore ?? null }))
}

export interface ItemTotal {
  itemId: string
  quantity: number
  gross: number
}

/**
 * Lines of the orders sold in the range, by dish: quantities and line totals. The lines are reached through
 * `order_id in (sold orders)`, not a join: SQLite then seeks `order_lines_sales` once per order in order-id
 * order (the IN list is an index of its own), so consecutive seeks land on the same or the next page; a join
 * seeks in paid_at order, and ids are random: a random page of a 36 MB index for each of a year's ≈110 k
 * orders (measured: the IN form's seeks take about half the join's). The rest is the sort GROUP BY needs
 * (SQLite has no hash aggregate). One pass for the whole range: reading it a month at a time, each month
 * sorted on its own, measured no faster with the IN form.
 */
export async function soldByItem (db: Db, range: UtcRange): Promise<ItemTotal[]> {
  const rows = await db.selectFrom('order_lines')
    .select([
      'order_lines.item_id as itemId',
      eb => eb.fn.sum<number>('order_lines.quantity').as('quantity'),
      eb => eb.fn.sum<number>('order_lines.line_total').as('gross'),
    ])
    .where('order_lines.order_id', 'in', eb => eb.selectFrom('orders').select('orders.id')
      .where('orders.paid_at', '>=', range.startUtc).where('orders.paid_at', '<', range.endUtc))
    .groupBy('order_lines.item_id')
    .execute()
  return rows.map(row => ({ itemId: row.itemId, quantity: Number(row.quantity), gross: Number(row.gross) }))
}

export interface MenuEntry {
  id: string
  /** LocalizedText JSON. */
  names: string
}

/** Every dish ever on the menu (removed ones too: past lines point at them) with its category. */
export async function dishesWithCategory (db: Db): Promise<Array<MenuEntry & { categoryId: string }>> {
  return db.selectFrom('items').select(['id', 'names', 'category_id as categoryId']).execute()
}

export async function allCategories (db: Db): Promise<MenuEntry[]> {
  return db.selectFrom('categories').select(['id', 'names']).execute()
}

export interface DinerVisit {
  idHash: string
  /** The diner's last order sold in the range. */
  lastInRange: string
  /** Their first order ever sold (kept as long as the diner's row: DINER_DATA_DAYS). */
  firstEver: string
}

/**
 * Diners known by their Alipay id's salted hash (009) who had an order sold in the range, with their first
 * order ever: they are returning when that was on an earlier day. Never the ids themselves.
 */
export async function dinerVisits (db: Db, range: UtcRange): Promise<DinerVisit[]> {
  const inRange = sql<SqlBool>`orders.paid_at >= ${range.startUtc}`
  const rows = await db.selectFrom('orders')
    .innerJoin('diners', 'diners.id', 'orders.diner_id')
    .select([
      'diners.id_hash as idHash',
      sql<string>`max(case when ${inRange} then orders.paid_at end)`.as('lastInRange'),
      eb => eb.fn.min<string>('orders.paid_at').as('firstEver'),
    ])
    .where('orders.paid_at', '<', range.endUtc)
    .where('diners.id_hash', 'in', eb => eb.selectFrom('orders as sold')
      .innerJoin('diners as known', 'known.id', 'sold.diner_id')
      .select('known.id_hash')
      .where('sold.paid_at', '>=', range.startUtc).where('sold.paid_at', '<', range.endUtc)
      .where('known.id_hash', 'is not', null))
    .groupBy('diners.id_hash')
    .execute()
  return rows.filter(row => row.idHash !== null && row.lastInRange !== null)
    .map(row => ({ idHash: row.idHash!, lastInRange: row.lastInRange, firstEver: row.firstEver }))
}

export interface SoldOutRow {
  itemId: string
  names: string
  at: string
  /** The dish's next return to the menu before the range's end. */
  until: string | null
}

/** Dishes marked sold out in the range, each with when it came back (if it did before the range ended). */
export async function soldOutEvents (db: Db, range: UtcRange): Promise<SoldOutRow[]> {
  return db.selectFrom('menu_availability_events as gone')
    .innerJoin('items', 'items.id', 'gone.item_id')
    .select([
      'gone.item_id as itemId',
      'items.names as names',
      'gone.at as at',
      eb => eb.selectFrom('menu_availability_events as back')
        .select(eb2 => eb2.fn.min<string>('back.at').as('at'))
        .whereRef('back.item_id', '=', 'gone.item_id')
        .where('back.available', '=', 1)
        .whereRef('back.at', '>', 'gone.at')
        .where('back.at', '<', range.endUtc)
        .as('until'),
    ])
    .where('gone.available', '=', 0)
    .where('gone.at', '>=', range.startUtc).where('gone.at', '<', range.endUtc)
    .orderBy('gone.at').orderBy('gone.id')
    .execute()
}

// ---- The CSV export: one row per line of the sold orders, read a page of orders at a time ----------------

/** A position in the export's order: sold time, then order number (unique). */
export interface ExportKey {
  paidAt: string
  number: number
}

/** The orders of one page: after `after` (or from the range's start), up to and including `last`. */
export interface ExportPage {
  after: ExportKey | null
  last: ExportKey
}

export interface ExportLine {
  orderId: string
  number: number
  paidAt: string
  tableId: string
  orderTotal: number
  names: string
  options: string
  quantity: number
  unitPrice: number
  lineTotal: number
}

export interface ExportPayment {
  orderId: string
  method: string
  tradeNo: string | null
}

/** Orders per page: a page's lines and payments are all the export holds in memory. */
export const EXPORT_PAGE_ORDERS = 500

/**
 * The last order of the next page (keyset: paid_at, then number, the order of `orders_paid_at`), or null
 * when none is left. Each page is then read by that key range, so no page is held across queries and
 * none keeps the database busy while the file is being sent.
 */
export async function nextExportPage (db: Db, range: UtcRange, after: ExportKey | null): Promise<ExportPage | null> {
  const rows = await sold(db.selectFrom('orders'), range, after)
    .select(['paid_at as paidAt', 'number'])
    .orderBy('paid_at').orderBy('number').limit(EXPORT_PAGE_ORDERS).execute()
  const last = rows.at(-1)
  return last ? { after, last: { paidAt: last.paidAt!, number: last.number } } : null
}

/** Sold orders of `range` after `after` (and up to `last`), for a query on `orders`. */
function sold<Q extends SelectQueryBuilder<Database, 'orders', object>> (query: Q, range: UtcRange, after: ExportKey | null, last?: ExportKey): Q {
  let bounded = query.where('orders.paid_at', '<', range.endUtc) as Q
  bounded = (after === null
    ? bounded.where('orders.paid_at', '>=', range.startUtc)
    : bounded.where(sql<SqlBool>`(orders.paid_at, orders.number) > (${after.paidAt}, ${after.number})`)) as Q
  // The plain `paid_at <=` lets the index range end at the page (SQLite bounds a range by a row value only from below).
  if (last) bounded = bounded.where('orders.paid_at', '<=', last.paidAt).where(sql<SqlBool>`(orders.paid_at, orders.number) <= (${last.paidAt}, ${last.number})`) as Q
  return bounded
}

/** The page's lines with their orders, in sold order and line order. */
export async function exportLines (db: Db, range: UtcRange, page: ExportPage): Promise<ExportLine[]> {
  return sold(db.selectFrom('orders').innerJoin('order_lines', 'order_lines.order_id', 'orders.id'), range, page.after, page.last)
    .select([
      'orders.id as orderId', 'orders.number as number', 'orders.paid_at as paidAt', 'orders.table_id as tableId', 'orders.total as orderTotal',
      'order_lines.names as names', 'order_lines.options as options', 'order_lines.quantity as quantity',
      'order_lines.unit_price as unitPrice', 'order_lines.line_total as lineTotal',
    ])
    .orderBy('orders.paid_at').orderBy('orders.number').orderBy('order_lines.line_no')
    .execute() as Promise<ExportLine[]>
}

/**
 * The payments that took money for the page's orders: their own, and check payments covering them, oldest
 * first. The status is checked here rather than in WHERE: given `payments.status in (…)`, SQLite without
 * statistics starts from the status index (every paid payment ever) instead of the page's orders.
 */
export async function exportPayments (db: Db, range: UtcRange, page: ExportPage): Promise<ExportPayment[]> {
  const columns = ['orders.id as orderId', 'payments.method as method', 'payments.trade_no as tradeNo', 'payments.paid_at as paidAt', 'payments.status as status'] as const
  const own = await sold(db.selectFrom('orders').innerJoin('payments', 'payments.order_id', 'orders.id'), range, page.after, page.last)
    .select(columns)
    .execute()
  const covering = await sold(db.selectFrom('orders')
    .innerJoin('payment_orders', 'payment_orders.order_id', 'orders.id')
    .innerJoin('payments', 'payments.id', 'payment_orders.payment_id'), range, page.after, page.last)
    .select(columns)
    .where('payment_orders.amount', '>', 0)
    .execute()
  const took: readonly string[] = MONEY_TAKEN_STATUSES
  return [...own, ...covering]
    .filter(row => took.includes(row.status))
    .sort((a, b) => (a.paidAt ?? '').localeCompare(b.paidAt ?? ''))
    .map(row => ({ orderId: row.orderId, method: row.method, tradeNo: row.tradeNo }))
}

export async function tableLabels (db: Db): Promise<Map<string, string>> {
  return new Map((await db.selectFrom('tables').select(['id', 'label']).execute()).map(table => [table.id, table.label]))
}
