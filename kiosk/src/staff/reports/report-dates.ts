// The store's calendar days as the reports ask for them (YYYY-MM-DD in the store's timezone): today, the
// presets of the range picker, and day arithmetic on date strings (done in UTC, so no DST step moves a day).
import { MAX_REPORT_DAYS } from '@shared/schemas/reports'

export type RangePreset = 'today' | 'yesterday' | 'week' | 'month' | 'custom'
export const RANGE_PRESETS: readonly Exclude<RangePreset, 'custom'>[] = ['today', 'yesterday', 'week', 'month']

export interface DateRange {
  from: string
  to: string
}

const DAY_MS = 86_400_000
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/

/** The calendar day of `instant` in `timeZone`. */
export function dayIn (timeZone: string, instant: number = Date.now()): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant)
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find(entry => entry.type === type)?.value ?? ''
  return `${part('year')}-${part('month')}-${part('day')}`
}

/** A real calendar day written YYYY-MM-DD (not 2025-02-30). */
export function isDate (text: string): boolean {
  const match = DATE_PATTERN.exec(text)
  if (!match) return false
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])))
  return date.toISOString().slice(0, 10) === text
}

/** Midnight UTC of the date string: a stable instant to count and format calendar days with (in UTC). */
export function utcOf (date: string): Date {
  return new Date(`${date}T00:00:00.000Z`)
}

export function addDays (date: string, days: number): string {
  return new Date(utcOf(date).getTime() + days * DAY_MS).toISOString().slice(0, 10)
}

/** Days from `from` to `to`, both included. */
export function daysIn ({ from, to }: DateRange): number {
  return Math.round((utcOf(to).getTime() - utcOf(from).getTime()) / DAY_MS) + 1
}

/** ISO weekday of a calendar day: 1 = Monday … 7 = Sunday. */
export function isoWeekday (date: string): number {
  return ((utcOf(date).getUTCDay() + 6) % 7) + 1
}

/**
 * The days a preset covers, seen from `today` (the store's). The week runs Monday to Sunday and the month
 * from its first day; both stop at today, since later days have nothing sold yet.
 */
export function presetRange (preset: Exclude<RangePreset, 'custom'>, today: string): DateRange {
  switch (preset) {
    case 'today':
      return { from: today, to: today }
    case 'yesterday': {
      const yesterday = addDays(today, -1)
      return { from: yesterday, to: yesterday }
    }
    case 'week':
      return { from: addDays(today, 1 - isoWeekday(today)), to: today }
    case 'month':
      return { from: `${today.slice(0, 8)}01`, to: today }
  }
}

export type RangeProblem = 'invalid' | 'order' | 'tooLong' | 'future'

/** Why a custom range cannot be asked for, or null when it can (the server checks the same). */
export function rangeProblem (range: DateRange, today: string): RangeProblem | null {
  if (!isDate(range.from) || !isDate(range.to)) return 'invalid'
  if (range.to < range.from) return 'order'
  if (range.from > today) return 'future'
  if (daysIn(range) > MAX_REPORT_DAYS) return 'tooLong'
  return null
}
