// Puts the demo restaurant into the database once: menu, option groups and tables in one transaction.
import { inTransaction } from '../db/transaction.js'
import type { Db } from '../db/database.js'
import { nowIso } from '../lib/tokens.js'
import { bumpMenuVersion } from '../repositories/menu.js'
import { getSetting, setSetting } from '../repositories/settings.js'
import {
  categoryIds, dishIds, hasNoMenuOrTables, insertDemoCategories, insertDemoDish, tableLabelsLowerCase,
} from '../repositories/demo-menu.js'
import { createTable } from '../repositories/tables.js'
import { DEMO_RESTAURANT, type DemoRestaurant } from './demo-restaurant.js'
import { demoDishIn } from './demo-prices.js'

/** Set when the demo was added: a restart never seeds again, even after staff deleted dishes. */
export const DEMO_SEED_KEY = 'demo_seeded_at'

export interface SeededCounts {
  categories: number
  dishes: number
  tables: number
}

export type SeedOutcome =
  | ({ seeded: true } & SeededCounts)
  | { seeded: false, reason: 'disabled' | 'already-seeded' | 'not-empty' }

async function insertMenu (db: Db, restaurant: DemoRestaurant, currency: string): Promise<{ categories: number, dishes: number }> {
  const existingCategories = await categoryIds(db)
  const categories = restaurant.categories.filter(category => !existingCategories.has(category.id))
  await insertDemoCategories(db, categories.map(category => ({ category, sort: (restaurant.categories.indexOf(category) + 1) * 10 })))
  const existing = await dishIds(db)
  const dishes = restaurant.dishes.filter(dish => !existing.has(dish.id))
  for (const [index, dish] of dishes.entries()) {
    await insertDemoDish(db, demoDishIn(dish, currency), restaurant.imageOf(dish.id), (index + 1) * 10)
  }
  return { categories: categories.length, dishes: dishes.length }
}

async function insertTables (db: Db, restaurant: DemoRestaurant): Promise<number> {
  const labels = await tableLabelsLowerCase(db)
  let added = 0
  for (const [index, table] of restaurant.tables.entries()) {
    // DEMO_SEED=true on a restaurant that already has "Table 3" keeps theirs.
    if (labels.has(table.label.toLowerCase())) continue
    await createTable(db, { label: table.label, seats: table.seats, sort: index + 1 })
    added++
  }
  return added
}

/**
 * Writes `restaurant` into the store `db` is scoped to and marks it seeded. Runs inside the caller's
 * transaction (the caller has checked the store is to be seeded).
 */
export async function writeDemoRestaurant (db: Db, restaurant: DemoRestaurant, currency: string): Promise<SeededCounts> {
  const menu = await insertMenu(db, restaurant, currency)
  const tables = await insertTables(db, restaurant)
  await bumpMenuVersion(db)
  await setSetting(db, DEMO_SEED_KEY, nowIso())
  return { ...menu, tables }
}

/** Why the store of `db` is not to be seeded (within a transaction), or null when it is. */
export async function demoSeedRefusal (db: Db, demoSeed: boolean | null): Promise<'already-seeded' | 'not-empty' | null> {
  if (await getSetting(db, DEMO_SEED_KEY)) return 'already-seeded'
  if (demoSeed === null && !await hasNoMenuOrTables(db)) return 'not-empty'
  return null
}

/**
 * Seeds the demo when `demoSeed` is true, or when it is null (not configured) and the database is
 * empty. Everything happens in one transaction: a crash half-way leaves no half menu behind.
 * Prices are in the store's `currency` (STORE_CURRENCY), converted from the CNY menu by demo-prices.ts.
 * One store (`db`'s); on PostgreSQL the demo is a chain of two stores (demo-chain.ts).
 */
export async function seedDemo (db: Db, demoSeed: boolean | null, currency = 'CNY'): Promise<SeedOutcome> {
  if (demoSeed === false) return { seeded: false, reason: 'disabled' }
  return inTransaction(db, async (trx): Promise<SeedOutcome> => {
    const refusal = await demoSeedRefusal(trx, demoSeed)
    if (refusal) return { seeded: false, reason: refusal }
    return { seeded: true, ...await writeDemoRestaurant(trx, DEMO_RESTAURANT, currency) }
  })
}
