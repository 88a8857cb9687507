// The tablet shows prices in the store's currency with its own digits: whole yen for a JPY store, cents for
// HKD and EUR, in English and Chinese; the amounts are the menu's minor units, never read as CNY.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import type { Locale } from '@shared/schemas/common'
import type { Menu } from '@shared/schemas/menu'
import MenuDishCard from '@/tablet/components/menu/MenuDishCard.vue'
import MenuDishSheet from '@/tablet/components/menu/MenuDishSheet.vue'
import { createTabletI18n } from '@/tablet/__tests__/tablet-i18n'
import { useMenuStore } from '@/tablet/stores/menu'
import { MENU } from '@/__tests__/support'

let pinia: Pinia
let wrapper: VueWrapper | null = null

/** The test menu in another currency: mapo tofu, its extras (rice, egg, pork) and tea, in that currency's minor units. */
function menuIn (currency: string, [mapo, rice, egg, pork, tea]: readonly number[]): Menu {
  const menu = structuredClone(MENU)
  menu.currency = currency
  const dish = menu.items.find(item => item.id === 'mapo')!
  dish.price = mapo!
  const extras = dish.optionGroups.find(group => group.id === 'extras')!.options
  extras.find(option => option.id === 'rice')!.priceDelta = rice!
  extras.find(option => option.id === 'egg')!.priceDelta = egg!
  extras.find(option => option.id === 'pork')!.priceDelta = pork!
  menu.items.find(item => item.id === 'tea')!.price = tea!
  return menu
}

function useMenu (menu: Menu): void {
  useMenuStore().menu = menu
}

function openSheet (locale: Locale) {
  const mapo = useMenuStore().menu!.items.find(item => item.id === 'mapo')!
  wrapper = mount(MenuDishSheet, {
    props: { item: mapo },
    global: { plugins: [pinia, createTabletI18n(locale)], stubs: { teleport: true } },
  })
  return wrapper
}

function card (itemId: string, locale: Locale): string {
  const item = useMenuStore().menu!.items.find(entry => entry.id === itemId)!
  const mounted = mount(MenuDishCard, { props: { item, inCart: 0 }, global: { plugins: [pinia, createTabletI18n(locale)] } })
  const price = mounted.get('.price').text()
  mounted.unmount()
  return price
}

const total = () => wrapper!.get('[data-testid="dish-total"]').text()
const delta = (optionId: string) => wrapper!.get(`[data-testid="option-${optionId}"] .delta`).text()

describe('prices on the tablet in the store currency', () => {
  beforeEach(() => {
    pinia = createPinia()
    setActivePinia(pinia)
  })
  afterEach(() => {
    wrapper?.unmount()
    wrapper = null
  })

  describe('JPY (no decimals)', () => {
    beforeEach(() => useMenu(menuIn('JPY', [1280, 120, 200, 320, 480])))

    it.each(['en', 'zh-CN'] as const)('shows whole yen in %s: ¥1,280, +¥120, never ¥12.80', async (locale) => {
      expect(card('mapo', locale)).toBe('¥1,280')
      expect(card('tea', locale)).toBe('¥480')
      openSheet(locale)
      expect(total()).toBe('¥1,280')
      expect(delta('rice')).toBe('+¥120')
      await wrapper!.get('[data-testid="option-mild"]').trigger('click')
      await wrapper!.get('[data-testid="option-rice"]').trigger('click')
      await wrapper!.get('[data-testid="option-egg"]').trigger('click')
      expect(total()).toBe('¥1,600')
      expect(wrapper!.text()).not.toMatch(/¥\d[\d,]*\.\d/)
    })
  })

  describe('HKD and EUR (two decimals)', () => {
    it.each([
      ['HKD', 'en', '$61.00', '$5.00', '$69.00'],
      ['HKD', 'zh-CN', '$61.00', '$5.00', '$69.00'],
      ['EUR', 'en', '€13.50', '€1.00', '€15.00'],
      ['EUR', 'zh-CN', '€13.50', '€1.00', '€15.00'],
    ] as const)('shows %s in %s with cents: %s, +%s extra, %s with rice and egg', async (currency, locale, price, rice, withExtras) => {
      useMenu(currency === 'HKD' ? menuIn('HKD', [6100, 500, 300, 1300, 1900]) : menuIn('EUR', [1350, 100, 50, 300, 400]))
      expect(card('mapo', locale)).toBe(price)
      openSheet(locale)
      expect(total()).toBe(price)
      expect(delta('rice')).toBe(`+${rice}`)
      await wrapper!.get('[data-testid="option-mild"]').trigger('click')
      await wrapper!.get('[data-testid="option-rice"]').trigger('click')
      await wrapper!.get('[data-testid="option-egg"]').trigger('click')
      expect(total()).toBe(withExtras)
    })
  })
})
