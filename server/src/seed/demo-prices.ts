// The demo menu's prices in the store's currency: written in CNY, converted for a store elsewhere so a
// Tokyo or Paris demo shows ¥1,280 or €11.00 for mapo tofu, not ¥32 read as 32 yen or €32.
import { minorPerMajor } from '#shared/money.js'
import type { DemoDish } from './demo-types.js'

/**
 * DEMO FIGURES, NOT EXCHANGE RATES: what ¥100 of the demo menu costs on a menu in each currency, in
 * whole major units. They mix a rough exchange rate with local restaurant prices (a dish costs more in
 * Zurich than in Chengdu), are fixed so the demo and its tests never change, and must never be used
 * to convert real money.
 */
export const DEMO_PRICE_PER_100_CNY: Readonly<Record<string, number>> = {
  CNY: 100,
  HKD: 160, MOP: 160, TWD: 600, SGD: 35, MYR: 70, THB: 600, PHP: 1_000, VND: 500_000,
  JPY: 4_000, KRW: 40_000,
  USD: 40, CAD: 50, AUD: 55, NZD: 60, EUR: 35, GBP: 30, CHF: 45, SEK: 400, NOK: 450, DKK: 300, AED: 140,
}

/**
 * The step printed prices move by, in minor units: what a restaurant there writes on its menu
 * (€11.50, HK$58, ฿195, ¥1,280, ₩12,800, 64,000 đồng). Currencies not listed use fifty cents.
 */
export const DEMO_PRICE_STEP: Readonly<Record<string, number>> = {
  HKD: 100, MOP: 100, TWD: 500, THB: 500, PHP: 500, SEK: 500, NOK: 500, DKK: 500,
  JPY: 10, KRW: 100, VND: 1_000,
}
const DEFAULT_STEP = 50

/**
 * A demo amount in CNY fen as the same demo amount in `currency`'s minor units: converted with the
 * demo figure, then rounded half up to the currency's price step, all in integers (no 0.1 + 0.2).
 * Free stays free; a paid amount never rounds down to free (at least one step); the sign is kept,
 * so a cheaper option stays cheaper.
 */
export function demoAmount (cnyFen: number, currency: string): number {
  if (currency === 'CNY' || cnyFen === 0) return cnyFen
  const per100 = DEMO_PRICE_PER_100_CNY[currency]
  if (per100 === undefined) throw new RangeError(`no demo prices for ${currency}`)
  const step = DEMO_PRICE_STEP[currency] ?? DEFAULT_STEP
  // fen / 100 → yuan; yuan × per100 / 100 → major units; × minorPerMajor → minor units.
  const numerator = Math.abs(cnyFen) * per100 * minorPerMajor(currency)
  const denominator = 100 * 100 * step
  const steps = Math.max(1, Math.floor((2 * numerator + denominator) / (2 * denominator)))
  return Math.sign(cnyFen) * steps * step
}

/** A demo dish priced in `currency`: the dish price and every option's price change. */
export function demoDishIn (dish: DemoDish, currency: string): DemoDish {
  if (currency === 'CNY') return dish
  return {
    ...dish,
    price: demoAmount(dish.price, currency),
    ...(dish.optionGroups
      ? {
          optionGroups: dish.optionGroups.map(group => ({
            ...group,
            options: group.options.map(option => ({ ...option, priceDelta: demoAmount(option.priceDelta, currency) })),
          })),
        }
      : {}),
  }
}
