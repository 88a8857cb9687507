// Past store days are computed once. A store day that ended more than SETTLED_AFTER_MS ago can no longer change:
// what the report adds up per day is stamped with the moment it is written — orders.paid_at when an order is
// sold, refunds.succeeded_at when a refund succeeds — and the order's total, lines, table, check, diner and the
// refunded payment's method never change afterwards. So nothing new lands in a day that is over. Its SalesSpan
// is kept in sales_days (011) the first time a report asks for it; the days still open are always read live.
//
// Kept rows are keyed by the zone the day is a day of (another STORE_TIMEZONE makes other days and never reads
// them) and carry SALES_DAY_SHAPE (a report that counts differently reads none of them). What the spans leave
// out because it can change in the past — payments by Alipay's time, diners, sell-outs — is read live by
// sales-report.ts. Writers that put sales into past days on purpose (the demo history) forget the kept days.
import { setImmediate as nextTurn } from 'node:timers/promises'
import type { Db } from '../db/database.js'
import { readSalesDays, saveSalesDays, type SalesDayRow } from '../repositories/sales-days.js'
import { addDays, eachDay, todayIn } from './report-dates.js'
import { computeSpan, type SalesSpan } from './sales-span.js'

/**
 * The version of what a kept day holds. Raise it whenever SalesSpan changes or the rules of what counts on a
 * day change (what is sold, which refunds count against sales…): rows of another shape are then recomputed.
 */
export const SALES_DAY_SHAPE = 1

/**
 * How long after its end a day is settled. A sale is stamped before its transaction commits, so one stamped
 * 23:59:59.9 may become visible a moment after midnight; an hour covers that with room to spare, and a system
 * clock stepped back by less than that. The days inside it are read live, which costs little (a day or two).
 */
export const SETTLED_AFTER_MS = 3_600_000

/** The store's first day not yet settled at `now`: the one holding now − SETTLED_AFTER_MS. Every earlier day is. */
export function firstOpenDay (timezone: string, now: number): string {
  return todayIn(timezone, new Date(now - SETTLED_AFTER_MS))
}

/**
 * The spans covering the store's days `from` … `to`, in order: one per settled day (kept, or computed and
 * kept now), then one for the days still open, if the range reaches them.
 */
export async function salesSpans (db: Db, timezone: string, from: string, to: string, now: number): Promise<SalesSpan[]> {
  const open = firstOpenDay(timezone, now)
  const lastSettled = addDays(open, -1) < to ? addDays(open, -1) : to
  const spans = from <= lastSettled ? await settledDays(db, timezone, from, lastSettled, now) : []
  const openFrom = from > open ? from : open
  if (openFrom <= to) spans.push(await computeSpan(db, timezone, openFrom, to))
  return spans
}

async function settledDays (db: Db, timezone: string, from: string, to: string, now: number): Promise<SalesSpan[]> {
  const kept = new Map((await readSalesDays(db, timezone, SALES_DAY_SHAPE, from, to)).map(row => [row.date, row.figures]))
  const spans: SalesSpan[] = []
  const computed: SalesDayRow[] = []
  for (const date of eachDay(from, to)) {
    const json = kept.get(date)
    if (json !== undefined) {
      spans.push(JSON.parse(json) as SalesSpan)
      continue
    }
    // One day at a time, letting the event loop run between days: each day is a few small index ranges, so
    // the first report of a long range never holds the server (and the orders waiting on it) for long.
    // (node:timers/promises, which fake timers leave alone.)
    if (computed.length > 0) await nextTurn()
    const span = await computeSpan(db, timezone, date, date)
    spans.push(span)
    computed.push({ date, figures: JSON.stringify(span) })
  }
  await saveSalesDays(db, timezone, SALES_DAY_SHAPE, computed, new Date(now).toISOString())
  return spans
}
