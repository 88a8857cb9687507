// The sales figures of consecutive store days in a form that adds up: the sales report of a range is the sum
// of the spans that cover it — one per kept past day (sales-days.ts) and one for the days still open — and
// gives the same answer as a single span of the whole range.
//
// Everything here sums across spans except a table's seatings (distinct checks): a check sold on two days
// would count twice. So a span counts a (table, check) seating only if none of its orders was sold before the
// span, and lists the others with when they were first sold; the report adds those listed whose first sale
// was before the whole range, once each. A seating then counts once, in the span where it was first sold in
// the range. What the report does not take from spans — payments by method (Alipay's time, which can arrive
// days late), diners (their ids are erased after DINER_DATA_DAYS), sell-outs — is read over the whole range.
import type { Db } from '../db/database.js'
import { refundBuckets, soldBuckets, soldByItem, soldByTable, soldChecks } from '../repositories/sales-report.js'
import { dayNumber, daysInRange, localClock, localRangeBounds, addDays } from './report-dates.js'

const DAY_MS = 86_400_000
const HOUR_MS = 3_600_000
const QUARTER_MS = 900_000

/** One store day of a span. Tuples, not objects: a year of kept days is parsed on every report. */
export interface SpanDay {
  date: string
  /** Orders sold, by local hour and channel: [hour, 1 phone | 0 tablet, orders, gross, orders with a zero total]. */
  sold: Array<[hour: number, phone: number, orders: number, gross: number, free: number]>
  /** Refunds against sales (REFUND_AGAINST_SALES) that succeeded on the day. */
  refunds: number
}

export interface SalesSpan {
  /** Every day of the span, in order. */
  days: SpanDay[]
  /** Every refund that succeeded in the span (automatic ones too), by the refunded payment's method. */
  refundsByMethod: Array<[method: string, amount: number]>
  items: Array<[itemId: string, quantity: number, gross: number]>
  /** `checks`: the table's seatings first sold in this span. */
  tables: Array<[tableId: string, orders: number, gross: number, checks: number]>
  /** Seatings sold in this span that had been sold before it: [tableId, checkId, first sold (ISO)]. */
  carried: Array<[tableId: string, checkId: string, firstSold: string]>
}

/** Reads the span of the store's days `from` … `to` from the orders, lines and refunds. */
export async function computeSpan (db: Db, timezone: string, from: string, to: string): Promise<SalesSpan> {
  const range = localRangeBounds(from, to, timezone)
  const clock = localClock(Date.parse(range.startUtc), Date.parse(range.endUtc), timezone)
  const fromDay = dayNumber(from)
  const days: SpanDay[] = Array.from({ length: daysInRange(from, to) }, (_, index) => ({ date: addDays(from, index), sold: [], refunds: 0 }))
  // A bucket's start on the store's wall clock: its day in the span and its hour. Every zone in use is offset
  // by whole quarter hours, so no 15-minute UTC bucket straddles a local hour (see sales-report.ts).
  const slotOf = (hour: string, quarter: number): { day: SpanDay, hour: number } => {
    const wall = clock(Date.parse(`${hour}:00:00.000Z`) + quarter * QUARTER_MS)
    const dayIndex = Math.floor(wall / DAY_MS)
    const day = days[dayIndex - fromDay]
    // Unreachable: the queries' bounds are the span's own; a bucket outside it would be a clock bug.
    if (day === undefined) throw new Error(`bucket ${hour}/${quarter} outside ${from}…${to}`)
    return { day, hour: Math.floor((wall - dayIndex * DAY_MS) / HOUR_MS) }
  }

  const sold = new Map<SpanDay, Map<number, SpanDay['sold'][number]>>()
  for (const bucket of await soldBuckets(db, range)) {
    const slot = slotOf(bucket.hour, bucket.quarter)
    const byKey = sold.get(slot.day) ?? new Map<number, SpanDay['sold'][number]>()
    sold.set(slot.day, byKey)
    const key = slot.hour * 2 + bucket.phone
    const entry = byKey.get(key) ?? [slot.hour, bucket.phone, 0, 0, 0]
    entry[2] += bucket.orders
    entry[3] += bucket.gross
    entry[4] += bucket.free
    byKey.set(key, entry)
  }
  for (const [day, byKey] of sold) day.sold = [...byKey.values()].sort((a, b) => a[0] - b[0] || a[1] - b[1])

  const refundsByMethod = new Map<string, number>()
  for (const bucket of await refundBuckets(db, range)) {
    refundsByMethod.set(bucket.method, (refundsByMethod.get(bucket.method) ?? 0) + bucket.amount)
    if (bucket.againstSales === 1) slotOf(bucket.hour, bucket.quarter).day.refunds += bucket.amount
  }

  const checks = new Map<string, number>()
  const carried: SalesSpan['carried'] = []
  for (const seating of await soldChecks(db, range)) {
    if (seating.soldBefore === null) checks.set(seating.tableId, (checks.get(seating.tableId) ?? 0) + 1)
    else carried.push([seating.tableId, seating.checkId, seating.soldBefore])
  }

  return {
    days,
    refundsByMethod: [...refundsByMethod],
    items: (await soldByItem(db, range)).map(item => [item.itemId, item.quantity, item.gross]),
    tables: (await soldByTable(db, range)).map(table => [table.tableId, table.orders, table.gross, checks.get(table.tableId) ?? 0]),
    carried,
  }
}
