// SQL for seeding the demo restaurant: its categories and dishes keep their fixed ids, so a reseed never doubles them.
import type { Db } from '../db/database.js'
import type { DemoCategory, DemoDish } from '../seed/demo-types.js'

/** A restaurant with its own menu or tables is not empty, whatever else (staff, settings) exists. */
export async function hasNoMenuOrTables (db: Db): Promise<boolean> {
  const category = await db.selectFrom('categories').select('id').limit(1).executeTakeFirst()
  const item = await db.selectFrom('items').select('id').limit(1).executeTakeFirst()
  const table = await db.selectFrom('tables').select('id').limit(1).executeTakeFirst()
  return !category && !item && !table
}

export async function categoryIds (db: Db): Promise<Set<string>> {
  return new Set((await db.selectFrom('categories').select('id').execute()).map(row => row.id))
}

/** Every dish id, removed dishes included. */
export async function dishIds (db: Db): Promise<Set<string>> {
  return new Set((await db.selectFrom('items').select('id').execute()).map(row => row.id))
}

export async function insertDemoCategories (db: Db, categories: readonly { category: DemoCategory, sort: number }[]): Promise<void> {
  if (categories.length === 0) return
  await db.insertInto('categories').values(categories.map(({ category, sort }) => ({
    id: category.id, names: JSON.stringify(category.names), sort,
  }))).execute()
}

/** One dish with its option groups and options, available, at `sort` within its category. */
export async function insertDemoDish (db: Db, dish: DemoDish, image: string, sort: number): Promise<void> {
  await db.insertInto('items').values({
    id: dish.id,
    category_id: dish.categoryId,
    names: JSON.stringify(dish.names),
    descriptions: JSON.stringify(dish.descriptions),
    price: dish.price,
    image,
    tags: JSON.stringify(dish.tags),
    allergens: JSON.stringify(dish.allergens),
    available: 1,
    sort,
  }).execute()
  for (const [groupIndex, group] of (dish.optionGroups ?? []).entries()) {
    await db.insertInto('option_groups').values({
      id: group.id, item_id: dish.id, names: JSON.stringify(group.names), min: group.min, max: group.max, sort: groupIndex,
    }).execute()
    await db.insertInto('options').values(group.options.map((option, optionIndex) => ({
      id: option.id, group_id: group.id, names: JSON.stringify(option.names), price_delta: option.priceDelta, available: 1, sort: optionIndex,
    }))).execute()
  }
}

/** Every table label in lower case, removed tables included: the demo never adds one that clashes. */
export async function tableLabelsLowerCase (db: Db): Promise<Set<string>> {
  return new Set((await db.selectFrom('tables').select('label').execute()).map(row => row.label.toLowerCase()))
}
