// Shapes of the demo menu as written in the seed files, and small builders for option groups.
import type { LocalizedText } from '#shared/schemas/common.js'
import type { Allergen, DietaryTag } from '#shared/schemas/menu.js'
import type { DishArt } from './dish-art.js'

export interface DemoCategory {
  id: string
  names: LocalizedText
}

export interface DemoOption {
  id: string
  names: LocalizedText
  /** CNY fen, like the dish price. */
  priceDelta: number
}

export interface DemoOptionGroup {
  id: string
  names: LocalizedText
  min: number
  max: number
  options: DemoOption[]
}

export interface DemoDish {
  /** Stable, readable ids (`dish_mapo_tofu`): the demo is easier to talk about and to test. */
  id: string
  categoryId: string
  names: LocalizedText
  descriptions: LocalizedText
  /** CNY fen, as the demo is written; seeded in the store's currency (demo-prices.ts). */
  price: number
  tags: DietaryTag[]
  allergens: Allergen[]
  art: DishArt
  optionGroups?: DemoOptionGroup[]
}

export function t (en: string, zh: string): LocalizedText {
  return { en, 'zh-CN': zh }
}

type OptionSpec = readonly [suffix: string, en: string, zh: string, priceDelta?: number]

/** An option group whose ids derive from the dish key: `grp_<dish>_<name>`, `opt_<dish>_<name>_<suffix>`. */
export function optionGroup (dish: string, name: string, names: LocalizedText, min: number, max: number, options: readonly OptionSpec[]): DemoOptionGroup {
  return {
    id: `grp_${dish}_${name}`,
    names,
    min,
    max,
    options: options.map(([suffix, en, zh, priceDelta]) => ({ id: `opt_${dish}_${name}_${suffix}`, names: t(en, zh), priceDelta: priceDelta ?? 0 })),
  }
}

const SPICE_LEVELS: readonly OptionSpec[] = [
  ['none', 'Not spicy', '不辣'],
  ['mild', 'Mild', '微辣'],
  ['medium', 'Medium', '中辣'],
  ['hot', 'Extra hot', '特辣'],
]

/** The required single choice of heat every Sichuan dish asks for. */
export function spiceLevel (dish: string, from: 'none' | 'mild' = 'none'): DemoOptionGroup {
  const levels = from === 'none' ? SPICE_LEVELS : SPICE_LEVELS.slice(1)
  return optionGroup(dish, 'spice', t('Spice level', '辣度'), 1, 1, levels)
}

/** Regular or large, one required choice. */
export function portion (dish: string, largeDelta: number): DemoOptionGroup {
  return optionGroup(dish, 'size', t('Portion', '份量'), 1, 1, [
    ['regular', 'Regular', '标准份'],
    ['large', 'Large', '大份', largeDelta],
  ])
}

/** Optional add-ons, any number up to `max`. */
export function extras (dish: string, max: number, options: readonly OptionSpec[]): DemoOptionGroup {
  return optionGroup(dish, 'extras', t('Extras', '加料'), 0, max, options)
}
