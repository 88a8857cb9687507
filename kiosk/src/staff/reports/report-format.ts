// How the reports write days, hours, weekdays and amounts in the console's language (dates are the store's
// calendar days, formatted in UTC so no browser timezone shifts them).
import { formatMoney, minorPerMajor } from '@shared/money'
import { utcOf } from './report-dates'

/** "Mon 13 Jan" / "1月13日周一" */
export function shortDay (date: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' }).format(utcOf(date))
}

/** "Monday, 13 January 2025" / "2025年1月13日星期一" */
export function longDay (date: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', dateStyle: 'full' }).format(utcOf(date))
}

/** ISO weekday (1 = Monday) by name: "Monday" / "星期一". 2024-01-01 was a Monday. */
export function weekdayName (weekday: number, locale: string, width: 'long' | 'short' = 'long'): string {
  return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', weekday: width }).format(utcOf(`2024-01-0${weekday}`))
}

/** "08:00" */
export function hourLabel (hour: number): string {
  return `${String(hour).padStart(2, '0')}:00`
}

/** A clock time of an instant in the store's zone: "14:05". */
export function storeTime (iso: string, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso))
}

/** An instant with its day in the store's zone: "13 Jan, 14:05". */
export function storeDateTime (iso: string, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone, month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .format(new Date(iso))
}

/** An axis tick: "¥12K" rather than "¥12,000.00", for amounts in minor units. */
export function compactMoney (minor: number, currency: string, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'narrowSymbol', notation: 'compact', maximumFractionDigits: 1 })
    .format(minor / minorPerMajor(currency))
}

export function money (minor: number, currency: string, locale: string): string {
  return formatMoney(minor, currency, locale)
}

/** A share as a whole percent: "62 %" / "62%". */
export function percent (part: number, whole: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(whole > 0 ? part / whole : 0)
}
