// Money at the Alipay edge: integer minor units in, decimal strings with the currency's places out, and strict
// parsing back; amounts typed by people; display in the store's currency and the UI's language.
import { describe, expect, it } from 'vitest'
import {
  MINOR_UNITS, currencySymbol, decimalsOf, formatMoney, fromAlipayAmount, isMinorAmount, isSupportedCurrency, minorPerMajor,
  parseMajorAmount, toAlipayAmount, toMajorString,
} from '../money.js'

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

describe('currencies without decimals (JPY, KRW, VND)', () => {
  it('write whole amounts for Alipay, never a decimal point', () => {
    expect(toAlipayAmount(1250, 'JPY')).toBe('1250')
    expect(toAlipayAmount(0, 'JPY')).toBe('0')
    expect(toAlipayAmount(1, 'KRW')).toBe('1')
    expect(toAlipayAmount(35_000, 'KRW')).toBe('35000')
    expect(toAlipayAmount(120_000, 'VND')).toBe('120000')
  })

  it('read whole amounts back, and a zero fraction as the same amount', () => {
    expect(fromAlipayAmount('1250', 'JPY')).toBe(1250)
    expect(fromAlipayAmount('1250.00', 'JPY')).toBe(1250)
    expect(fromAlipayAmount('1250.0', 'KRW')).toBe(1250)
    expect(fromAlipayAmount('35000', 'KRW')).toBe(35_000)
    for (const minor of [0, 1, 999, 1250, 10_000_000_000]) expect(fromAlipayAmount(toAlipayAmount(minor, 'JPY'), 'JPY')).toBe(minor)
  })

  it('refuse a real fraction: 1250.5 yen is not an amount', () => {
    for (const bad of ['1250.5', '1250.05', '0.01', '1250.50']) {
      expect(() => fromAlipayAmount(bad, 'JPY'), bad).toThrow(RangeError)
      expect(() => fromAlipayAmount(bad, 'KRW'), bad).toThrow(RangeError)
    }
  })

  it('have no decimal places and one minor unit per major unit', () => {
    for (const code of ['JPY', 'KRW', 'VND']) {
      expect(decimalsOf(code), code).toBe(0)
      expect(minorPerMajor(code), code).toBe(1)
    }
  })
})

describe('currencies with two decimals (HKD, EUR, and the rest)', () => {
  it('write and read two decimals, as CNY does', () => {
    expect(toAlipayAmount(1250, 'HKD')).toBe('12.50')
    expect(toAlipayAmount(5, 'EUR')).toBe('0.05')
    expect(fromAlipayAmount('12.5', 'HKD')).toBe(1250)
    expect(fromAlipayAmount('1250', 'EUR')).toBe(125_000)
    expect(() => fromAlipayAmount('12.345', 'EUR')).toThrow(RangeError)
    for (const minor of [0, 1, 99, 1250, 123_456]) expect(fromAlipayAmount(toAlipayAmount(minor, 'HKD'), 'HKD')).toBe(minor)
  })

  it('has two decimals for every listed currency but the three without', () => {
    for (const code of Object.keys(MINOR_UNITS)) {
      expect(decimalsOf(code), code).toBe(['JPY', 'KRW', 'VND'].includes(code) ? 0 : 2)
    }
  })

  it('refuses a currency it does not know', () => {
    expect(() => toAlipayAmount(100, 'XXX')).toThrow(RangeError)
    expect(() => fromAlipayAmount('1.00', 'usd')).toThrow(RangeError)
    expect(() => decimalsOf('BTC')).toThrow(RangeError)
  })
})

describe('isSupportedCurrency', () => {
  it('knows the ISO 4217 codes a store may use, in capitals only', () => {
    for (const code of ['CNY', 'HKD', 'MOP', 'TWD', 'SGD', 'MYR', 'THB', 'JPY', 'KRW', 'USD', 'EUR', 'GBP', 'AUD', 'CHF', 'AED']) {
      expect(isSupportedCurrency(code), code).toBe(true)
    }
    for (const code of ['', 'cny', 'XXX', 'BTC', 'RMB', 'toString', '__proto__', 'hasOwnProperty']) {
      expect(isSupportedCurrency(code), code).toBe(false)
      expect(() => minorPerMajor(code), code).toThrow(RangeError)
    }
  })
})

describe('formatMoney in the store currency and the UI language', () => {
  it.each([
    [123_456, 'JPY', 'en', '¥123,456'],
    [123_456, 'JPY', 'zh-CN', '¥123,456'],
    [1200, 'JPY', 'en', '¥1,200'],
    [0, 'JPY', 'en', '¥0'],
    [35_000, 'KRW', 'zh-CN', '₩35,000'],
    [123_450, 'HKD', 'en', '$1,234.50'],
    [123_450, 'HKD', 'zh-CN', '$1,234.50'],
    [5, 'HKD', 'en', '$0.05'],
    [123_450, 'EUR', 'en', '€1,234.50'],
    [123_450, 'EUR', 'zh-CN', '€1,234.50'],
    [1200, 'EUR', 'en', '€12.00'],
    [123_450, 'CNY', 'en', '¥1,234.50'],
    [123_450, 'CNY', 'zh-CN', '¥1,234.50'],
    [3800, 'CNY', 'zh-CN', '¥38.00'],
  ])('%i %s in %s is %j', (minor, currency, locale, expected) => {
    expect(formatMoney(minor, currency, locale)).toBe(expected)
  })
})

describe('amounts typed by people (parseMajorAmount, toMajorString)', () => {
  it('reads a JPY amount as whole yen: "1200" yes, "12.50" no, "1200.00" is 1200', () => {
    expect(parseMajorAmount('1200', 'JPY')).toEqual({ ok: true, minor: 1200 })
    expect(parseMajorAmount('1200.00', 'JPY')).toEqual({ ok: true, minor: 1200 })
    expect(parseMajorAmount('1200.', 'JPY')).toEqual({ ok: true, minor: 1200 })
    expect(parseMajorAmount('12.50', 'JPY')).toEqual({ ok: false, problem: 'decimals' })
    expect(parseMajorAmount('0.5', 'KRW')).toEqual({ ok: false, problem: 'decimals' })
  })

  it('reads two-decimal currencies exactly, with no floating-point error', () => {
    expect(parseMajorAmount('12.5', 'EUR')).toEqual({ ok: true, minor: 1250 })
    expect(parseMajorAmount('19.99', 'HKD')).toEqual({ ok: true, minor: 1999 })
    expect(parseMajorAmount('0.29', 'CNY')).toEqual({ ok: true, minor: 29 })
    expect(parseMajorAmount('.5', 'EUR')).toEqual({ ok: true, minor: 50 })
    expect(parseMajorAmount(' 38 ', 'EUR')).toEqual({ ok: true, minor: 3800 })
    expect(parseMajorAmount('12.500', 'EUR')).toEqual({ ok: true, minor: 1250 })
    expect(parseMajorAmount('12.345', 'EUR')).toEqual({ ok: false, problem: 'decimals' })
  })

  it('says what is wrong with text that is not an amount', () => {
    expect(parseMajorAmount('', 'EUR')).toEqual({ ok: false, problem: 'empty' })
    expect(parseMajorAmount('  ', 'JPY')).toEqual({ ok: false, problem: 'empty' })
    for (const bad of ['abc', '1.2.3', '.', '1e3', '0x10', '1,200', '€12']) {
      expect(parseMajorAmount(bad, 'EUR'), bad).toEqual({ ok: false, problem: 'format' })
    }
    expect(parseMajorAmount('9'.repeat(16), 'JPY')).toEqual({ ok: false, problem: 'tooLarge' })
    expect(parseMajorAmount('99999999999999', 'EUR')).toEqual({ ok: false, problem: 'tooLarge' })
  })

  it('takes a sign only where a negative amount is allowed', () => {
    expect(parseMajorAmount('-3', 'EUR')).toEqual({ ok: false, problem: 'negative' })
    expect(parseMajorAmount('-3', 'EUR', { signed: true })).toEqual({ ok: true, minor: -300 })
    expect(parseMajorAmount('-200', 'JPY', { signed: true })).toEqual({ ok: true, minor: -200 })
    expect(parseMajorAmount('+3', 'HKD', { signed: true })).toEqual({ ok: true, minor: 300 })
    expect(parseMajorAmount('-0', 'EUR', { signed: true })).toEqual({ ok: true, minor: 0 })
  })

  it('writes amounts for editing with the currency\'s decimals, and reads them back unchanged', () => {
    expect(toMajorString(1250, 'EUR')).toBe('12.50')
    expect(toMajorString(5, 'HKD')).toBe('0.05')
    expect(toMajorString(-300, 'CNY')).toBe('-3.00')
    expect(toMajorString(1200, 'JPY')).toBe('1200')
    expect(toMajorString(-50, 'JPY')).toBe('-50')
    expect(toMajorString(0, 'KRW')).toBe('0')
    for (const currency of ['CNY', 'HKD', 'EUR', 'JPY', 'KRW']) {
      for (const minor of [0, 1, 99, 100, 1999, -250, 123_456]) {
        expect(parseMajorAmount(toMajorString(minor, currency), currency, { signed: true }), `${minor} ${currency}`).toEqual({ ok: true, minor })
      }
    }
    expect(() => toMajorString(1.5, 'EUR')).toThrow(RangeError)
  })

  it('names the symbol a price field shows before the amount, as formatMoney does', () => {
    expect(currencySymbol('JPY', 'en')).toBe('¥')
    expect(currencySymbol('CNY', 'zh-CN')).toBe('¥')
    expect(currencySymbol('EUR', 'zh-CN')).toBe('€')
    expect(currencySymbol('HKD', 'en')).toBe('$')
    expect(() => currencySymbol('XXX', 'en')).toThrow(RangeError)
  })
})
