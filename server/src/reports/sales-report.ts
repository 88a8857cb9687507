// GET /api/staff/reports/sales: the SalesReport of a range of the store's days, the sum of the spans that cover
// it (sales-span.ts: each past day kept once it is over, sales-days.ts; the days still open read live), plus what
// is read over the whole range every time (payments by method, diners, sell-outs).
//
// Time zones: the database groups by 15-minute UTC buckets (plain text functions, the same on SQLite and
// PostgreSQL, and at most 96 groups a day however busy the day); each bucket's start is put on the store's wall
// clock (localClock: the zone's offsets over the range, found once) to give its local day and hour. Every zone
// in use is offset by whole quarter hours and changes on them, so no bucket straddles a local hour: the result
// is exact, DST days (23 or 25 hours) included.
import type { Db } from '../db/database.js'
import {
  allCategories, dinerVisits, dishesWithCategory, paymentsByMethod, soldOutEvents, tableLabels, type UtcRange,
} from '../repositories/sales-report.js'
import { dayNumber, daysInRange, localClock, localRangeBounds, weekdayOfDayNumber, type WallClock } from './report-dates.js'
import { salesSpans } from './sales-days.js'
import type { SalesSpan } from './sales-span.js'
import type { LocalizedText } from '#shared/schemas/common.js'
import { SalesChannelEnum, type SalesReport } from '#shared/schemas/reports.js'

const DAY_MS = 86_400_000

/** `none`: orders that needed no payment (a zero total). */
export const NO_PAYMENT_METHOD = 'none'

export interface ReportStore {
  timezone: string
  currency: string
}

export interface SalesReportOptions {
  /** The current time (epoch ms), which decides the days that are over; tests move it. */
  now?: number
}

function names (json: string): LocalizedText {
  return JSON.parse(json) as LocalizedText
}

/** Highest gross first; then quantity, then id, so equal rows keep one order between runs. */
function byGross<T extends { gross: number, quantity: number, id: string }> (a: T, b: T): number {
  return b.gross - a.gross || b.quantity - a.quantity || a.id.localeCompare(b.id)
}

/** Adds `values` to the entry of `key` (made with `empty` the first time). */
function addTo<K, V extends number[]> (map: Map<K, V>, key: K, empty: () => V, values: readonly number[]): void {
  const entry = map.get(key) ?? empty()
  for (const [index, value] of values.entries()) entry[index]! += value
  map.set(key, entry)
}

/** The report of the store's days `from` … `to` (inclusive; already checked by checkReportRange). */
export async function buildSalesReport (db: Db, store: ReportStore, from: string, to: string, options: SalesReportOptions = {}): Promise<SalesReport> {
  const range: UtcRange = localRangeBounds(from, to, store.timezone)
  const spans = await salesSpans(db, store.timezone, from, to, options.now ?? Date.now())
  const days = spans.flatMap(span => span.days)
  // Unreachable: the spans are cut from the range; a gap or an overlap would be a bug in sales-days.ts.
  if (days.length !== daysInRange(from, to) || days[0]?.date !== from || days.at(-1)?.date !== to) throw new Error(`spans of ${from}…${to} do not cover it`)

  const byDay = days.map(day => ({ date: day.date, orders: 0, gross: 0, refunds: day.refunds, net: 0 }))
  const byHour = Array.from({ length: 24 }, (_, hour) => ({ hour, orders: 0, gross: 0 }))
  const byWeekday = Array.from({ length: 7 }, (_, index) => ({ weekday: index + 1, orders: 0, gross: 0 }))
  const channels = {
    [SalesChannelEnum.TABLET]: { channel: SalesChannelEnum.TABLET, orders: 0, gross: 0 },
    [SalesChannelEnum.PHONE]: { channel: SalesChannelEnum.PHONE, orders: 0, gross: 0 },
  }
  let freeOrders = 0
  for (const [index, day] of days.entries()) {
    const total = byDay[index]!
    const weekday = byWeekday[weekdayOfDayNumber(dayNumber(day.date)) - 1]!
    for (const [hour, phone, orders, gross, free] of day.sold) {
      total.orders += orders
      total.gross += gross
      byHour[hour]!.orders += orders
      byHour[hour]!.gross += gross
      weekday.orders += orders
      weekday.gross += gross
      const channel = channels[phone === 1 ? SalesChannelEnum.PHONE : SalesChannelEnum.TABLET]
      channel.orders += orders
      channel.gross += gross
      freeOrders += free
    }
    total.net = total.gross - total.refunds
  }
  const orders = byDay.reduce((sum, day) => sum + day.orders, 0)
  const gross = byDay.reduce((sum, day) => sum + day.gross, 0)
  // Only refunds staff asked for lower the sales (REFUND_AGAINST_SALES: the automatic ones return money that
  // was never in gross); every refund counts under its payment's method, having gone back through it.
  const refunds = byDay.reduce((sum, day) => sum + day.refunds, 0)

  const methods = new Map<string, { method: string, payments: number, amount: number, refunds: number }>()
  const methodEntry = (method: string) => {
    let entry = methods.get(method)
    if (!entry) methods.set(method, entry = { method, payments: 0, amount: 0, refunds: 0 })
    return entry
  }
  for (const row of await paymentsByMethod(db, range)) Object.assign(methodEntry(row.method), { payments: row.payments, amount: row.amount })
  if (freeOrders > 0) methodEntry(NO_PAYMENT_METHOD).payments = freeOrders
  for (const span of spans) for (const [method, amount] of span.refundsByMethod) methodEntry(method).refunds += amount

  const { byItem, byCategory } = await itemsAndCategories(db, spans)
  const clock = localClock(Date.parse(range.startUtc), Date.parse(range.endUtc), store.timezone)
  return {
    currency: store.currency,
    timezone: store.timezone,
    from,
    to,
    totals: {
      orders,
      gross,
      refunds,
      net: gross - refunds,
      averageOrder: orders === 0 ? 0 : Math.round(gross / orders),
      byChannel: [channels.tablet, channels.phone],
      diners: await diners(db, range, clock),
    },
    byDay,
    byHour,
    byWeekday,
    byItem,
    byCategory,
    byTable: await tables(db, spans, range),
    byMethod: [...methods.values()].sort((a, b) => b.amount - a.amount || b.payments - a.payments || a.method.localeCompare(b.method)),
    soldOut: (await soldOutEvents(db, range)).map(row => ({ itemId: row.itemId, names: names(row.names), at: row.at, until: row.until })),
  }
}

/**
 * Tables by revenue, with their seatings: those first sold in one of the spans, plus those first sold before
 * the range that the spans carried (each once, however many spans carried it; see sales-span.ts).
 */
async function tables (db: Db, spans: SalesSpan[], range: UtcRange): Promise<SalesReport['byTable']> {
  const sums = new Map<string, [orders: number, gross: number, checks: number]>()
  for (const span of spans) for (const [tableId, ...figures] of span.tables) addTo(sums, tableId, () => [0, 0, 0], figures)
  if (sums.size === 0) return []
  const carried = new Set<string>()
  for (const span of spans) {
    for (const [tableId, checkId, firstSold] of span.carried) {
      const key = `${tableId}\u0000${checkId}`
      if (firstSold >= range.startUtc || carried.has(key)) continue
      carried.add(key)
      sums.get(tableId)![2]++
    }
  }
  const labels = await tableLabels(db)
  return [...sums]
    // By id first (as the database grouped them), so tables equal on every figure and label keep one order.
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([tableId, [orders, gross, checks]]) => ({ tableId, label: labels.get(tableId) ?? '', orders, gross, checks }))
    .sort((a, b) => b.gross - a.gross || b.orders - a.orders || a.label.localeCompare(b.label))
}

/** Dishes by their lines' totals, and categories as the sum of their dishes (by the dish's category now). */
async function itemsAndCategories (db: Db, spans: SalesSpan[]): Promise<Pick<SalesReport, 'byItem' | 'byCategory'>> {
  const sums = new Map<string, [quantity: number, gross: number]>()
  for (const span of spans) for (const [itemId, ...figures] of span.items) addTo(sums, itemId, () => [0, 0], figures)
  if (sums.size === 0) return { byItem: [], byCategory: [] }
  const sold = [...sums].map(([itemId, [quantity, gross]]) => ({ itemId, quantity, gross }))
  const dishes = new Map((await dishesWithCategory(db)).map(dish => [dish.id, dish]))
  const categoryNames = new Map((await allCategories(db)).map(category => [category.id, category.names]))
  const categories = new Map<string, { id: string, quantity: number, gross: number }>()
  const items = sold.map(row => {
    const dish = dishes.get(row.itemId)
    if (dish) {
      const category = categories.get(dish.categoryId) ?? { id: dish.categoryId, quantity: 0, gross: 0 }
      category.quantity += row.quantity
      category.gross += row.gross
      categories.set(dish.categoryId, category)
    }
    return { id: row.itemId, quantity: row.quantity, gross: row.gross, names: dish ? names(dish.names) : { en: row.itemId, 'zh-CN': row.itemId } }
  })
  return {
    byItem: items.sort(byGross).map(item => ({ itemId: item.id, names: item.names, quantity: item.quantity, gross: item.gross })),
    byCategory: [...categories.values()].sort(byGross).map(category => {
      const json = categoryNames.get(category.id)
      return {
        categoryId: category.id,
        names: json ? names(json) : { en: category.id, 'zh-CN': category.id },
        quantity: category.quantity,
        gross: category.gross,
      }
    }),
  }
}

/** Unique diners of the range, and those of them who had ordered on an earlier day of the store. */
async function diners (db: Db, range: UtcRange, clock: WallClock): Promise<{ unique: number, returning: number }> {
  const visits = await dinerVisits(db, range)
  let returning = 0
  for (const visit of visits) {
    // Before the range: an earlier day for sure (no clock needed for instants outside it).
    if (visit.firstEver < range.startUtc) returning++
    else if (Math.floor(clock(Date.parse(visit.firstEver)) / DAY_MS) < Math.floor(clock(Date.parse(visit.lastInRange)) / DAY_MS)) returning++
  }
  return { unique: visits.length, returning }
}
