// Money is an integer count of the currency's minor unit (fen for CNY); strings only at the edges.

/**
 * Minor units per major unit for the currencies a store may be configured with (ISO 4217). Alipay writes
 * amounts with the same number of decimals: two, or none for JPY, KRW and VND. IDR is left out: ISO gives it
 * two decimals nobody prints, and a menu's price limits (in minor units) would be too tight for rupiah.
 */
export const MINOR_UNITS: Readonly<Record<string, number>> = {
  CNY: 100, HKD: 100, MOP: 100, TWD: 100, SGD: 100, MYR: 100, THB: 100, PHP: 100, VND: 1, JPY: 1, KRW: 1,
  USD: 100, CAD: 100, AUD: 100, NZD: 100, EUR: 100, GBP: 100, CHF: 100, SEK: 100, NOK: 100, DKK: 100, AED: 100,
}

export function isSupportedCurrency (code: string): boolean {
  return Object.hasOwn(MINOR_UNITS, code)
}

export function minorPerMajor (currency: string): number {
  // Own keys only: "toString" is not a currency.
  if (!isSupportedCurrency(currency)) throw new RangeError(`unsupported currency ${currency}`)
  return MINOR_UNITS[currency]!
}

/**
 * The most one payment can take, in minor units: Alipay's `total_amount` is at most 100000000.00
 * yuan (and at least 0.01, so a payment is never 0).
 */
export const MAX_PAYMENT_AMOUNT = 10_000_000_000

export function isMinorAmount (value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0
}

/** Decimal places Alipay and people use for the currency: 2, or 0 for JPY, KRW and VND. */
export function decimalsOf (currency: string): number {
  return minorPerMajor(currency) === 1 ? 0 : 2
}

/** 1250 → "12.50" (CNY, HKD, EUR…) or "1250" (JPY): the decimal string Alipay expects for the currency. */
export function toAlipayAmount (minor: number, currency = 'CNY'): string {
  if (!isMinorAmount(minor)) throw new RangeError(`not an amount in minor units: ${minor}`)
  if (decimalsOf(currency) === 0) return String(minor)
  const major = Math.trunc(minor / 100)
  const cents = minor % 100
  return `${major}.${String(cents).padStart(2, '0')}`
}

/**
 * "12.50" → 1250 (or "1250" → 1250 in JPY); refuses anything that is not a plain decimal with at most the
 * currency's places (a zero fraction such as "1250.00" is accepted for a currency without decimals).
 */
export function fromAlipayAmount (text: string, currency = 'CNY'): number {
  const match = /^(\d{1,15})(?:\.(\d{1,2}))?$/.exec(text)
  if (!match) throw new RangeError(`not an Alipay amount: ${JSON.stringify(text)}`)
  const major = Number(match[1])
  const fraction = match[2] ?? ''
  if (decimalsOf(currency) === 0) {
    if (/[^0]/.test(fraction)) throw new RangeError(`not an amount in ${currency}, which has no decimals: ${JSON.stringify(text)}`)
    return major
  }
  if (match[1]!.length > 12) throw new RangeError(`not an Alipay amount: ${JSON.stringify(text)}`)
  return major * 100 + Number(fraction.padEnd(2, '0'))
}

/** Display formatting for people: "¥12.50" in every locale (a restaurant's own currency needs no country prefix). */
export function formatMoney (minor: number, currency: string, locale: string): string {
  const factor = minorPerMajor(currency)
  const digits = Math.round(Math.log10(factor))
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    currencyDisplay: 'narrowSymbol',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(minor / factor)
}

export type MajorAmountProblem = 'empty' | 'format' | 'decimals' | 'negative' | 'tooLarge'

export type MajorAmountParse = { ok: true, minor: number } | { ok: false, problem: MajorAmountProblem }

/**
 * An amount a person typed in major units ("12.5" euros, "1200" yen) as exact minor units, with no
 * floating point on the way. At most the currency's decimals: "12.50" is refused in JPY (`decimals`),
 * but a zero fraction ("1200.00") is the same whole amount and accepted. "12." and ".5" are read as
 * people mean them. The text must already be plain ASCII: callers strip symbols and separators.
 * @param options.signed - allow "-3" / "+3" (price changes may be negative)
 */
export function parseMajorAmount (text: string, currency: string, options: { signed?: boolean } = {}): MajorAmountParse {
  const factor = minorPerMajor(currency)
  const clean = text.trim()
  if (clean === '') return { ok: false, problem: 'empty' }
  const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(clean)
  const whole = match?.[2] ?? ''
  const fraction = match?.[3] ?? ''
  if (!match || (whole === '' && fraction === '')) return { ok: false, problem: 'format' }
  const places = decimalsOf(currency)
  if (fraction.replace(/0+$/, '').length > places) return { ok: false, problem: 'decimals' }
  if (match[1] === '-' && !options.signed) return { ok: false, problem: 'negative' }
  // Digits beyond 15 cannot be a safe integer count of minor units: say "too large", not "not a number".
  if (whole.replace(/^0+/, '').length > 15) return { ok: false, problem: 'tooLarge' }
  const minor = Number(whole || '0') * factor + Number(fraction.slice(0, places).padEnd(places, '0') || '0')
  if (!Number.isSafeInteger(minor)) return { ok: false, problem: 'tooLarge' }
  return { ok: true, minor: match[1] === '-' && minor > 0 ? -minor : minor }
}

/**
 * 1250 → "12.50" (EUR), 1200 → "1200" (JPY), -300 → "-3.00": an amount as an input field shows it for
 * editing, with the currency's decimals and no symbol or grouping (it must read back with parseMajorAmount).
 */
export function toMajorString (minor: number, currency: string): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`not an amount in minor units: ${minor}`)
  const abs = Math.abs(minor)
  const text = decimalsOf(currency) === 0 ? String(abs) : toAlipayAmount(abs, currency)
  return minor < 0 ? `-${text}` : text
}

/** The symbol formatMoney puts before an amount ("¥", "€", "$" for HKD): for a price field's prefix. */
export function currencySymbol (currency: string, locale: string): string {
  minorPerMajor(currency)
  const parts = new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'narrowSymbol' }).formatToParts(0)
  return parts.find(part => part.type === 'currency')?.value ?? currency
}
