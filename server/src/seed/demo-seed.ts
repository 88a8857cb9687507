// Puts the demo restaurant into the database once: menu, option groups and tables in one transaction.
import type { Db } from '../db/database.js'
import { nowIso } from '../lib/tokens.js'
import { bumpMenuVersion } from '../repositories/menu.js'
import { getSetting, setSetting } from '../repositories/settings.js'
import { createTable } from '../repositories/tables.js'
import { DEMO_CATEGORIES, DEMO_DISHES, DEMO_TABLES, dishImagePath } from './demo-menu.js'

/** Set when the demo was added: a restart never seeds again, even after staff deleted dishes. */
export const DEMO_SEED_KEY = 'demo_seeded_at'

export type SeedOutcome =
  | { seeded: true, categories: number, dishes: number, tables: number }
  | { seeded: false, reason: 'disabled' | 'already-seeded' | 'not-empty' }

/** A restaurant with its own menu or tables is not empty, whatever else (staff, settings) exists. */
async function isEmpty (db: Db): Promise<boolean> {
  const category = await db.selectFrom('categories').select('id').limit(1).executeTakeFirst()
  const item = await db.selectFrom('items').select('id').limit(1).executeTakeFirst()
  const table = await db.selectFrom('tables').select('id').limit(1).executeTakeFirst()
  return !category && !item && !table
}

async function insertMenu (db: Db): Promise<{ categories: number, dishes: number }> {
  const existing = new Set((await db.selectFrom('items').select('id').execute()).map(row => row.id))
  const existingCategories = new Set((await db.selectFrom('categories').select('id').execute()).map(row => row.id))
  const categories = DEMO_CATEGORIES.filter(category => !existingCategories.has(category.id))
  if (categories.length > 0) {
    await db.insertInto('categories').values(categories.map(category => ({
      id: category.id, names: JSON.stringify(category.names), sort: (DEMO_CATEGORIES.indexOf(category) + 1) * 10,
    }))).execute()
  }
  const dishes = DEMO_DISHES.filter(dish => !existing.has(dish.id))
  for (const [index, dish] of dishes.entries()) {
    await db.insertInto('items').values({
      id: dish.id,
      category_id: dish.categoryId,
      names: JSON.stringify(dish.names),
      descriptions: JSON.stringify(dish.descriptions),
      price: dish.price,
      image: dishImagePath(dish.id),
      tags: JSON.stringify(dish.tags),
      allergens: JSON.stringify(dish.allergens),
      available: 1,
      sort: (index + 1) * 10,
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
  return { categories: categories.length, dishes: dishes.length }
}

async function insertTables (db: Db): Promise<number> {
  const labels = new Set((await db.selectFrom('tables').select('label').execute()).map(row => row.label.toLowerCase()))
  let added = 0
  for (const [index, table] of DEMO_TABLES.entries()) {
    // DEMO_SEED=true on a restaurant that already has "Table 3" keeps theirs.
    if (labels.has(table.label.toLowerCase())) continue
    await createTable(db, { label: table.label, seats: table.seats, sort: index + 1 })
    added++
  }
  return added
}

/**
 * Seeds the demo when `demoSeed` is true, or when it is null (not configured) and the database is
 * empty. Everything happens in one transaction: a crash half-way leaves no half menu behind.
 */
export async function seedDemo (db: Db, demoSeed: boolean | null): Promise<SeedOutcome> {
  if (demoSeed === false) return { seeded: false, reason: 'disabled' }
  return db.transaction().execute(async (trx): Promise<SeedOutcome> => {
    if (await getSetting(trx, DEMO_SEED_KEY)) return { seeded: false, reason: 'already-seeded' }
    if (demoSeed === null && !await isEmpty(trx)) return { seeded: false, reason: 'not-empty' }
    const menu = await insertMenu(trx)
    const tables = await insertTables(trx)
    await bumpMenuVersion(trx)
    await setSetting(trx, DEMO_SEED_KEY, nowIso())
    return { seeded: true, ...menu, tables }
  })
}
