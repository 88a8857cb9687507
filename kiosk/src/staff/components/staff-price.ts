// Prices typed by people in the store's currency ("12.5", "€12.50", "¥1,200", full-width "１２．５") to
// integer minor units, and back for editing; the currency's decimals decide (none for JPY and KRW).
import { parseMajorAmount, toMajorString, type MajorAmountParse, type MajorAmountProblem } from '@shared/money'

/**
 * The largest price a field accepts, in minor units (¥100,000.00, or ¥10,000,000 in yen): a typo
 * with extra zeros is caught, not saved.
 */
export const MAX_PRICE_MINOR = 10_000_000

export type PriceProblem = MajorAmountProblem

export type PriceParse = MajorAmountParse

/** What people write around an amount in this currency: its code and symbols ("HK$", "CN¥", "€"). */
function currencyMarks (currency: string): string[] {
  const marks = new Set([currency])
  for (const locale of ['en', 'zh-CN']) {
    for (const currencyDisplay of ['symbol', 'narrowSymbol'] as const) {
      const parts = new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay }).formatToParts(0)
      for (const part of parts) if (part.type === 'currency') marks.add(part.value)
    }
  }
  return [...marks].sort((a, b) => b.length - a.length)
}

/** Full-width digits and punctuation (Chinese input methods) become ASCII; currency marks, spaces and grouping commas go. */
function normalize (text: string, currency: string): string {
  let clean = text
    .replace(/[\uFF10-\uFF19]/g, digit => String.fromCharCode(digit.charCodeAt(0) - 0xFF10 + 48))
    .replace(/[．。]/g, '.')
    .replace(/[－−]/g, '-')
    .replace(/[＋]/g, '+')
  for (const mark of currencyMarks(currency)) clean = clean.split(mark).join('')
  return clean.replace(/[\p{Sc}\s,，]/gu, '')
}

/**
 * Reads an amount with at most the currency's decimals as minor units, exactly (no floating point).
 * @param signed - allow "-3" / "+3" (price changes of options)
 */
export function parsePrice (text: string, currency: string, signed = false): PriceParse {
  const parsed = parseMajorAmount(normalize(text, currency), currency, { signed })
  if (parsed.ok && Math.abs(parsed.minor) > MAX_PRICE_MINOR) return { ok: false, problem: 'tooLarge' }
  return parsed
}

/** 1250 → "12.50" (EUR), 1200 → "1200" (JPY), -300 → "-3.00": what a price field shows for an amount. */
export function priceText (minor: number, currency: string): string {
  return toMajorString(Math.trunc(minor), currency)
}
