// GET /api/staff/reports/sales: the SalesReport of a range of the store's days, assembled from the sums of
// repositories/sales-report.ts.
//
// Time zones: the database groups by 15-minute UTC buckets (plain text functions, the same on SQLite and
// PostgreSQL, and at most 96 groups a day however busy the day); here each bucket's start is put on the
// store's wall clock (localClock: the zone's offsets over the range, found once) to give its local day, hour
// and weekday. Every zone in use is offset by whole quarter hours and changes on them, so no bucket straddles
// a local hour: the result is exact, DST days (23 or 25 hours) included.
import type { Db } from '../db/database.js'
import {
  allCategories, dinerVisits, dishesWithCategory, paymentsByMethod, refundBuckets, soldBuckets, soldByItem, soldByTable,
  soldOutEvents, type UtcRange,
} from '../repositories/sales-report.js'
import { dateOfDayNumber, dayNumber, daysInRange, localClock, localRangeBounds, weekdayOfDayNumber, type WallClock } from './report-dates.js'
import type { LocalizedText } from '#shared/schemas/common.js'
import { SalesChannelEnum, type SalesReport } from '#shared/schemas/reports.js'

const DAY_MS = 86_400_000
const HOUR_MS = 3_600_000
const QUARTER_MS = 900_000

/** `none`: orders that needed no payment (a zero total). */
export const NO_PAYMENT_METHOD = 'none'

export interface ReportStore {
  timezone: string
  currency: string
}

/** Where a bucket falls on the store's calendar. */
interface LocalSlot {
  /** Index of the day in the range (0 = `from`). */
  day: number
  hour: number
  /** ISO weekday, 1 = Monday. */
  weekday: number
}

function slotMapper (clock: WallClock, fromDay: number) {
  return (hour: string, quarter: number): LocalSlot => {
    const wall = clock(Date.parse(`${hour}:00:00.000Z`) + quarter * QUARTER_MS)
    const day = Math.floor(wall / DAY_MS)
    return { day: day - fromDay, hour: Math.floor((wall - day * DAY_MS) / HOUR_MS), weekday: weekdayOfDayNumber(day) }
  }
}

function names (json: string): LocalizedText {
  return JSON.parse(json) as LocalizedText
}

/** Highest gross first; then quantity, then id, so equal rows keep one order between runs. */
function byGross<T extends { gross: number, quantity: number, id: string }> (a: T, b: T): number {
  return b.gross - a.gross || b.quantity - a.quantity || a.id.localeCompare(b.id)
}

/** The report of the store's days `from` … `to` (inclusive; already checked by checkReportRange). */
export async function buildSalesReport (db: Db, store: ReportStore, from: string, to: string): Promise<SalesReport> {
  const range: UtcRange = localRangeBounds(from, to, store.timezone)
  const clock = localClock(Date.parse(range.startUtc), Date.parse(range.endUtc), store.timezone)
  const fromDay = dayNumber(from)
  const slotOf = slotMapper(clock, fromDay)
  const dayCount = daysInRange(from, to)

  const byDay = Array.from({ length: dayCount }, (_, index) => ({ date: dateOfDayNumber(fromDay + index), orders: 0, gross: 0, refunds: 0, net: 0 }))
  const byHour = Array.from({ length: 24 }, (_, hour) => ({ hour, orders: 0, gross: 0 }))
  const byWeekday = Array.from({ length: 7 }, (_, index) => ({ weekday: index + 1, orders: 0, gross: 0 }))
  const channels = {
    [SalesChannelEnum.TABLET]: { channel: SalesChannelEnum.TABLET, orders: 0, gross: 0 },
    [SalesChannelEnum.PHONE]: { channel: SalesChannelEnum.PHONE, orders: 0, gross: 0 },
  }
  let orders = 0
  let gross = 0
  let freeOrders = 0
  for (const bucket of await soldBuckets(db, range)) {
    const slot = slotOf(bucket.hour, bucket.quarter)
    const day = byDay[slot.day]
    // Unreachable: the query's bounds are the range's own; a bucket outside it would be a clock bug.
    if (day === undefined) throw new Error(`bucket ${bucket.hour}/${bucket.quarter} outside ${from}…${to}`)
    day.orders += bucket.orders
    day.gross += bucket.gross
    byHour[slot.hour]!.orders += bucket.orders
    byHour[slot.hour]!.gross += bucket.gross
    byWeekday[slot.weekday - 1]!.orders += bucket.orders
    byWeekday[slot.weekday - 1]!.gross += bucket.gross
    const channel = channels[bucket.phone === 1 ? SalesChannelEnum.PHONE : SalesChannelEnum.TABLET]
    channel.orders += bucket.orders
    channel.gross += bucket.gross
    orders += bucket.orders
    gross += bucket.gross
    freeOrders += bucket.free
  }

  const methods = new Map<string, { method: string, payments: number, amount: number, refunds: number }>()
  const methodEntry = (method: string) => {
    let entry = methods.get(method)
    if (!entry) methods.set(method, entry = { method, payments: 0, amount: 0, refunds: 0 })
    return entry
  }
  for (const row of await paymentsByMethod(db, range)) Object.assign(methodEntry(row.method), { payments: row.payments, amount: row.amount })
  if (freeOrders > 0) methodEntry(NO_PAYMENT_METHOD).payments = freeOrders
  let refunds = 0
  for (const bucket of await refundBuckets(db, range)) {
    const day = byDay[slotOf(bucket.hour, bucket.quarter).day]
    if (day === undefined) throw new Error(`refund bucket ${bucket.hour}/${bucket.quarter} outside ${from}…${to}`)
    // Every refund went back through its payment's method; only those staff asked for lower the sales
    // (REFUND_AGAINST_SALES: the automatic ones return money that was never in gross).
    methodEntry(bucket.method).refunds += bucket.amount
    if (bucket.againstSales === 1) {
      day.refunds += bucket.amount
      refunds += bucket.amount
    }
  }
  for (const day of byDay) day.net = day.gross - day.refunds

  const { byItem, byCategory } = await itemsAndCategories(db, range)
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
    byTable: (await soldByTable(db, range)).sort((a, b) => b.gross - a.gross || b.orders - a.orders || a.label.localeCompare(b.label)),
    byMethod: [...methods.values()].sort((a, b) => b.amount - a.amount || b.payments - a.payments || a.method.localeCompare(b.method)),
    soldOut: (await soldOutEvents(db, range)).map(row => ({ itemId: row.itemId, names: names(row.names), at: row.at, until: row.until })),
  }
}

/** Dishes by their lines' totals, and categories as the sum of their dishes (by the dish's category now). */
async function itemsAndCategories (db: Db, range: UtcRange): Promise<Pick<SalesReport, 'byItem' | 'byCategory'>> {
  const sold = await soldByItem(db, range)
  if (sold.length === 0) return { byItem: [], byCategory: [] }
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
