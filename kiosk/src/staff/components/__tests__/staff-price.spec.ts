// Prices typed in the store's currency become exact minor units (what the server stores): two decimals for CNY,
// EUR or HKD, none for JPY; wrong entries are refused with a reason, never rounded.
import { afterEach, describe, expect, it } from 'vitest'
import { defineComponent, h, ref } from 'vue'
import { mount, type VueWrapper } from '@vue/test-utils'
import StaffPriceInput from '../StaffPriceInput.vue'
import { parsePrice, priceText } from '../staff-price'
import type { Locale } from '@shared/schemas/common'
import { staffI18n } from './staff-support'

describe('parsePrice and priceText', () => {
  it.each([
    ['12', 1200],
    ['12.5', 1250],
    ['12.50', 1250],
    ['0.05', 5],
    ['.5', 50],
    ['12.', 1200],
    ['¥ 38.00', 3800],
    ['￥1,288.80', 128880],
    ['１２．５', 1250],
    // 0.1 + 0.2 style float errors must not leak into fen.
    ['19.99', 1999],
    ['0.29', 29],
  ])('reads %s as %i fen', (text, minor) => {
    expect(parsePrice(text, 'CNY')).toEqual({ ok: true, minor })
  })

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['abc', 'format'],
    ['1.2.3', 'format'],
    ['.', 'format'],
    ['12.345', 'decimals'],
    ['-3', 'negative'],
    ['100000.01', 'tooLarge'],
  ])('refuses %j as %s', (text, problem) => {
    expect(parsePrice(text, 'CNY')).toEqual({ ok: false, problem })
  })

  it('reads negative price changes only where they are allowed', () => {
    expect(parsePrice('-2', 'CNY', true)).toEqual({ ok: true, minor: -200 })
    expect(parsePrice('－0.50', 'CNY', true)).toEqual({ ok: true, minor: -50 })
    expect(parsePrice('+3', 'CNY', true)).toEqual({ ok: true, minor: 300 })
    expect(parsePrice('-0', 'CNY', true)).toEqual({ ok: true, minor: 0 })
  })

  it('writes fen as yuan with two decimals, for any amount', () => {
    expect(priceText(1250, 'CNY')).toBe('12.50')
    expect(priceText(5, 'CNY')).toBe('0.05')
    expect(priceText(0, 'CNY')).toBe('0.00')
    expect(priceText(-300, 'CNY')).toBe('-3.00')
    for (const minor of [1, 99, 100, 1999, 123456]) expect(parsePrice(priceText(minor, 'CNY'), 'CNY')).toEqual({ ok: true, minor })
  })

  it('reads whole yen: 1200 is 1200 yen, 12.50 is refused, grouping and yen signs are fine', () => {
    expect(parsePrice('1200', 'JPY')).toEqual({ ok: true, minor: 1200 })
    expect(parsePrice('¥1,200', 'JPY')).toEqual({ ok: true, minor: 1200 })
    expect(parsePrice('JP¥ 980', 'JPY')).toEqual({ ok: true, minor: 980 })
    expect(parsePrice('１２００', 'JPY')).toEqual({ ok: true, minor: 1200 })
    expect(parsePrice('1200.00', 'JPY')).toEqual({ ok: true, minor: 1200 })
    expect(parsePrice('12.50', 'JPY')).toEqual({ ok: false, problem: 'decimals' })
    expect(parsePrice('-50', 'JPY', true)).toEqual({ ok: true, minor: -50 })
    expect(priceText(1200, 'JPY')).toBe('1200')
    expect(priceText(-50, 'JPY')).toBe('-50')
  })

  it('reads other two-decimal currencies with their own marks: HK$, €', () => {
    expect(parsePrice('HK$ 58.5', 'HKD')).toEqual({ ok: true, minor: 5850 })
    expect(parsePrice('$58', 'HKD')).toEqual({ ok: true, minor: 5800 })
    expect(parsePrice('€11.50', 'EUR')).toEqual({ ok: true, minor: 1150 })
    expect(parsePrice('11.505', 'EUR')).toEqual({ ok: false, problem: 'decimals' })
    expect(priceText(1150, 'EUR')).toBe('11.50')
  })
})

describe('StaffPriceInput', () => {
  let wrapper: VueWrapper

  afterEach(() => wrapper.unmount())

  /** A form holding the price in fen, like the dish editor does. */
  function mountField (initial: number | null, props: Record<string, unknown> = {}, locale: Locale = 'en') {
    const fen = ref<number | null>(initial)
    const Form = defineComponent({
      setup: () => () => h(StaffPriceInput, {
        label: 'Price',
        currency: 'CNY',
        modelValue: fen.value,
        'onUpdate:modelValue': (value: number | null) => { fen.value = value },
        ...props,
      }),
    })
    wrapper = mount(Form, { global: { plugins: [staffI18n(locale)] } })
    return {
      fen,
      input: wrapper.get('input'),
      error: () => wrapper.get('[data-testid="staff-price-error"]').text(),
      hint: () => wrapper.get('.staff-hint').text(),
      sign: () => wrapper.get('[data-testid="staff-price-sign"]').text(),
    }
  }

  it('shows an amount in fen as yuan with two decimals', () => {
    const { input } = mountField(3800)
    expect((input.element as HTMLInputElement).value).toBe('38.00')
    expect(wrapper.text()).toContain('¥')
  })

  it('gives the form fen as the person types, and tidies the text when they leave the field', async () => {
    const { fen, input } = mountField(null)
    await input.setValue('12.5')
    expect(fen.value).toBe(1250)
    // Still "12.5" while typing: the field must not jump under the cursor.
    expect((input.element as HTMLInputElement).value).toBe('12.5')
    await input.trigger('blur')
    expect((input.element as HTMLInputElement).value).toBe('12.50')
    expect(fen.value).toBe(1250)
  })

  it('holds no amount (null) while the text is not a price, and says why once the field is left', async () => {
    const { fen, input, error } = mountField(1200)
    await input.setValue('12.345')
    expect(fen.value).toBeNull()
    expect(error()).toBe('')
    await input.trigger('blur')
    expect(error()).toBe('Use at most 2 decimals.')
    expect(input.attributes('aria-invalid')).toBe('true')
    await input.setValue('12.34')
    expect(fen.value).toBe(1234)
    expect(error()).toBe('')
  })

  it('refuses a negative price, but takes one for an option\'s price change', async () => {
    const plain = mountField(0, { showErrors: true })
    await plain.input.setValue('-2')
    expect(plain.fen.value).toBeNull()
    expect(plain.error()).toBe('A price cannot be below zero.')
    wrapper.unmount()
    const signed = mountField(0, { signed: true })
    await signed.input.setValue('-2')
    expect(signed.fen.value).toBe(-200)
  })

  it('refuses more than a maximum (what is left to refund)', async () => {
    const { fen, input, error } = mountField(500, { max: 2000, showErrors: true })
    await input.setValue('20.01')
    expect(fen.value).toBeNull()
    expect(error()).toBe('At most ¥20.00.')
    await input.setValue('20')
    expect(fen.value).toBe(2000)
  })

  it('follows an amount set from outside (a "full amount" button)', async () => {
    const { fen, input } = mountField(500)
    fen.value = 9400
    await wrapper.vm.$nextTick()
    expect((input.element as HTMLInputElement).value).toBe('94.00')
  })

  it('shows the store currency\'s sign and hint: ¥ and yuan, in both languages', () => {
    const en = mountField(3800)
    expect(en.sign()).toBe('¥')
    expect(en.hint()).toBe('In Chinese Yuan, for example 38 or 12.50.')
    wrapper.unmount()
    const zh = mountField(3800, {}, 'zh-CN')
    expect(zh.hint()).toBe('单位为人民币，例如 38 或 12.50。')
  })

  describe('in a JPY store (no decimals)', () => {
    it('shows whole yen, takes "1200", and says yen has no decimals for "12.50"', async () => {
      const { fen, input, error, hint, sign } = mountField(1280, { currency: 'JPY' })
      expect((input.element as HTMLInputElement).value).toBe('1280')
      expect(sign()).toBe('¥')
      expect(hint()).toBe('In Japanese Yen, whole amounts only, for example 1200 or 980.')
      expect(input.attributes('inputmode')).toBe('numeric')
      await input.setValue('1200')
      expect(fen.value).toBe(1200)
      await input.trigger('blur')
      expect((input.element as HTMLInputElement).value).toBe('1200')
      await input.setValue('12.50')
      expect(fen.value).toBeNull()
      expect(error()).toBe('Japanese Yen has no decimals: enter a whole amount.')
      await input.setValue('1200.00')
      expect(fen.value).toBe(1200)
      await input.trigger('blur')
      expect((input.element as HTMLInputElement).value).toBe('1200')
    })

    it('says so in Chinese too, and shows a maximum without decimals', async () => {
      const { fen, input, error, hint } = mountField(500, { currency: 'JPY', max: 2000, showErrors: true }, 'zh-CN')
      expect(hint()).toBe('单位为日元，只能输入整数，例如 1200 或 980。')
      await input.setValue('12.5')
      expect(error()).toBe('日元没有小数，请输入整数。')
      await input.setValue('2001')
      expect(fen.value).toBeNull()
      expect(error()).toBe('最多 ¥2,000。')
      await input.setValue('abc')
      expect(error()).toBe('请输入数字，例如 1200。')
    })

    it('takes a negative whole-yen price change for an option', async () => {
      const { fen, input } = mountField(0, { currency: 'JPY', signed: true })
      await input.setValue('-50')
      expect(fen.value).toBe(-50)
    })
  })

  describe('in HKD and EUR stores', () => {
    it('shows HK$ amounts with two decimals and the dollar sign, in English and Chinese', async () => {
      const en = mountField(5850, { currency: 'HKD', max: 6000, showErrors: true })
      expect((en.input.element as HTMLInputElement).value).toBe('58.50')
      expect(en.sign()).toBe('$')
      expect(en.hint()).toBe('In Hong Kong Dollar, for example 38 or 12.50.')
      await en.input.setValue('60.01')
      expect(en.error()).toBe('At most $60.00.')
      wrapper.unmount()
      const zh = mountField(5850, { currency: 'HKD' }, 'zh-CN')
      expect(zh.hint()).toBe('单位为港元，例如 38 或 12.50。')
      await zh.input.setValue('HK$ 48.5')
      expect(zh.fen.value).toBe(4850)
    })

    it('shows euros with € and refuses a third decimal, in English and Chinese', async () => {
      const en = mountField(1150, { currency: 'EUR', showErrors: true })
      expect((en.input.element as HTMLInputElement).value).toBe('11.50')
      expect(en.sign()).toBe('€')
      await en.input.setValue('11.505')
      expect(en.fen.value).toBeNull()
      expect(en.error()).toBe('Use at most 2 decimals.')
      wrapper.unmount()
      const zh = mountField(900, { currency: 'EUR', max: 1000, showErrors: true }, 'zh-CN')
      expect(zh.hint()).toBe('单位为欧元，例如 38 或 12.50。')
      expect(zh.error()).toBe('')
      await zh.input.setValue('10.5')
      expect(zh.error()).toBe('最多 €10.00。')
    })
  })
})
