// Money is an integer count of the currency's minor unit (fen for CNY); strings only at the edges.

/** Minor units per major unit for the currencies a store may be configured with. */
export const MINOR_UNITS: Readonly<Record<string, number>> = { CNY: 100, HKD: 100, USD: 100, EUR: 100, JPY: 1, KRW: 1 }

export function minorPerMajor (currency: string): number {
  const factor = MINOR_UNITS[currency]
  if (factor === undefined) throw new RangeError(`unsupported currency ${currency}`)
  return factor
}

/**
 * The most one payment can take, in minor units: Alipay's `total_amount` is at most 100000000.00
 * yuan (and at least 0.01, so a payment is never 0).
 */
export const MAX_PAYMENT_AMOUNT = 10_000_000_000

export function isMinorAmount (value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0
}

/** 1250 → "12.50": the decimal string Alipay's Open Platform expects (always two decimals, CNY). */
export function toAlipayAmount (fen: number): string {
  if (!isMinorAmount(fen)) throw new RangeError(`not an amount in fen: ${fen}`)
  const yuan = Math.trunc(fen / 100)
  const cents = fen % 100
  return `${yuan}.${String(cents).padStart(2, '0')}`
}

/** "12.50" → 1250; refuses anything that is not a plain decimal with at most two places. */
export function fromAlipayAmount (text: string): number {
  const match = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(text)
  if (!match) throw new RangeError(`not an Alipay amount: ${JSON.stringify(text)}`)
  const yuan = Number(match[1])
  const cents = Number((match[2] ?? '').padEnd(2, '0'))
  return yuan * 100 + cents
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
