// Calendar days of the store (STORE_TIMEZONE) for reports, the day close and the reconciliation: checking a
// YYYY-MM-DD and a range, "today" in the store's zone, and turning a local day into the UTC instants that bound
// it. Pure functions over Intl (the runtime's own time zone data), so no date library is needed.
//
// A local day is [start, end) in UTC, where start is the first instant whose local date is that day: usually
// local 00:00, but on a day whose midnight is skipped by a DST jump (e.g. America/Santiago, Asia/Beirut) the
// instant of the jump. Days are 23, 24 or 25 hours long; offsets may be :30 or :45 (Asia/Kolkata,
// Asia/Kathmandu, Australia/Lord_Howe's 30-minute DST).
import createError from '@fastify/error'
import { ErrorCodeEnum } from '#shared/error-codes.js'
import { MAX_REPORT_DAYS } from '#shared/schemas/reports.js'

export const ReportDateInvalidError = createError(ErrorCodeEnum.REPORT_DATE_INVALID, '%s is not a calendar day (YYYY-MM-DD)', 400)
export const ReportRangeInvalidError = createError(ErrorCodeEnum.REPORT_RANGE_INVALID, 'The range ends (%s) before it starts (%s)', 400)
export const ReportRangeTooLongError = createError(ErrorCodeEnum.REPORT_RANGE_TOO_LONG, 'A report covers at most %s days (asked for %s)', 400)

const DAY_MS = 86_400_000
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/

/** The parts of an instant on the store's wall clock. */
export interface LocalTime {
  /** YYYY-MM-DD */
  date: string
  hour: number
  minute: number
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number
}

/** The UTC instants bounding local days: `startUtc` inclusive, `endUtc` exclusive, both ISO strings. */
export interface UtcBounds {
  startUtc: string
  endUtc: string
}

/** The day's year, month and day when `value` is a real calendar day written YYYY-MM-DD, else null. */
function dateParts (value: string): { year: number, month: number, day: number } | null {
  const match = DATE_PATTERN.exec(value)
  if (match === null) return null
  const year = Number(match[1])
  const month = Number(match[2])
  const day = Number(match[3])
  if (year < 1 || month < 1 || month > 12 || day < 1) return null
  // Day 0 of the next month is the month's last day (leap years included).
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return day <= lastDay ? { year, month, day } : null
}

/**
 * No store sold anything before 1970; and Date.UTC reads years 0–99 as 1900–1999, so a day like 0001-01-01 would
 * reach the time zone arithmetic as another day and fail there (a 500). The day arithmetic below still takes any
 * year ≥ 100 (weekday counts before 1970 hold); only what callers ask for is held to this.
 */
const MIN_REPORT_YEAR = 1970

/** A day a caller may ask about: a real calendar day, YYYY-MM-DD, from 1970 on. */
export function isReportDate (value: string): boolean {
  const parts = dateParts(value)
  return parts !== null && parts.year >= MIN_REPORT_YEAR
}

/** `value` if it is a real calendar day from 1970 on (2026-02-29 is not), else 400 REPORT_DATE_INVALID. */
export function parseReportDate (value: string): string {
  if (!isReportDate(value)) throw new ReportDateInvalidError(JSON.stringify(value))
  return value
}

/** Midnight UTC of a YYYY-MM-DD, as epoch milliseconds (the date's "wall" value, not an instant in the store). */
function wallMs (date: string): number {
  const parts = dateParts(date)
  if (parts === null) throw new ReportDateInvalidError(JSON.stringify(date))
  return Date.UTC(parts.year, parts.month - 1, parts.day)
}

function formatWallDate (ms: number): string {
  return new Date(ms).toISOString().slice(0, 10)
}

export function addDays (date: string, days: number): string {
  return formatWallDate(wallMs(date) + days * DAY_MS)
}

/** Days from `from` to `to`, both counted: 1 for the same day. */
export function daysInRange (from: string, to: string): number {
  return Math.round((wallMs(to) - wallMs(from)) / DAY_MS) + 1
}

/** Every day from `from` to `to`, in order. */
export function eachDay (from: string, to: string): string[] {
  const days: string[] = []
  for (let ms = wallMs(from), end = wallMs(to); ms <= end; ms += DAY_MS) days.push(formatWallDate(ms))
  return days
}

/** ISO weekday of a calendar day: 1 = Monday … 7 = Sunday. */
export function isoWeekday (date: string): number {
  const day = new Date(wallMs(date)).getUTCDay()
  return day === 0 ? 7 : day
}

/**
 * Checks a report's range: both real days (400 REPORT_DATE_INVALID), `to` not before `from`
 * (REPORT_RANGE_INVALID), at most MAX_REPORT_DAYS days (REPORT_RANGE_TOO_LONG). Returns the day count.
 */
export function checkReportRange (from: string, to: string): number {
  parseReportDate(from)
  parseReportDate(to)
  if (to < from) throw new ReportRangeInvalidError(to, from)
  const days = daysInRange(from, to)
  if (days > MAX_REPORT_DAYS) throw new ReportRangeTooLongError(String(MAX_REPORT_DAYS), String(days))
  return days
}

// One formatter per zone: building a DateTimeFormat costs far more than using one.
const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor (timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone)
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    formatters.set(timeZone, formatter)
  }
  return formatter
}

/** The wall clock at `instantMs` in `timeZone`, as if it were UTC (epoch ms, whole seconds). */
function wallClockMs (instantMs: number, timeZone: string): number {
  const fields = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 }
  for (const part of formatterFor(timeZone).formatToParts(instantMs)) {
    if (part.type in fields) fields[part.type as keyof typeof fields] = Number(part.value)
  }
  return Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second)
}

/** The zone's offset from UTC at an instant, in milliseconds (+8 h for Asia/Shanghai). */
export function utcOffsetMs (instantMs: number, timeZone: string): number {
  const whole = Math.floor(instantMs / 1000) * 1000
  return wallClockMs(whole, timeZone) - whole
}

/** The store-local date, hour, minute and ISO weekday of an instant (epoch ms, Date or ISO string). */
export function localTime (instant: number | Date | string, timeZone: string): LocalTime {
  const ms = typeof instant === 'number' ? instant : new Date(instant).getTime()
  const wall = new Date(ms + utcOffsetMs(ms, timeZone))
  const day = wall.getUTCDay()
  return {
    date: wall.toISOString().slice(0, 10),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    weekday: day === 0 ? 7 : day,
  }
}

/** Today's date in the zone (YYYY-MM-DD). */
export function todayIn (timeZone: string, now: Date = new Date()): string {
  return localTime(now.getTime(), timeZone).date
}

/**
 * The first instant of a local day (epoch ms). Local midnight is `wall − offset`, with the offset in force
 * then; around a DST change the offset before and after the change are both candidates. The earliest candidate
 * that falls on the day wins: both do when midnight happens twice (fall back at 01:00 → 00:00), and when
 * midnight is skipped only `wall − offsetBefore` (the jump itself, 01:00 after it) does.
 */
export function localDayStartMs (date: string, timeZone: string): number {
  const wall = wallMs(date)
  const offsets = new Set([
    utcOffsetMs(wall - DAY_MS, timeZone),
    utcOffsetMs(wall, timeZone),
    utcOffsetMs(wall + DAY_MS, timeZone),
  ])
  let start = Number.POSITIVE_INFINITY
  for (const offset of offsets) {
    const candidate = wall - offset
    if (candidate < start && localTime(candidate, timeZone).date === date) start = candidate
  }
  // Unreachable for real zones (a day always has an instant); a clear error beats a silent NaN range.
  if (!Number.isFinite(start)) throw new Error(`No instant of ${date} found in ${timeZone}`)
  return start
}

/** A local day as [startUtc, endUtc): its first instant and the next day's first instant. */
export function localDayBounds (date: string, timeZone: string): UtcBounds {
  return localRangeBounds(date, date, timeZone)
}

/** The local days `from` … `to` (inclusive) as [startUtc, endUtc). */
export function localRangeBounds (from: string, to: string, timeZone: string): UtcBounds {
  return {
    startUtc: new Date(localDayStartMs(from, timeZone)).toISOString(),
    endUtc: new Date(localDayStartMs(addDays(to, 1), timeZone)).toISOString(),
  }
}

/** Days since 1970-01-01 of a calendar day (the day's number on a plain count, zone-free). */
export function dayNumber (date: string): number {
  return wallMs(date) / DAY_MS
}

export function dateOfDayNumber (day: number): string {
  return formatWallDate(day * DAY_MS)
}

/** ISO weekday of a day number: 1970-01-01 was a Thursday (4). */
export function weekdayOfDayNumber (day: number): number {
  return ((day % 7) + 7 + 3) % 7 + 1
}

/** The store's wall clock of an instant, as epoch ms read as UTC (see localClock). */
export type WallClock = (instantMs: number) => number

// Offsets are sampled this often while looking for DST changes: zones change at most twice a year,
// never twice within half a day.
const SAMPLE_MS = 12 * 3_600_000

/**
 * The store's wall clock over [startMs, endMs), without a time zone lookup per call: the zone's offset is
 * piecewise constant, so the changes inside the window are found once (sampled, then each change bisected
 * to the minute; zones change on whole minutes) and each call is a search in that short list. A report
 * maps tens of thousands of time buckets; Intl for each would cost more than the queries.
 */
export function localClock (startMs: number, endMs: number, timeZone: string): WallClock {
  const starts: number[] = [startMs]
  const offsets: number[] = [utcOffsetMs(startMs, timeZone)]
  for (let from = startMs; from < endMs; from += SAMPLE_MS) {
    const to = Math.min(from + SAMPLE_MS, endMs)
    const offset = utcOffsetMs(to, timeZone)
    if (offset === offsets.at(-1)) continue
    // The first minute with the new offset lies in (from, to].
    let low = from
    let high = to
    while (high - low > 60_000) {
      const middle = low + Math.max(1, Math.floor((high - low) / 120_000)) * 60_000
      if (utcOffsetMs(middle, timeZone) === offset) high = middle
      else low = middle
    }
    starts.push(high)
    offsets.push(offset)
  }
  return (instantMs) => {
    let index = starts.length - 1
    while (index > 0 && starts[index]! > instantMs) index--
    return instantMs + offsets[index]!
  }
}
