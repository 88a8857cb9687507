// Orders and their lines: SQL for `orders` and `order_lines`, and the one read model (`toOrder`).
import type { Selectable } from 'kysely'
import type { Db } from '../db/database.js'
import { reusableQuery } from '../db/reusable-query.js'
import { databaseKind } from '../db/dialect.js'
import type { OrderLinesTable, OrderRow } from '../db/schema.js'
import { paymentsOfOrders } from './payments.js'
import { orderMatches, searchTableIds } from './order-search.js'
import { incrementCounter } from './settings.js'
import type { LocalizedText } from '#shared/schemas/common.js'
import type { Order, OrderLine, OrderLineOption, OrderStatus } from '#shared/schemas/order.js'
import type { Payment } from '#shared/schemas/payment.js'

type OrderLineRow = Selectable<OrderLinesTable>

/** Settings key of the last order number handed out: numbers are never reused, even after a restart. */
const ORDER_NUMBER_KEY = 'order_number'

export interface NewOrderLine {
  itemId: string
  names: LocalizedText
  quantity: number
  unitPrice: number
  options: OrderLineOption[]
  note: string | null
  dinerId: string | null
  lineTotal: number
}

export interface NewOrder {
  id: string
  number: number
  clientOrderId: string
  requestHash: string
  deviceId: string | null
  tableId: string
  /** The table's open check the order joins. */
  checkId: string
  /** The diner who placed it from their phone; null for the table's tablet. */
  dinerId: string | null
  /** `placed` (to be paid) or, for an order with nothing to pay, `paid` at once. */
  status: OrderStatus
  /** When it counts as sold: createdAt for a free pay-first order, else null (set when paid or settled). */
  paidAt: string | null
  subtotal: number
  total: number
  currency: string
  note: string | null
  createdAt: string
  lines: readonly NewOrderLine[]
}

function toOrderLine (row: Omit<OrderLineRow, 'store_id'>): OrderLine {
  const line: OrderLine = {
    itemId: row.item_id,
    names: JSON.parse(row.names) as LocalizedText,
    quantity: row.quantity,
    unitPrice: row.unit_price,
    options: JSON.parse(row.options) as OrderLineOption[],
    note: row.note,
    lineTotal: row.line_total,
  }
  if (row.diner_id !== null) line.dinerId = row.diner_id
  return line
}

/** The order as every client sees it. Payments come from the payments repository. */
export function toOrder (row: Omit<OrderRow, 'store_id'>, tableLabel: string, lines: readonly Omit<OrderLineRow, 'store_id'>[], payments: Payment[]): Order {
  return {
    id: row.id,
    number: row.number,
    clientOrderId: row.client_order_id,
    tableId: row.table_id,
    tableLabel,
    status: row.status as OrderStatus,
    lines: lines.map(toOrderLine),
    subtotal: row.subtotal,
    total: row.total,
    currency: row.currency,
    note: row.note,
    cancelReason: row.cancel_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    payments,
  }
}

/** Orders with their lines, table labels and payments, in the order of `rows`; four queries in all. */
export async function assemble (db: Db, rows: readonly OrderRow[]): Promise<Order[]> {
  if (rows.length === 0) return []
  const ids = rows.map(row => row.id)
  const lineRows = await db.selectFrom('order_lines').selectAll().where('order_id', 'in', ids).orderBy('order_id').orderBy('line_no').execute()
  const tableRows = await db.selectFrom('tables').select(['id', 'label']).where('id', 'in', [...new Set(rows.map(row => row.table_id))]).execute()
  const payments = await paymentsOfOrders(db, ids)
  const labels = new Map(tableRows.map(table => [table.id, table.label]))
  const linesByOrder = new Map<string, OrderLineRow[]>()
  for (const line of lineRows) {
    const list = linesByOrder.get(line.order_id)
    if (list) list.push(line)
    else linesByOrder.set(line.order_id, [line])
  }
  return rows.map(row => toOrder(row, labels.get(row.table_id) ?? '', linesByOrder.get(row.id) ?? [], payments.get(row.id) ?? []))
}

export async function loadOrder (db: Db, id: string): Promise<Order | null> {
  const row = await db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirst()
  return row ? (await assemble(db, [row]))[0]! : null
}

export interface OrderListFilter {
  status?: OrderStatus
  tableId?: string
  /** Only orders whose row changed (created or moved along) after this ISO timestamp. */
  since?: string
  /** Search text (order-search.ts). */
  search?: string
  /** Placed at or after this ISO instant. */
  createdFrom?: string
  /** Placed before this ISO instant. */
  createdBefore?: string
  limit: number
}

/** Newest first. */
export async function listOrders (db: Db, filter: OrderListFilter): Promise<Order[]> {
  let query = db.selectFrom('orders').selectAll()
  if (filter.status) query = query.where('status', '=', filter.status)
  if (filter.tableId) query = query.where('table_id', '=', filter.tableId)
  // Stored timestamps are UTC ISO strings of one length, so text order is time order.
  if (filter.since) query = query.where('updated_at', '>', new Date(filter.since).toISOString())
  if (filter.createdFrom) query = query.where('created_at', '>=', filter.createdFrom)
  if (filter.createdBefore) query = query.where('created_at', '<', filter.createdBefore)
  if (filter.search) {
    const search = filter.search
    const tableIds = await searchTableIds(db, search)
    const kind = databaseKind(db)
    query = query.where(eb => orderMatches(eb, kind, search, tableIds))
  }
  const rows = await query.orderBy('created_at', 'desc').orderBy('number', 'desc').limit(filter.limit).execute()
  return assemble(db, rows)
}

export async function findOrderRow (db: Db, id: string): Promise<OrderRow | null> {
  return await db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirst() ?? null
}

/** Run on every order placed, so built once (the repeat check). */
const orderByClientId = reusableQuery((db, { deviceId, clientOrderId }: { deviceId: string, clientOrderId: string }) =>
  db.selectFrom('orders').selectAll().where('device_id', '=', deviceId).where('client_order_id', '=', clientOrderId))
const dinerOrderByClientId = reusableQuery((db, { dinerId, clientOrderId }: { dinerId: string, clientOrderId: string }) =>
  db.selectFrom('orders').selectAll().where('diner_id', '=', dinerId).where('client_order_id', '=', clientOrderId))

/** Who placed an order, for its clientOrderId: a tablet's ids and a phone's are separate spaces. */
export type OrderSource = { deviceId: string, dinerId?: null } | { dinerId: string, deviceId?: null }

export async function findOrderByClientId (db: Db, source: OrderSource, clientOrderId: string): Promise<OrderRow | null> {
  if (source.dinerId) return (await dinerOrderByClientId(db, { dinerId: source.dinerId, clientOrderId })).rows[0] ?? null
  return (await orderByClientId(db, { deviceId: source.deviceId!, clientOrderId })).rows[0] ?? null
}

/** The next short order number, in one statement; call it inside the transaction that inserts the order. */
export function nextOrderNumber (db: Db): Promise<number> {
  return incrementCounter(db, ORDER_NUMBER_KEY)
}

/** An order and its lines as they were written, so the caller needs no read to show them. */
export interface StoredOrder {
  /** Without store_id: the store's handle fills it in. */
  row: NewOrderRow
  lines: NewOrderLineRow[]
}

/** A row as written through a store's handle, which adds its store_id. */
type NewOrderRow = Omit<OrderRow, 'store_id'>
type NewOrderLineRow = Omit<OrderLineRow, 'store_id'>

/** Inserts an order and its lines; run it in a transaction so an order never lacks its lines. */
export async function insertOrder (db: Db, order: NewOrder): Promise<StoredOrder> {
  const row: NewOrderRow = {
    id: order.id,
    number: order.number,
    client_order_id: order.clientOrderId,
    request_hash: order.requestHash,
    device_id: order.deviceId,
    table_id: order.tableId,
    status: order.status,
    subtotal: order.subtotal,
    total: order.total,
    currency: order.currency,
    note: order.note,
    cancel_reason: null,
    created_at: order.createdAt,
    updated_at: order.createdAt,
    check_id: order.checkId,
    diner_id: order.dinerId,
    paid_at: order.paidAt,
  }
  const lines = order.lines.map((line, index): NewOrderLineRow => ({
    order_id: order.id,
    line_no: index + 1,
    item_id: line.itemId,
    names: JSON.stringify(line.names),
    quantity: line.quantity,
    unit_price: line.unitPrice,
    options: JSON.stringify(line.options),
    note: line.note,
    diner_id: line.dinerId,
    line_total: line.lineTotal,
  }))
  await insertOrderRow(db, row)
  await insertOrderLines(db, lines)
  return { row, lines }
}

const insertOrderRow = reusableQuery((db, row: NewOrderRow) => db.insertInto('orders').values(row))
/** One statement for all the lines; one compiled form per line count (an order has at most MAX_LINES_PER_ORDER). */
const insertOrderLines = reusableQuery((db, lines: NewOrderLineRow[]) => db.insertInto('order_lines').values(lines))

/**
 * Moves an order from `from` to `to` only if it is still in `from`, so two staff members acting at
 * once cannot both succeed. False when the order had already moved on. Becoming paid (its payment, a
 * check payment covering it, or staff taking the money at the counter) is when the order is sold: the
 * reports count it at `paid_at`, written by this same statement.
 */
export async function updateOrderStatus (db: Db, id: string, from: OrderStatus, to: OrderStatus, at: string, cancelReason: string | null): Promise<boolean> {
  const set: { status: OrderStatus, updated_at: string, cancel_reason?: string, paid_at?: string } = { status: to, updated_at: at }
  if (cancelReason !== null) set.cancel_reason = cancelReason
  if (to === 'paid') set.paid_at = at
  const result = await db.updateTable('orders').set(set).where('id', '=', id).where('status', '=', from).executeTakeFirst()
  return result.numUpdatedRows > 0n
}

/**
 * A tab check settled (closed owing nothing): its orders are sold now. Call it in the transaction that
 * closes the check. Cancelled orders never count; one already sold (staff took its money at the counter)
 * keeps its time.
 */
export async function markCheckOrdersSold (db: Db, checkId: string, at: string): Promise<void> {
  await db.updateTable('orders').set({ paid_at: at })
    .where('check_id', '=', checkId).where('status', '<>', 'cancelled').where('paid_at', 'is', null).execute()
}
