// Prices typed in yuan become exact fen (what the server stores); wrong entries are refused with a reason, never rounded.
import { afterEach, describe, expect, it } from 'vitest'
import { defineComponent, h, ref } from 'vue'
import { mount, type VueWrapper } from '@vue/test-utils'
import StaffPriceInput from '../StaffPriceInput.vue'
import { formatYuan, parseYuan } from '../staff-price'
import { staffI18n } from './staff-support'

describe('parseYuan and formatYuan', () => {
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
  ])('reads %s as %i fen', (text, fen) => {
    expect(parseYuan(text)).toEqual({ ok: true, fen })
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
    expect(parseYuan(text)).toEqual({ ok: false, problem })
  })

  it('reads negative price changes only where they are allowed', () => {
    expect(parseYuan('-2', true)).toEqual({ ok: true, fen: -200 })
    expect(parseYuan('－0.50', true)).toEqual({ ok: true, fen: -50 })
    expect(parseYuan('+3', true)).toEqual({ ok: true, fen: 300 })
    expect(parseYuan('-0', true)).toEqual({ ok: true, fen: 0 })
  })

  it('writes fen as yuan with two decimals, for any amount', () => {
    expect(formatYuan(1250)).toBe('12.50')
    expect(formatYuan(5)).toBe('0.05')
    expect(formatYuan(0)).toBe('0.00')
    expect(formatYuan(-300)).toBe('-3.00')
    for (const fen of [1, 99, 100, 1999, 123456]) expect(parseYuan(formatYuan(fen))).toEqual({ ok: true, fen })
  })
})

describe('StaffPriceInput', () => {
  let wrapper: VueWrapper

  afterEach(() => wrapper.unmount())

  /** A form holding the price in fen, like the dish editor does. */
  function mountField (initial: number | null, props: Record<string, unknown> = {}) {
    const fen = ref<number | null>(initial)
    const Form = defineComponent({
      setup: () => () => h(StaffPriceInput, {
        label: 'Price',
        modelValue: fen.value,
        'onUpdate:modelValue': (value: number | null) => { fen.value = value },
        ...props,
      }),
    })
    wrapper = mount(Form, { global: { plugins: [staffI18n()] } })
    return { fen, input: wrapper.get('input'), error: () => wrapper.get('[data-testid="staff-price-error"]').text() }
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
    expect(error()).toBe('Use at most 2 decimals (fen).')
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
})
