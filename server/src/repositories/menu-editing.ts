// Writes behind the managers' menu editor: categories, dishes, their option groups and dish order.
import type { Db } from '../db/database.js'
import { newId, nowIso } from '../lib/tokens.js'
import { toCategory } from './menu.js'
import { recordAvailabilityChange } from './menu-availability.js'
import type { LocalizedText } from '#shared/schemas/common.js'
import type { Category, OptionGroupInput } from '#shared/schemas/menu.js'

/** Gap between neighbours' sort values, so one can later be put between two without renumbering. */
const SORT_STEP = 10

export interface NewDish {
  categoryId: string
  names: LocalizedText
  descriptions: LocalizedText
  price: number
  tags: readonly string[]
  allergens: readonly string[]
  /** Builds the picture path from the new id. */
  image: (id: string) => string
}

export interface DishChanges {
  categoryId?: string
  names?: LocalizedText
  descriptions?: LocalizedText
  price?: number
  tags?: readonly string[]
  allergens?: readonly string[]
  available?: boolean
  image?: string
}

/** The dish's option groups and options as stored now, to tell kept ids from strangers. */
export interface CurrentOptions {
  groupIds: ReadonlySet<string>
  optionIds: ReadonlySet<string>
}

export async function findLiveCategory (db: Db, id: string): Promise<Category | null> {
  const row = await db.selectFrom('categories').selectAll().where('id', '=', id).where('removed_at', 'is', null).executeTakeFirst()
  return row ? toCategory(row) : null
}

export async function dishExists (db: Db, id: string): Promise<boolean> {
  return (await db.selectFrom('items').select('id').where('id', '=', id).where('removed_at', 'is', null).executeTakeFirst()) !== undefined
}

async function nextCategorySort (db: Db): Promise<number> {
  const row = await db.selectFrom('categories').select(eb => eb.fn.max('sort').as('top')).where('removed_at', 'is', null).executeTakeFirst()
  return (row?.top ?? 0) + SORT_STEP
}

async function nextItemSort (db: Db, categoryId: string): Promise<number> {
  const row = await db.selectFrom('items').select(eb => eb.fn.max('sort').as('top'))
    .where('category_id', '=', categoryId).where('removed_at', 'is', null).executeTakeFirst()
  return (row?.top ?? 0) + SORT_STEP
}

export async function insertCategory (db: Db, names: LocalizedText, sort?: number): Promise<Category> {
  const row = { id: newId('cat'), names: JSON.stringify(names), sort: sort ?? await nextCategorySort(db), removed_at: null }
  await db.insertInto('categories').values(row).execute()
  return toCategory(row)
}

export async function updateCategory (db: Db, id: string, changes: { names?: LocalizedText, sort?: number }): Promise<void> {
  const set: { names?: string, sort?: number } = {}
  if (changes.names !== undefined) set.names = JSON.stringify(changes.names)
  if (changes.sort !== undefined) set.sort = changes.sort
  if (Object.keys(set).length > 0) await db.updateTable('categories').set(set).where('id', '=', id).execute()
}

export async function countLiveDishes (db: Db, categoryId: string): Promise<number> {
  const row = await db.selectFrom('items').select(eb => eb.fn.countAll<number>().as('n'))
    .where('category_id', '=', categoryId).where('removed_at', 'is', null).executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Removes an empty category: deleted outright, or kept as removed while removed dishes point at it. */
export async function removeCategory (db: Db, id: string): Promise<void> {
  const referenced = await db.selectFrom('items').select('id').where('category_id', '=', id).executeTakeFirst()
  if (referenced) await db.updateTable('categories').set({ removed_at: nowIso() }).where('id', '=', id).execute()
  else await db.deleteFrom('categories').where('id', '=', id).execute()
}

/** Adds a dish at the end of its category; returns its id. */
export async function insertDish (db: Db, dish: NewDish): Promise<string> {
  const id = newId('dish')
  await db.insertInto('items').values({
    id,
    category_id: dish.categoryId,
    names: JSON.stringify(dish.names),
    descriptions: JSON.stringify(dish.descriptions),
    price: dish.price,
    image: dish.image(id),
    tags: JSON.stringify(dish.tags),
    allergens: JSON.stringify(dish.allergens),
    available: 1,
    sort: await nextItemSort(db, dish.categoryId),
    removed_at: null,
  }).execute()
  return id
}

/** Changes a dish; one moved to another category goes to the end of it. A sold-out switch is recorded for the reports. */
export async function updateDish (db: Db, id: string, changes: DishChanges, staffId: string | null = null): Promise<void> {
  const set: Partial<Record<'category_id' | 'names' | 'descriptions' | 'tags' | 'allergens' | 'image', string> & Record<'price' | 'available' | 'sort', number>> = {}
  if (changes.categoryId !== undefined) {
    const current = await db.selectFrom('items').select('category_id').where('id', '=', id).executeTakeFirst()
    if (current && current.category_id !== changes.categoryId) {
      set.category_id = changes.categoryId
      set.sort = await nextItemSort(db, changes.categoryId)
    }
  }
  if (changes.names !== undefined) set.names = JSON.stringify(changes.names)
  if (changes.descriptions !== undefined) set.descriptions = JSON.stringify(changes.descriptions)
  if (changes.price !== undefined) set.price = changes.price
  if (changes.tags !== undefined) set.tags = JSON.stringify(changes.tags)
  if (changes.allergens !== undefined) set.allergens = JSON.stringify(changes.allergens)
  if (changes.available !== undefined) {
    set.available = changes.available ? 1 : 0
    const current = await db.selectFrom('items').select('available').where('id', '=', id).executeTakeFirst()
    if (current && current.available !== set.available) await recordAvailabilityChange(db, id, changes.available, nowIso(), staffId)
  }
  if (changes.image !== undefined) set.image = changes.image
  if (Object.keys(set).length > 0) await db.updateTable('items').set(set).where('id', '=', id).execute()
}

export async function markDishRemoved (db: Db, id: string): Promise<boolean> {
  const result = await db.updateTable('items').set({ removed_at: nowIso() })
    .where('id', '=', id).where('removed_at', 'is', null).executeTakeFirst()
  return result.numUpdatedRows > 0n
}

export async function currentOptions (db: Db, itemId: string): Promise<CurrentOptions> {
  const groups = await db.selectFrom('option_groups').select('id').where('item_id', '=', itemId).execute()
  const options = groups.length === 0
    ? []
    : await db.selectFrom('options').select('id').where('group_id', 'in', groups.map(group => group.id)).execute()
  return { groupIds: new Set(groups.map(group => group.id)), optionIds: new Set(options.map(option => option.id)) }
}

/**
 * Makes the dish's option groups exactly `groups`, in that order. Ids found in `current` are
 * updated in place (an option may move between the dish's groups); the rest are created; groups
 * and options no longer listed are deleted. Call after checking the ids against `current`.
 */
export async function replaceOptionGroups (db: Db, itemId: string, groups: readonly OptionGroupInput[], current: CurrentOptions): Promise<void> {
  const keptGroups: string[] = []
  const keptOptions: string[] = []
  for (const [groupSort, group] of groups.entries()) {
    const groupId = group.id ?? newId('grp')
    keptGroups.push(groupId)
    const groupRow = { names: JSON.stringify(group.names), min: group.min, max: group.max, sort: groupSort }
    if (current.groupIds.has(groupId)) await db.updateTable('option_groups').set(groupRow).where('id', '=', groupId).execute()
    else await db.insertInto('option_groups').values({ id: groupId, item_id: itemId, ...groupRow }).execute()
    for (const [optionSort, option] of group.options.entries()) {
      const optionId = option.id ?? newId('opt')
      keptOptions.push(optionId)
      const optionRow = { group_id: groupId, names: JSON.stringify(option.names), price_delta: option.priceDelta, sort: optionSort }
      if (current.optionIds.has(optionId)) {
        // A kept option keeps its sold-out flag unless the edit says otherwise.
        const flag = option.available === undefined ? {} : { available: option.available ? 1 : 0 }
        await db.updateTable('options').set({ ...optionRow, ...flag }).where('id', '=', optionId).execute()
      } else {
        await db.insertInto('options').values({ id: optionId, ...optionRow, available: option.available === false ? 0 : 1 }).execute()
      }
    }
  }
  const staleOptions = [...current.optionIds].filter(id => !keptOptions.includes(id))
  if (staleOptions.length > 0) await db.deleteFrom('options').where('id', 'in', staleOptions).execute()
  const staleGroups = [...current.groupIds].filter(id => !keptGroups.includes(id))
  if (staleGroups.length > 0) await db.deleteFrom('option_groups').where('id', 'in', staleGroups).execute()
}

/** Ids of the dishes on the menu in a category, in their current order. */
export async function dishIdsInCategory (db: Db, categoryId: string): Promise<string[]> {
  const rows = await db.selectFrom('items').select('id')
    .where('category_id', '=', categoryId).where('removed_at', 'is', null)
    .orderBy('sort').orderBy('id').execute()
  return rows.map(row => row.id)
}

/** Numbers the dishes in `orderedIds` order; true when any position changed. */
export async function setDishOrder (db: Db, orderedIds: readonly string[]): Promise<boolean> {
  let changed = false
  for (const [index, id] of orderedIds.entries()) {
    const result = await db.updateTable('items').set({ sort: (index + 1) * SORT_STEP })
      .where('id', '=', id).where('sort', '!=', (index + 1) * SORT_STEP).executeTakeFirst()
    if (result.numUpdatedRows > 0n) changed = true
  }
  return changed
}
