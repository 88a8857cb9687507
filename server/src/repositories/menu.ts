// The menu: SQL for categories, items, option groups and options, mapped to the shared shapes here.
import { randomBytes } from 'node:crypto'
import type { Selectable } from 'kysely'
import type { Db } from '../db/database.js'
import type { CategoriesTable, ItemRow, OptionGroupsTable, OptionsTable } from '../db/schema.js'
import type { LocalizedText } from '#shared/schemas/common.js'
import type { Category, MenuItem, MenuOption, OptionGroup } from '#shared/schemas/menu.js'
import { getSetting, incrementCounter, setSetting } from './settings.js'
import { reusableQuery } from '../db/reusable-query.js'
import { nowIso } from '../lib/tokens.js'
import { recordAvailabilityChange } from './menu-availability.js'

export const MENU_VERSION_KEY = 'menu_version'
const MENU_REVISION_KEY = 'menu_revision'

export interface MenuContent {
  categories: Category[]
  items: MenuItem[]
}

type OptionGroupRow = Selectable<OptionGroupsTable>
type OptionRow = Selectable<OptionsTable>

/** Map.groupBy arrived in Node 21; the server supports Node 20. */
function groupBy<T> (rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const row of rows) {
    const group = groups.get(key(row))
    if (group) group.push(row)
    else groups.set(key(row), [row])
  }
  return groups
}

function text (json: string): LocalizedText {
  return JSON.parse(json) as LocalizedText
}

function list (json: string): string[] {
  return JSON.parse(json) as string[]
}

export function toCategory (row: Omit<Selectable<CategoriesTable>, 'store_id'>): Category {
  return { id: row.id, names: text(row.names), sort: row.sort }
}

export function toOption (row: OptionRow): MenuOption {
  return { id: row.id, names: text(row.names), priceDelta: row.price_delta, available: row.available === 1 }
}

function toOptionGroup (row: OptionGroupRow, options: OptionRow[]): OptionGroup {
  return { id: row.id, names: text(row.names), min: row.min, max: row.max, options: options.map(toOption) }
}

export function toMenuItem (row: ItemRow, groups: OptionGroup[]): MenuItem {
  return {
    id: row.id,
    categoryId: row.category_id,
    names: text(row.names),
    descriptions: text(row.descriptions),
    price: row.price,
    image: row.image,
    tags: list(row.tags),
    allergens: list(row.allergens),
    available: row.available === 1,
    sort: row.sort,
    optionGroups: groups,
  }
}

/** Every dish on the menu with its option groups and options, in menu order (category sort, then item sort). */
async function loadItems (db: Db): Promise<MenuItem[]> {
  const itemRows = await db.selectFrom('items')
    .innerJoin('categories', 'categories.id', 'items.category_id')
    .selectAll('items')
    // A removed dish is gone from the menu and cannot be ordered; past orders keep their own snapshots.
    .where('items.removed_at', 'is', null)
    .orderBy('categories.sort').orderBy('items.sort').orderBy('items.id')
    .execute()
  if (itemRows.length === 0) return []
  const itemIds = itemRows.map(row => row.id)
  const groupRows = await db.selectFrom('option_groups').selectAll()
    .where('item_id', 'in', itemIds).orderBy('sort').orderBy('id').execute()
  const optionRows = groupRows.length === 0
    ? []
    : await db.selectFrom('options').selectAll()
      .where('group_id', 'in', groupRows.map(row => row.id)).orderBy('sort').orderBy('id').execute()

  const optionsByGroup = groupBy(optionRows, row => row.group_id)
  const groupsByItem = groupBy(groupRows, row => row.item_id)
  return itemRows.map(row => toMenuItem(row, (groupsByItem.get(row.id) ?? [])
    .map(group => toOptionGroup(group, optionsByGroup.get(group.id) ?? []))))
}

export async function loadMenuContent (db: Db): Promise<MenuContent> {
  const categoryRows = await db.selectFrom('categories').selectAll()
    .where('removed_at', 'is', null).orderBy('sort').orderBy('id').execute()
  return { categories: categoryRows.map(toCategory), items: await loadItems(db) }
}

/**
 * The dishes of an order, built once per number of distinct dishes (bounded by MAX_LINES_PER_ORDER).
 * Unsorted: callers look dishes up by id.
 */
const itemsById = reusableQuery((db, ids: string[]) => db.selectFrom('items').selectAll().where('removed_at', 'is', null).where('id', 'in', ids))

/** Their option groups with their options, a row per option (or per group without any), in menu order. */
const itemOptions = reusableQuery((db, ids: string[]) => db.selectFrom('option_groups')
  .leftJoin('options', 'options.group_id', 'option_groups.id')
  .select([
    'option_groups.item_id', 'option_groups.id as group_id', 'option_groups.names as group_names', 'option_groups.min', 'option_groups.max',
    'options.id as option_id', 'options.names as option_names', 'options.price_delta', 'options.available',
  ])
  .where('option_groups.item_id', 'in', ids)
  .orderBy('option_groups.sort').orderBy('option_groups.id').orderBy('options.sort').orderBy('options.id'))

/**
 * The dishes named in an order, by id; unknown and removed ids are simply absent.
 * Two statements, each compiled once: the dishes, then their groups joined to their options. (One
 * join of all three repeats every dish's columns on each option row, which measured slower.)
 */
export async function loadItemsById (db: Db, ids: readonly string[]): Promise<Map<string, MenuItem>> {
  const items = new Map<string, MenuItem>()
  const unique = [...new Set(ids)]
  if (unique.length === 0) return items
  const { rows: itemRows } = await itemsById(db, unique)
  if (itemRows.length === 0) return items
  for (const row of itemRows) items.set(row.id, toMenuItem(row, []))
  const { rows } = await itemOptions(db, itemRows.map(row => row.id))
  for (const row of rows) {
    const groups = items.get(row.item_id)!.optionGroups
    let group = groups.at(-1)
    if (group?.id !== row.group_id) {
      group = { id: row.group_id, names: text(row.group_names), min: row.min, max: row.max, options: [] }
      groups.push(group)
    }
    if (row.option_id !== null) {
      group.options.push({ id: row.option_id, names: text(row.option_names!), priceDelta: row.price_delta!, available: row.available === 1 })
    }
  }
  return items
}

export async function loadItem (db: Db, id: string): Promise<MenuItem | null> {
  return (await loadItemsById(db, [id])).get(id) ?? null
}

/** True when the dish was ever on the menu, removed ones included (cached menus still show them). */
export async function dishEverExisted (db: Db, id: string): Promise<boolean> {
  return (await db.selectFrom('items').select('id').where('id', '=', id).executeTakeFirst()) !== undefined
}

/** Options of dishes still on the menu. */
function liveOptions (db: Db) {
  return db.selectFrom('options')
    .innerJoin('option_groups', 'option_groups.id', 'options.group_id')
    .innerJoin('items', 'items.id', 'option_groups.item_id')
    .where('items.removed_at', 'is', null)
}

export async function loadOption (db: Db, id: string): Promise<MenuOption | null> {
  const row = await liveOptions(db).selectAll('options').where('options.id', '=', id).executeTakeFirst()
  return row ? toOption(row) : null
}

/**
 * Marks a new menu version; call it in the transaction of every change a diner can see. The
 * revision counter keeps versions ordered for people reading logs; the random part makes sure a
 * tablet holding a menu from another (older, wiped) database never gets a false 304.
 */
export async function bumpMenuVersion (db: Db): Promise<string> {
  const revision = await incrementCounter(db, MENU_REVISION_KEY)
  const version = `${revision}-${randomBytes(4).toString('hex')}`
  await setSetting(db, MENU_VERSION_KEY, version)
  return version
}

export async function getMenuVersion (db: Db): Promise<string> {
  return await getSetting(db, MENU_VERSION_KEY) ?? await bumpMenuVersion(db)
}

const settingValue = reusableQuery((db, key: string) => db.selectFrom('settings').select('value').where('key', '=', key))

/**
 * The version check every menu GET makes (compiled once: a request only runs the statement); null
 * before the first version exists. It reads the row rather than trusting memory, so a write by any
 * process (several share one PostgreSQL later) is seen at once.
 */
export async function readMenuVersion (db: Db): Promise<string | null> {
  return (await settingValue(db, MENU_VERSION_KEY)).rows[0]?.value ?? null
}

export type AvailabilityChange = 'changed' | 'unchanged' | 'missing'

/** Switches a dish's availability; a real change is recorded for the reports (call it in a transaction). */
export async function setItemAvailable (db: Db, id: string, available: boolean, staffId: string | null = null): Promise<AvailabilityChange> {
  const exists = await db.selectFrom('items').select('available').where('id', '=', id).where('removed_at', 'is', null).executeTakeFirst()
  if (!exists) return 'missing'
  const flag = available ? 1 : 0
  if (exists.available === flag) return 'unchanged'
  await db.updateTable('items').set({ available: flag }).where('id', '=', id).execute()
  await recordAvailabilityChange(db, id, available, nowIso(), staffId)
  return 'changed'
}

export async function setOptionAvailable (db: Db, id: string, available: boolean): Promise<AvailabilityChange> {
  const exists = await liveOptions(db).select('options.available').where('options.id', '=', id).executeTakeFirst()
  if (!exists) return 'missing'
  const flag = available ? 1 : 0
  if (exists.available === flag) return 'unchanged'
  await db.updateTable('options').set({ available: flag }).where('id', '=', id).execute()
  return 'changed'
}
