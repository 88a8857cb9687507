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
import { DEMO_CATEGORIES, DEMO_DISHES, DEMO_TABLES, dishImagePath } from './demo-menu.js'
import { demoDishIn } from './demo-prices.js'

/** Set when the demo was added: a restart never seeds again, even after staff deleted dishes. */
export const DEMO_SEED_KEY = 'demo_seeded_at'

export type SeedOutcome =
  | { seeded: true, categories: number, dishes: number, tables: number }
  | { seeded: false, reason: 'disabled' | 'already-seeded' | 'not-empty' }

async function insertMenu (db: Db, currency: string): Promise<{ categories: number, dishes: number }> {
  const existingCategories = await categoryIds(db)
  const categories = DEMO_CATEGORIES.filter(category => !existingCategories.has(category.id))
  await insertDemoCategories(db, categories.map(category => ({ category, sort: (DEMO_CATEGORIES.indexOf(category) + 1) * 10 })))
  const existing = await dishIds(db)
  const dishes = DEMO_DISHES.filter(dish => !existing.has(dish.id))
  for (const [index, dish] of dishes.entries()) {
    await insertDemoDish(db, demoDishIn(dish, currency), dishImagePath(dish.id), (index + 1) * 10)
  }
  return { categories: categories.length, dishes: dishes.length }
}

async function insertTables (db: Db): Promise<number> {
  const labels = await tableLabelsLowerCase(db)
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
 * Prices are in the store's `currency` (STORE_CURRENCY), converted from the CNY menu by demo-prices.ts.
 */
export async function seedDemo (db: Db, demoSeed: boolean | null, currency = 'CNY'): Promise<SeedOutcome> {
  if (demoSeed === false) return { seeded: false, reason: 'disabled' }
  return inTransaction(db, async (trx): Promise<SeedOutcome> => {
    if (await getSetting(trx, DEMO_SEED_KEY)) return { seeded: false, reason: 'already-seeded' }
    if (demoSeed === null && !await hasNoMenuOrTables(trx)) return { seeded: false, reason: 'not-empty' }
    const menu = await insertMenu(trx, currency)
    const tables = await insertTables(trx)
    await bumpMenuVersion(trx)
    await setSetting(trx, DEMO_SEED_KEY, nowIso())
    return { seeded: true, ...menu, tables }
  })
}
