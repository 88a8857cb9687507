// The facts of one business day for its Z-report (reports/day-figures.ts words them): SQL over orders,
// refunds and checks between two UTC instants (payments by method: sales-report.ts, as the sales report). An order is sold at `orders.paid_at`
// (whether or not it was cancelled afterwards: its refund is what undoes it); a refund counts at
// `refunds.succeeded_at`, against sales only when staff asked for it (REFUND_AGAINST_SALES); an order is
// cancelled when its status became cancelled (`updated_at`: nothing changes a cancelled order afterwards).
import { sql } from 'kysely'
import type { Db } from '../db/database.js'
import type { CheckRow } from '../db/schema.js'
import type { UtcBounds } from '../reports/report-dates.js'
import { OWNER_FALLBACK_NAME } from './business-days.js'
import { REFUND_AGAINST_SALES } from './sales-report.js'
import { CheckStatusEnum } from '#shared/schemas/check.js'
import { OrderStatusEnum, RefundStatusEnum } from '#shared/statuses.js'

/** Every status but cancelled, spelled out so the (status, created_at) index serves the range. */
const NOT_CANCELLED_STATUSES = Object.values(OrderStatusEnum).filter(status => status !== OrderStatusEnum.CANCELLED)

export interface SoldTotals {
  orders: number
  gross: number
  /** Sold orders that came to nothing, so no payment was made for them. */
  freeOrders: number
}

export async function soldTotals (db: Db, { startUtc, endUtc }: UtcBounds): Promise<SoldTotals> {
  const row = await db.selectFrom('orders')
    .select(({ fn, eb }) => [
      fn.countAll<number>().as('orders'),
      fn.coalesce(fn.sum<number>('total'), eb.lit(0)).as('gross'),
      fn.sum<number>(eb.case().when('total', '=', 0).then(1).else(0).end()).as('free'),
    ])
    .where('paid_at', '>=', startUtc)
    .where('paid_at', '<', endUtc)
    .executeTakeFirstOrThrow()
  return { orders: Number(row.orders), gross: Number(row.gross), freeOrders: Number(row.free ?? 0) }
}

export interface DayRefund {
  refundId: string
  method: string
  orderNumber: number | null
  amount: number
  reason: string
  at: string
  staffName: string | null
  /** Asked for by staff, so it lowers the day's sales; false for Tablepad's automatic refunds (REFUND_AGAINST_SALES). */
  againstSales: boolean
}

/** Refunds that succeeded in the range, oldest first, with their payment's method and order and who made them. */
export async function refundsSucceeded (db: Db, { startUtc, endUtc }: UtcBounds): Promise<DayRefund[]> {
  const rows = await db.selectFrom('refunds')
    .innerJoin('payments', 'payments.id', 'refunds.payment_id')
    .leftJoin('orders', 'orders.id', 'payments.order_id')
    .leftJoin('staff', 'staff.id', 'refunds.staff_id')
    .select(['refunds.id', 'refunds.amount', 'refunds.reason', 'refunds.succeeded_at', 'refunds.staff_id', 'payments.method', 'orders.number', 'staff.name'])
    .select(REFUND_AGAINST_SALES.as('against_sales'))
    .where('refunds.status', '=', RefundStatusEnum.SUCCEEDED)
    .where('refunds.succeeded_at', '>=', startUtc)
    .where('refunds.succeeded_at', '<', endUtc)
    .orderBy('refunds.succeeded_at')
    .orderBy('refunds.id')
    .execute()
  return rows.map(row => ({
    refundId: row.id,
    method: row.method,
    orderNumber: row.number,
    amount: row.amount,
    reason: row.reason,
    at: row.succeeded_at!,
    // No staff: Tablepad's own refund. Staff the store's list does not hold: the chain's owner (business-days.ts).
    staffName: row.staff_id === null ? null : row.name ?? OWNER_FALLBACK_NAME,
    againstSales: Number(row.against_sales) === 1,
  }))
}

export interface DayCancelledOrder {
  orderId: string
  orderNumber: number
  tableLabel: string
  total: number
  reason: string | null
  at: string
}

/** Orders cancelled in the range (whenever they were placed), oldest first. */
export async function ordersCancelled (db: Db, { startUtc, endUtc }: UtcBounds): Promise<DayCancelledOrder[]> {
  const rows = await db.selectFrom('orders')
    .innerJoin('tables', 'tables.id', 'orders.table_id')
    .select(['orders.id', 'orders.number', 'orders.total', 'orders.cancel_reason', 'orders.updated_at', 'tables.label'])
    .where('orders.status', '=', OrderStatusEnum.CANCELLED)
    .where('orders.updated_at', '>=', startUtc)
    .where('orders.updated_at', '<', endUtc)
    .orderBy('orders.updated_at')
    .orderBy('orders.number')
    .execute()
  return rows.map(row => ({
    orderId: row.id, orderNumber: row.number, tableLabel: row.label, total: row.total, reason: row.cancel_reason, at: row.updated_at,
  }))
}

/** Checks open now that were opened before `before`, oldest first, with their table's label. */
export async function openChecksBefore (db: Db, before: string): Promise<Array<CheckRow & { table_label: string }>> {
  return db.selectFrom('checks')
    .innerJoin('tables', 'tables.id', 'checks.table_id')
    .selectAll('checks')
    .select('tables.label as table_label')
    // A literal, not a parameter: only then may the database use the partial index of open checks.
    .where('checks.status', '=', sql.lit(CheckStatusEnum.OPEN))
    .where('checks.opened_at', '<', before)
    .orderBy('checks.opened_at')
    .orderBy('checks.id')
    .execute()
}

export interface DayUnpaidOrder {
  orderId: string
  orderNumber: number
  tableLabel: string
  total: number
  status: string
  placedAt: string
}

/** Orders placed in the range that are neither sold nor cancelled (waiting for payment, or on an unsettled check). */
export async function ordersUnpaid (db: Db, { startUtc, endUtc }: UtcBounds): Promise<DayUnpaidOrder[]> {
  const rows = await db.selectFrom('orders')
    .innerJoin('tables', 'tables.id', 'orders.table_id')
    .select(['orders.id', 'orders.number', 'orders.total', 'orders.status', 'orders.created_at', 'tables.label'])
    .where('orders.status', 'in', NOT_CANCELLED_STATUSES)
    .where('orders.created_at', '>=', startUtc)
    .where('orders.created_at', '<', endUtc)
    .where('orders.paid_at', 'is', null)
    .orderBy('orders.created_at')
    .orderBy('orders.number')
    .execute()
  return rows.map(row => ({
    orderId: row.id, orderNumber: row.number, tableLabel: row.label, total: row.total, status: row.status, placedAt: row.created_at,
  }))
}
