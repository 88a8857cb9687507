// The chain's stores (`stores`, a global table): ROOT handle only — a store-scoped handle has no business here.
import type { Db } from '../db/database.js'
import { databaseKind } from '../db/dialect.js'
import { isUniqueViolation } from '../db/unique-violation.js'
import { inTransaction } from '../db/transaction.js'
import { seal } from '../lib/secrets.js'
import { newId, nowIso } from '../lib/tokens.js'
import { openStoreSettings, type SealedStoreSettings, type StoreRecord } from '../stores/store-settings.js'
import { SecretsKeyMissingError, StoreSlugTakenError, StoresNeedPostgresError } from '../errors.js'

export interface StoreRow extends StoreRecord {
  created_at: string
}

export interface NewStore {
  slug: string
  name: string
  /** The store's own settings and credentials; empty or absent = the environment's. Sealed with SECRETS_KEY. */
  settings?: SealedStoreSettings
}

/** Per field: a value replaces the store's own, null drops it (back to the environment's), absent keeps it. */
export type SettingsChanges = { [K in keyof SealedStoreSettings]?: SealedStoreSettings[K] | null }

export interface StoreChanges {
  name?: string
  settings?: SettingsChanges
}

const COLUMNS = ['id', 'slug', 'name', 'sealed_settings', 'created_at'] as const

export async function listStores (root: Db): Promise<StoreRow[]> {
  return root.selectFrom('stores').select(COLUMNS).orderBy('created_at').orderBy('id').execute()
}

/** Whether the database holds more than one store (a chain), which changes what a store's staff may see of tablets no store holds yet. */
export async function holdsSeveralStores (root: Db): Promise<boolean> {
  return (await root.selectFrom('stores').select('id').limit(2).execute()).length > 1
}

export async function findStore (root: Db, id: string): Promise<StoreRow | null> {
  return await root.selectFrom('stores').select(COLUMNS).where('id', '=', id).executeTakeFirst() ?? null
}

/** By the short name staff type at login (any case; slugs are stored lower-case). */
export async function findStoreBySlug (root: Db, slug: string): Promise<StoreRow | null> {
  return await root.selectFrom('stores').select(COLUMNS).where('slug', '=', slug.trim().toLowerCase()).executeTakeFirst() ?? null
}

function isEmpty (settings: SealedStoreSettings | undefined): boolean {
  return !settings || Object.values(settings).every(value => value === undefined)
}

/** The sealed column for `settings` of store `id`: null when it has none of its own; refuses without a key. */
function sealedColumn (id: string, settings: SealedStoreSettings, key: Buffer | null): string | null {
  if (isEmpty(settings)) return null
  if (key === null) throw new SecretsKeyMissingError()
  return seal(key, JSON.stringify(settings), id)
}

/**
 * A new store. SQLite holds one restaurant: a second store needs PostgreSQL (STORES_NEED_POSTGRES). Settings of
 * its own need SECRETS_KEY (SECRETS_KEY_MISSING); a slug in use answers STORE_SLUG_TAKEN.
 */
export async function createStore (root: Db, store: NewStore, key: Buffer | null): Promise<StoreRow> {
  if (databaseKind(root) !== 'postgres') throw new StoresNeedPostgresError()
  const id = newId('sto')
  const row: StoreRow = {
    id,
    slug: store.slug,
    name: store.name.trim(),
    sealed_settings: sealedColumn(id, store.settings ?? {}, key),
    created_at: nowIso(),
  }
  try {
    await root.insertInto('stores').values(row).execute()
  } catch (error) {
    if (isUniqueViolation(error)) throw new StoreSlugTakenError(store.slug)
    throw error
  }
  return row
}

/** The store's own settings after `changes` (each field replaced, dropped by null, or kept). */
export function mergeSettings (current: SealedStoreSettings, changes: SettingsChanges): SealedStoreSettings {
  const merged: Record<string, unknown> = { ...current }
  for (const [field, value] of Object.entries(changes)) {
    if (value === undefined) continue
    if (value === null) delete merged[field]
    else merged[field] = value
  }
  return merged as SealedStoreSettings
}

/** Renames a store or changes its own settings; null when there is none. Re-sealed with a fresh IV on each change. */
export async function updateStore (root: Db, id: string, changes: StoreChanges, key: Buffer | null): Promise<StoreRow | null> {
  // Read and write in one root transaction (the whole database's writer lock on PostgreSQL): two owners saving
  // one store's settings at once must not each merge into the same old settings and lose the other's change.
  return inTransaction(root, async (trx) => {
    const current = await findStore(trx, id)
    if (!current) return null
    const set: { name?: string, sealed_settings?: string | null } = {}
    if (changes.name !== undefined) set.name = changes.name.trim()
    if (changes.settings !== undefined) {
      const settings = mergeSettings(openStoreSettings(current, key), changes.settings)
      set.sealed_settings = sealedColumn(id, settings, key)
    }
    if (Object.keys(set).length > 0) await trx.updateTable('stores').set(set).where('id', '=', id).execute()
    return findStore(trx, id)
  })
}
