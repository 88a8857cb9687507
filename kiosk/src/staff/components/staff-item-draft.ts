// A dish being edited: the form's copy of a menu item (prices may be half-typed), its checks, and the body sent to the server.
import type { LocalizedText } from '@shared/schemas/common'
import {
  AllergenEnum, DietaryTagEnum,
  type Allergen, type CreateMenuItem, type DietaryTag, type MenuItem, type OptionGroupInput, type UpdateMenuItem,
} from '@shared/schemas/menu'
import { MAX_PRICE_MINOR } from './staff-price'

/** Largest price change of one option, in minor units (the server's limit): ¥10,000.00 either way, or ¥1,000,000 in yen. */
export const MAX_DELTA_MINOR = 1_000_000

export interface OptionDraft {
  /** Stable key for the list while editing; `id` is the server's, absent for a new option. */
  key: string
  id?: string
  names: LocalizedText
  /** Minor units of the store's currency; null while the price field does not hold a valid amount. */
  priceDelta: number | null
  available: boolean
}

export interface GroupDraft {
  key: string
  id?: string
  names: LocalizedText
  min: number
  max: number
  options: OptionDraft[]
}

export interface ItemDraft {
  categoryId: string
  names: LocalizedText
  descriptions: LocalizedText
  price: number | null
  tags: DietaryTag[]
  allergens: Allergen[]
  available: boolean
  optionGroups: GroupDraft[]
}

export type GroupProblem = 'names' | 'noOptions' | 'minNegative' | 'maxTooSmall' | 'minAboveMax' | 'maxAboveOptions' | 'optionNames' | 'optionPrice'
export type ItemProblem = 'names' | 'price' | 'category' | 'groups'

const TAGS: readonly string[] = Object.values(DietaryTagEnum)
const ALLERGENS: readonly string[] = Object.values(AllergenEnum)
const isTag = (value: string): value is DietaryTag => TAGS.includes(value)
const isAllergen = (value: string): value is Allergen => ALLERGENS.includes(value)

let nextKey = 1
export function draftKey (): string {
  return `k${nextKey++}`
}

const blank = (): LocalizedText => ({ en: '', 'zh-CN': '' })

function complete (text: LocalizedText): boolean {
  return text.en.trim() !== '' && text['zh-CN'].trim() !== ''
}

function trimmed (text: LocalizedText): LocalizedText {
  return { en: text.en.trim(), 'zh-CN': text['zh-CN'].trim() }
}

export function newOption (): OptionDraft {
  return { key: draftKey(), names: blank(), priceDelta: 0, available: true }
}

/** A new group starts as a required single choice with two options, the most common shape. */
export function newGroup (): GroupDraft {
  return { key: draftKey(), names: blank(), min: 1, max: 1, options: [newOption(), newOption()] }
}

export function newDraft (categoryId: string): ItemDraft {
  return { categoryId, names: blank(), descriptions: blank(), price: null, tags: [], allergens: [], available: true, optionGroups: [] }
}

export function draftOf (item: MenuItem): ItemDraft {
  return {
    categoryId: item.categoryId,
    names: { ...item.names },
    descriptions: { ...item.descriptions },
    price: item.price,
    // Only labels the editor offers; the server accepts no others.
    tags: item.tags.filter(isTag),
    allergens: item.allergens.filter(isAllergen),
    available: item.available,
    optionGroups: item.optionGroups.map(group => ({
      key: draftKey(),
      id: group.id,
      names: { ...group.names },
      min: group.min,
      max: group.max,
      options: group.options.map(option => ({ key: draftKey(), id: option.id, names: { ...option.names }, priceDelta: option.priceDelta, available: option.available })),
    })),
  }
}

/**
 * What is wrong with an option group, in the order a person would fix it. The rules are the
 * tablet's: a diner must be able to choose at least `min` and never more than there are options.
 */
export function groupProblems (group: GroupDraft): GroupProblem[] {
  const problems: GroupProblem[] = []
  if (!complete(group.names)) problems.push('names')
  if (group.options.length === 0) problems.push('noOptions')
  if (!Number.isInteger(group.min) || group.min < 0) problems.push('minNegative')
  if (!Number.isInteger(group.max) || group.max < 1) problems.push('maxTooSmall')
  if (group.min > group.max) problems.push('minAboveMax')
  if (group.options.length > 0 && group.max > group.options.length) problems.push('maxAboveOptions')
  if (group.options.some(option => !complete(option.names))) problems.push('optionNames')
  if (group.options.some(option => option.priceDelta === null || Math.abs(option.priceDelta) > MAX_DELTA_MINOR)) problems.push('optionPrice')
  return problems
}

export function itemProblems (draft: ItemDraft): ItemProblem[] {
  const problems: ItemProblem[] = []
  if (!complete(draft.names)) problems.push('names')
  if (draft.price === null || draft.price < 0 || draft.price > MAX_PRICE_MINOR) problems.push('price')
  if (!draft.categoryId) problems.push('category')
  if (draft.optionGroups.some(group => groupProblems(group).length > 0)) problems.push('groups')
  return problems
}

/**
 * The server's body for a new dish from a checked draft (created available: creating takes no
 * `available`).
 */
export function createInputOf (draft: ItemDraft): CreateMenuItem {
  const optionGroups: OptionGroupInput[] = draft.optionGroups.map(group => ({
    ...(group.id ? { id: group.id } : {}),
    names: trimmed(group.names),
    min: group.min,
    max: group.max,
    options: group.options.map(option => ({
      ...(option.id ? { id: option.id } : {}),
      names: trimmed(option.names),
      priceDelta: option.priceDelta ?? 0,
      available: option.available,
    })),
  }))
  return {
    categoryId: draft.categoryId,
    names: trimmed(draft.names),
    descriptions: trimmed(draft.descriptions),
    price: draft.price ?? 0,
    tags: [...draft.tags],
    allergens: [...draft.allergens],
    optionGroups,
  }
}

/** The change to an existing dish: everything, with groups and options keeping their ids so carts and sold-out marks stay attached. */
export function updateInputOf (draft: ItemDraft): UpdateMenuItem {
  return { ...createInputOf(draft), available: draft.available }
}
