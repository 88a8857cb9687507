// The dish sheet's option rules: required single choice, optional multi choice with its maximum, sold-out options, live price.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { formatMoney } from '@shared/money'
import type { MenuItem } from '@shared/schemas/menu'
import MenuDishSheet from '@/tablet/components/menu/MenuDishSheet.vue'
import { createTabletI18n } from '@/tablet/__tests__/tablet-i18n'
import type { LineChoice } from '@/tablet/stores/cart'
import { useMenuStore } from '@/tablet/stores/menu'
import { MENU } from '@/__tests__/support'

const MAPO = MENU.items.find(item => item.id === 'mapo')!
let pinia: Pinia
let wrapper: VueWrapper | null = null

function open (item: MenuItem = MAPO, props: Record<string, unknown> = {}) {
  wrapper = mount(MenuDishSheet, {
    props: { item, ...props },
    global: { plugins: [pinia, createTabletI18n()], stubs: { teleport: true } },
  })
  return wrapper
}

const option = (id: string) => wrapper!.get(`[data-testid="option-${id}"]`)
const submitted = () => (wrapper!.emitted('submit') ?? []) as [LineChoice][]
const total = () => wrapper!.get('[data-testid="dish-total"]').text()
const yuan = (fen: number) => formatMoney(fen, 'CNY', 'en')

describe('MenuDishSheet', () => {
  beforeEach(() => {
    pinia = createPinia()
    setActivePinia(pinia)
    useMenuStore().menu = structuredClone(MENU)
  })
  afterEach(() => {
    wrapper?.unmount()
    wrapper = null
  })

  it('does not add the dish until the required choice is made, and says what is missing', async () => {
    open()
    await wrapper!.get('[data-testid="dish-add"]').trigger('click')

    expect(submitted()).toHaveLength(0)
    expect(wrapper!.get('[data-testid="option-group-spice"] [role="alert"]').text()).toContain('Spice level')

    await option('mild').trigger('click')
    await wrapper!.get('[data-testid="dish-add"]').trigger('click')
    expect(submitted()[0]?.[0]).toEqual({ itemId: 'mapo', quantity: 1, optionIds: ['mild'], note: '' })
  })

  it('a single choice replaces the previous pick and cannot be emptied', async () => {
    open()
    await option('mild').trigger('click')
    await option('hot').trigger('click')
    expect(option('mild').attributes('aria-checked')).toBe('false')
    expect(option('hot').attributes('aria-checked')).toBe('true')

    await option('hot').trigger('click')
    expect(option('hot').attributes('aria-checked')).toBe('true')
  })

  it('an optional multiple choice stops at its maximum and frees up when a pick is taken back', async () => {
    open()
    await option('rice').trigger('click')
    await option('egg').trigger('click')
    expect(option('pork').attributes('aria-disabled')).toBe('true')

    await option('pork').trigger('click')
    expect(option('pork').attributes('aria-checked')).toBe('false')

    await option('egg').trigger('click')
    expect(option('pork').attributes('aria-disabled')).toBe('false')
    await option('pork').trigger('click')
    expect(option('pork').attributes('aria-checked')).toBe('true')
  })

  it('a sold-out option cannot be picked', async () => {
    open()
    expect(option('truffle').attributes('aria-disabled')).toBe('true')
    await option('truffle').trigger('click')
    expect(option('truffle').attributes('aria-checked')).toBe('false')
  })

  it('shows the live price for options and quantity, and hands over the choice in menu order', async () => {
    open()
    expect(total()).toBe(yuan(3800))
    await option('egg').trigger('click')
    await option('rice').trigger('click')
    await option('hot').trigger('click')
    expect(total()).toBe(yuan(3800 + 500 + 300))

    await wrapper!.get('[data-testid="dish-quantity-increase"]').trigger('click')
    expect(total()).toBe(yuan((3800 + 800) * 2))

    await wrapper!.get('[data-testid="dish-note"]').setValue('  no coriander ')
    await wrapper!.get('[data-testid="dish-add"]').trigger('click')
    expect(submitted()[0]?.[0]).toEqual({ itemId: 'mapo', quantity: 2, optionIds: ['hot', 'rice', 'egg'], note: 'no coriander' })
  })

  it('opens an edited cart line with its choices and keeps the quantity at least 1', async () => {
    open(MAPO, { initial: { quantity: 1, optionIds: ['hot', 'pork'], note: 'less oil' }, editing: true })
    expect(option('hot').attributes('aria-checked')).toBe('true')
    expect(option('pork').attributes('aria-checked')).toBe('true')
    expect(wrapper!.get('[data-testid="dish-quantity-decrease"]').attributes('disabled')).toBeDefined()
    expect(total()).toBe(yuan(4600))
  })

  it('a dish that sold out cannot be added', async () => {
    open(MENU.items.find(item => item.id === 'duck')!)
    const add = wrapper!.get('[data-testid="dish-add"]')
    expect(add.attributes('aria-disabled')).toBe('true')
    await add.trigger('click')
    expect(submitted()).toHaveLength(0)
  })
})
