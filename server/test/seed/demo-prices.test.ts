// The demo menu in another currency: converted with the documented demo figures and rounded to prices a
// restaurant there would print, never the CNY numbers read in another currency (¥38 shown as $38).
import { describe, expect, it } from 'vitest'
import { buildTestApp } from '../helper.js'
import { registerTablet } from '../auth-helpers.js'
import { DEMO_DISHES } from '../../src/seed/demo-menu.js'
import { DEMO_PRICE_PER_100_CNY, DEMO_PRICE_STEP, demoAmount, demoDishIn } from '../../src/seed/demo-prices.js'
import { MINOR_UNITS, formatMoney } from '#shared/money.js'
import type { Menu, MenuItem } from '#shared/schemas/menu.js'

async function seededMenu (currency: string): Promise<Menu> {
  // A store outside CNY takes payments through Alipay Global (the Open Platform is CNY only).
  const app = await buildTestApp({ STORE_CURRENCY: currency, ...(currency === 'CNY' ? {} : { ALIPAY_PROTOCOL: 'global' }) })
  const tablet = await registerTablet(app)
  return (await app.inject({ method: 'GET', url: '/api/menu', headers: { cookie: tablet.cookie } })).json<Menu>()
}

const byId = (menu: Menu, id: string): MenuItem => menu.items.find(item => item.id === id)!
const deltas = (item: MenuItem): number[] => item.optionGroups.flatMap(group => group.options.map(option => option.priceDelta))

describe('demoAmount', () => {
  it('keeps CNY as written', () => {
    expect(demoAmount(3800, 'CNY')).toBe(3800)
    expect(demoAmount(-200, 'CNY')).toBe(-200)
  })

  it('rounds yen to 10 and won to 100, whole amounts (no minor unit)', () => {
    expect(demoAmount(3200, 'JPY')).toBe(1280) // ¥32 × 40 = 1,280 yen
    expect(demoAmount(3850, 'JPY')).toBe(1540)
    expect(demoAmount(1234, 'JPY')).toBe(490) // 493.6 → 490
    expect(demoAmount(3200, 'KRW')).toBe(12_800)
    expect(demoAmount(1234, 'KRW')).toBe(4_900) // 4,936 → 4,900
  })

  it('rounds euros and dollars to fifty cents, Hong Kong dollars to whole dollars, baht to five', () => {
    expect(demoAmount(3200, 'EUR')).toBe(1100) // 11.20 → €11.00
    expect(demoAmount(3800, 'EUR')).toBe(1350) // 13.30 → €13.50
    expect(demoAmount(3250, 'USD')).toBe(1300) // 13.00
    expect(demoAmount(3800, 'HKD')).toBe(6100) // 60.80 → HK$61
    expect(demoAmount(3200, 'THB')).toBe(19_000) // 192 → ฿190
  })

  it('rounds half up exactly, in integers', () => {
    // ¥25 × 0.35 = €8.75: exactly between 8.50 and 9.00.
    expect(demoAmount(2500, 'EUR')).toBe(900)
    // ¥0.25 × 40 = 10 yen exactly; ¥0.375 × 40 = 15 yen, half-way, → 20.
    expect(demoAmount(25, 'JPY')).toBe(10)
    expect(demoAmount(38, 'JPY')).toBe(20) // 15.2 yen
    expect(demoAmount(1225, 'JPY')).toBe(490)
  })

  it('keeps free items free, paid items paid, and cheaper options cheaper', () => {
    for (const currency of Object.keys(MINOR_UNITS)) {
      expect(demoAmount(0, currency), currency).toBe(0)
      expect(demoAmount(1, currency), currency).toBeGreaterThan(0)
      expect(demoAmount(-200, currency), currency).toBeLessThan(0)
      expect(demoAmount(-200, currency), currency).toBe(-demoAmount(200, currency))
    }
  })

  it('has a demo figure for every currency a store may use, and integer steps', () => {
    expect(Object.keys(DEMO_PRICE_PER_100_CNY).sort()).toEqual(Object.keys(MINOR_UNITS).sort())
    for (const [currency, step] of Object.entries(DEMO_PRICE_STEP)) {
      expect(Number.isSafeInteger(step) && step > 0, currency).toBe(true)
      expect(MINOR_UNITS[currency], currency).toBeDefined()
    }
  })

  it('prices every demo dish and option as a whole multiple of the step, keeping the menu\'s order of prices', () => {
    for (const currency of Object.keys(MINOR_UNITS)) {
      const step = DEMO_PRICE_STEP[currency] ?? 50
      const converted = DEMO_DISHES.map(dish => demoDishIn(dish, currency))
      for (const dish of converted) {
        expect(Number.isSafeInteger(dish.price) && dish.price > 0 && dish.price % step === 0, `${currency} ${dish.id}`).toBe(true)
        for (const option of (dish.optionGroups ?? []).flatMap(group => group.options)) {
          expect(Number.isSafeInteger(option.priceDelta) && option.priceDelta % step === 0, `${currency} ${option.id}`).toBe(true)
        }
      }
      // A dearer dish in CNY is never cheaper after conversion (rounding may make two equal).
      const pairs = DEMO_DISHES.map((dish, index) => [dish.price, converted[index]!.price] as const).sort((a, b) => a[0] - b[0])
      for (let i = 1; i < pairs.length; i++) expect(pairs[i]![1], currency).toBeGreaterThanOrEqual(pairs[i - 1]![1])
    }
  })
})

describe('the seeded demo menu in the store currency', () => {
  // A menu there is printed in these steps and ranges: CNY numbers are never read as yen or euros. Free choices stay
  // free and paid extras stay paid (kung pao: three spice levels, then two ¥3 extras).
  it.each([
    { currency: 'JPY', tofu: 1280, shown: '¥1,280', locale: 'en', step: 10, min: 100, max: 10_000, extras: 120 },
    { currency: 'EUR', tofu: 1100, shown: '€11.00', locale: 'zh-CN', step: 50, min: 100, max: 6000, extras: 100 },
  ])('is priced like a menu in $currency: mapo tofu $shown, every price a multiple of $step', async ({ currency, tofu, shown, locale, step, min, max, extras }) => {
    const menu = await seededMenu(currency)
    expect(menu.currency).toBe(currency)
    const mapoTofu = byId(menu, 'dish_mapo_tofu')
    expect(mapoTofu.price).toBe(tofu)
    expect(formatMoney(mapoTofu.price, currency, locale)).toBe(shown)
    for (const item of menu.items) {
      expect(item.price % step, item.id).toBe(0)
      expect(item.price, item.id).toBeGreaterThanOrEqual(min)
      expect(item.price, item.id).toBeLessThanOrEqual(max)
      for (const delta of deltas(item)) expect(delta % step, item.id).toBe(0)
    }
    expect(deltas(byId(menu, 'dish_kung_pao_chicken'))).toEqual([0, 0, 0, extras, extras])
  })

  it('keeps the written CNY prices in a CNY store', async () => {
    const menu = await seededMenu('CNY')
    expect(byId(menu, 'dish_mapo_tofu').price).toBe(DEMO_DISHES.find(dish => dish.id === 'dish_mapo_tofu')!.price)
  })
})
