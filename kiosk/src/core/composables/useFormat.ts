// Menu text, money, clock times and "5 min ago" in the UI's language: one formatter for every face.
import { computed, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { formatMoney } from '@shared/money'
import type { LocalizedText, Locale } from '@shared/schemas/common'

const TICK_MS = 30_000
const DEFAULT_CURRENCY = 'CNY'
/** One clock for every "ago" on screen, so a full board re-renders its times twice a minute, not per card. */
const now = ref(Date.now())
let ticking = false

/** Started by the first relative time shown: a face that never shows one (the tablet) runs no timer. */
function startClock (): void {
  if (ticking) return
  ticking = true
  now.value = Date.now()
  setInterval(() => { now.value = Date.now() }, TICK_MS)
}

export interface FormatOptions {
  /** The currency of amounts given without one (the tablet's menu currency); CNY by default. */
  currency?: () => string
  /**
   * The IANA zone clock times are shown in (the store's, STORE_TIMEZONE); the device's own zone when absent.
   * The console passes the store's: a manager abroad still reads the restaurant's 09:59, not their 01:59.
   */
  timeZone?: () => string | undefined
}

export function useFormat (options: FormatOptions = {}) {
  const { locale } = useI18n()
  const relative = computed(() => new Intl.RelativeTimeFormat(locale.value, { numeric: 'auto', style: 'short' }))
  const defaultCurrency = options.currency ?? (() => DEFAULT_CURRENCY)
  const timeZone = options.timeZone ?? (() => undefined)

  /** The text in the current language, English when a translation is missing. */
  function text (value: LocalizedText | null | undefined): string {
    if (!value) return ''
    return value[locale.value as Locale] || value.en
  }

  function money (minor: number, currency = defaultCurrency()): string {
    return formatMoney(minor, currency, locale.value)
  }

  /** A price change as "+¥3.00" / "−¥2.00". */
  function moneyDelta (minor: number, currency = defaultCurrency()): string {
    return `${minor < 0 ? '−' : '+'}${money(Math.abs(minor), currency)}`
  }

  /** "14:05" */
  function time (iso: string): string {
    return new Intl.DateTimeFormat(locale.value, { timeZone: timeZone(), hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso))
  }

  /** "3 Jan, 14:05" */
  function dateTime (iso: string): string {
    return new Intl.DateTimeFormat(locale.value, { timeZone: timeZone(), month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .format(new Date(iso))
  }

  /** "now", "5 min ago", "2 hr ago", "3 days ago" */
  function ago (iso: string): string {
    startClock()
    const seconds = Math.round((Date.parse(iso) - now.value) / 1000)
    const abs = Math.abs(seconds)
    if (abs < 45) return relative.value.format(0, 'second')
    if (abs < 3_600) return relative.value.format(Math.round(seconds / 60), 'minute')
    if (abs < 86_400) return relative.value.format(Math.round(seconds / 3_600), 'hour')
    return relative.value.format(Math.round(seconds / 86_400), 'day')
  }

  /** Whole minutes since `iso`, for how long an order has waited. */
  function minutesSince (iso: string): number {
    startClock()
    return Math.max(0, Math.floor((now.value - Date.parse(iso)) / 60_000))
  }

  return { text, money, moneyDelta, time, dateTime, ago, minutesSince, now }
}
