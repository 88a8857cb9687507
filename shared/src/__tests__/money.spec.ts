// Money at the Alipay edge: integer fen in, two-decimal yuan strings out, and strict parsing back.
import { describe, expect, it } from 'vitest'
import { formatMoney, fromAlipayAmount, isMinorAmount, minorPerMajor, toAlipayAmount } from '../money.js'

describe('toAlipayAmount', () => {
  it('writes fen as yuan with exactly two decimals', () => {
    expect(toAlipayAmount(0)).toBe('0.00')
    expect(toAlipayAmount(1)).toBe('0.01')
    expect(toAlipayAmount(10)).toBe('0.10')
    expect(toAlipayAmount(1250)).toBe('12.50')
    expect(toAlipayAmount(100)).toBe('1.00')
    expect(toAlipayAmount(100_000_000)).toBe('1000000.00')
  })

  it('refuses anything that is not a whole, non-negative count of fen', () => {
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
      expect(() => toAlipayAmount(bad), String(bad)).toThrow(RangeError)
    }
  })
})

describe('fromAlipayAmount', () => {
  it('reads yuan strings back into fen', () => {
    expect(fromAlipayAmount('0')).toBe(0)
    expect(fromAlipayAmount('0.00')).toBe(0)
    expect(fromAlipayAmount('0.01')).toBe(1)
    expect(fromAlipayAmount('12.5')).toBe(1250)
    expect(fromAlipayAmount('12.50')).toBe(1250)
    expect(fromAlipayAmount('1000000.00')).toBe(100_000_000)
  })

  it('round-trips every amount it writes', () => {
    for (const fen of [0, 1, 9, 99, 100, 101, 12345, 100_000_000]) {
      expect(fromAlipayAmount(toAlipayAmount(fen))).toBe(fen)
    }
  })

  it('refuses anything but a plain decimal with at most two places', () => {
    for (const bad of ['1.234', '-1', '1e3', ' 1', '1 ', '', '.5', '1.', '+1', '0x10', '1,00', '１']) {
      expect(() => fromAlipayAmount(bad), JSON.stringify(bad)).toThrow(RangeError)
    }
  })
})

describe('helpers', () => {
  it('knows the minor units of the supported currencies and refuses others', () => {
    expect(minorPerMajor('CNY')).toBe(100)
    expect(minorPerMajor('JPY')).toBe(1)
    expect(() => minorPerMajor('XXX')).toThrow(RangeError)
  })

  it('accepts only safe non-negative integers as amounts', () => {
    expect(isMinorAmount(0)).toBe(true)
    expect(isMinorAmount(-1)).toBe(false)
    expect(isMinorAmount(0.5)).toBe(false)
  })

  it('formats for people in the currency of the store', () => {
    expect(formatMoney(1250, 'CNY', 'en')).toMatch(/12\.50/)
    expect(formatMoney(500, 'JPY', 'en')).toMatch(/500/)
    expect(formatMoney(500, 'JPY', 'en')).not.toMatch(/\./)
  })
})
