// Pricing and option rules: the server refuses exactly what the tablet's cart would flag.
import { describe, expect, it } from 'vitest'
import { MAX_ORDER_TOTAL, checkOptionGroup, isWithinOrderLimit, needsNoPayment, orderTotals, priceLine, priceOrder } from '../pricing.js'
import type { MenuItem, OptionGroup } from '../schemas/menu.js'

const text = (en: string) => ({ en, 'zh-CN': en })

function group (id: string, min: number, max: number, options: Array<[string, number, boolean?]>): OptionGroup {
  return { id, names: text(id), min, max, options: options.map(([optionId, priceDelta, available]) => ({ id: optionId, names: text(optionId), priceDelta, available: available ?? true })) }
}

function dish (id: string, price: number, optionGroups: OptionGroup[] = [], available = true): MenuItem {
  return { id, categoryId: 'cat', names: text(id), descriptions: text(''), price, image: '', tags: [], allergens: [], available, sort: 0, optionGroups }
}

const noodles = dish('noodles', 2800, [
  group('spice', 1, 1, [['mild', 0], ['hot', 0], ['volcano', 0, false]]),
  group('extras', 0, 2, [['egg', 300], ['pork', 600], ['greens', 300]]),
])
const rice = dish('rice', 300)
const discounted = dish('set', 1000, [group('deal', 0, 2, [['coupon', -800], ['coupon2', -800]])])
const soldOut = dish('duck', 12800, [], false)
const menu = new Map([noodles, rice, discounted, soldOut].map(item => [item.id, item]))

describe('priceLine', () => {
  it('adds option deltas to the unit price and multiplies by quantity', () => {
    const result = priceLine(noodles, { itemId: 'noodles', quantity: 3, optionIds: ['egg', 'hot', 'pork'] })
    expect(result).toEqual({
      ok: true,
      line: {
        itemId: 'noodles',
        names: text('noodles'),
        quantity: 3,
        unitPrice: 2800 + 300 + 600,
        // In menu order (group by group), not in the order chosen.
        options: [
          { id: 'hot', groupId: 'spice', names: text('hot'), priceDelta: 0 },
          { id: 'egg', groupId: 'extras', names: text('egg'), priceDelta: 300 },
          { id: 'pork', groupId: 'extras', names: text('pork'), priceDelta: 600 },
        ],
        lineTotal: 3 * 3700,
      },
    })
  })

  it('floors the unit price at zero when negative deltas exceed the price', () => {
    const result = priceLine(discounted, { itemId: 'set', quantity: 2, optionIds: ['coupon', 'coupon2'] })
    expect(result.ok && result.line.unitPrice).toBe(0)
    expect(result.ok && result.line.lineTotal).toBe(0)
    const partial = priceLine(discounted, { itemId: 'set', quantity: 1, optionIds: ['coupon'] })
    expect(partial.ok && partial.line.unitPrice).toBe(200)
  })

  it('refuses an unknown dish and a sold-out dish', () => {
    expect(priceLine(undefined, { itemId: 'ghost', quantity: 1, optionIds: [] })).toEqual({ ok: false, problem: { code: 'ITEM_NOT_FOUND', itemId: 'ghost' } })
    expect(priceLine(soldOut, { itemId: 'duck', quantity: 1, optionIds: [] })).toEqual({ ok: false, problem: { code: 'ITEM_UNAVAILABLE', itemId: 'duck' } })
  })

  it('refuses an unknown option and an option of another dish', () => {
    expect(priceLine(noodles, { itemId: 'noodles', quantity: 1, optionIds: ['hot', 'truffle'] }))
      .toEqual({ ok: false, problem: { code: 'OPTION_NOT_FOUND', itemId: 'noodles', optionId: 'truffle' } })
    expect(priceLine(discounted, { itemId: 'set', quantity: 1, optionIds: ['egg'] }))
      .toEqual({ ok: false, problem: { code: 'OPTION_NOT_FOUND', itemId: 'set', optionId: 'egg' } })
  })

  it('refuses a sold-out option', () => {
    expect(priceLine(noodles, { itemId: 'noodles', quantity: 1, optionIds: ['volcano'] }))
      .toEqual({ ok: false, problem: { code: 'OPTION_UNAVAILABLE', itemId: 'noodles', optionId: 'volcano', groupId: 'spice' } })
  })

  it('enforces min and max per group', () => {
    expect(priceLine(noodles, { itemId: 'noodles', quantity: 1, optionIds: ['egg'] }))
      .toEqual({ ok: false, problem: { code: 'OPTION_TOO_FEW', itemId: 'noodles', groupId: 'spice' } })
    expect(priceLine(noodles, { itemId: 'noodles', quantity: 1, optionIds: ['mild', 'hot'] }))
      .toEqual({ ok: false, problem: { code: 'OPTION_TOO_MANY', itemId: 'noodles', groupId: 'spice' } })
    expect(priceLine(noodles, { itemId: 'noodles', quantity: 1, optionIds: ['mild', 'egg', 'pork', 'greens'] }))
      .toEqual({ ok: false, problem: { code: 'OPTION_TOO_MANY', itemId: 'noodles', groupId: 'extras' } })
    // Optional groups may be left empty; required ones satisfied exactly are fine.
    expect(priceLine(noodles, { itemId: 'noodles', quantity: 1, optionIds: ['mild'] }).ok).toBe(true)
  })
})

describe('checkOptionGroup', () => {
  it('reports an unavailable choice before counting', () => {
    const spice = noodles.optionGroups[0]!
    expect(checkOptionGroup(noodles, spice, new Set(['volcano', 'hot']))).toMatchObject({ code: 'OPTION_UNAVAILABLE', optionId: 'volcano' })
    expect(checkOptionGroup(noodles, spice, new Set(['hot']))).toBeNull()
  })
})

describe('priceOrder', () => {
  it('totals every line', () => {
    const result = priceOrder(menu, [
      { itemId: 'noodles', quantity: 2, optionIds: ['mild', 'egg'] },
      { itemId: 'rice', quantity: 3, optionIds: [] },
    ])
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.lines.map(line => line.lineTotal)).toEqual([2 * 3100, 900])
    expect(result.totals).toEqual({ subtotal: 7100, total: 7100 })
  })

  it('reports every line that cannot be ordered, in order, and no lines', () => {
    const result = priceOrder(menu, [
      { itemId: 'duck', quantity: 1, optionIds: [] },
      { itemId: 'rice', quantity: 1, optionIds: [] },
      { itemId: 'noodles', quantity: 1, optionIds: [] },
    ])
    expect(result).toEqual({
      ok: false,
      problems: [
        { code: 'ITEM_UNAVAILABLE', itemId: 'duck' },
        { code: 'OPTION_TOO_FEW', itemId: 'noodles', groupId: 'spice' },
      ],
    })
  })

  it('sums nothing to zero', () => {
    expect(orderTotals([])).toEqual({ subtotal: 0, total: 0 })
  })
})

describe('order limits', () => {
  it('takes totals from 0 up to the most one Alipay payment can take (100000000.00 yuan)', () => {
    expect(MAX_ORDER_TOTAL).toBe(10_000_000_000)
    expect([0, 1, MAX_ORDER_TOTAL].map(isWithinOrderLimit)).toEqual([true, true, true])
    expect([MAX_ORDER_TOTAL + 1, -1, 0.5, Number.NaN].map(isWithinOrderLimit)).toEqual([false, false, false, false])
  })

  it('refuses a total whose quantity × price went past exact integers', () => {
    const huge = dish('gold', Math.floor(Number.MAX_SAFE_INTEGER / 10))
    const result = priceOrder(new Map([[huge.id, huge]]), [{ itemId: 'gold', quantity: 99, optionIds: [] }])
    if (!result.ok) throw new Error('the dish itself can be ordered')
    expect(Number.isSafeInteger(result.totals.total)).toBe(false)
    expect(isWithinOrderLimit(result.totals.total)).toBe(false)
  })

  it('needs no payment only for a total of 0', () => {
    expect(needsNoPayment({ total: 0 })).toBe(true)
    expect(needsNoPayment({ total: 1 })).toBe(false)
  })
})
