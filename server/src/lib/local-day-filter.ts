// `from` / `to` query parameters of the staff lists (orders, payments): store-local days (STORE_TIMEZONE),
// both inclusive, turned into the UTC instants stored timestamps are compared with.
import { localDayStartMs, addDays, parseReportDate, ReportRangeInvalidError } from '../reports/report-dates.js'

/** [startUtc, endUtc) as ISO strings; either end open when its day was not given. */
export interface InstantRange {
  startUtc?: string
  endUtc?: string
}

/** 400 REPORT_DATE_INVALID for a day that is not YYYY-MM-DD on the calendar, REPORT_RANGE_INVALID when `to` is before `from`. */
export function localDayFilter (days: { from?: string, to?: string }, timeZone: string): InstantRange {
  const from = days.from === undefined ? undefined : parseReportDate(days.from)
  const to = days.to === undefined ? undefined : parseReportDate(days.to)
  if (from !== undefined && to !== undefined && to < from) throw new ReportRangeInvalidError(to, from)
  const range: InstantRange = {}
  if (from !== undefined) range.startUtc = new Date(localDayStartMs(from, timeZone)).toISOString()
  if (to !== undefined) range.endUtc = new Date(localDayStartMs(addDays(to, 1), timeZone)).toISOString()
  return range
}
