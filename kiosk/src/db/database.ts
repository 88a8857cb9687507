// The only module that opens IndexedDB: database name, version, object stores and their migrations.
import { deleteDB, openDB, type DBSchema, type IDBPDatabase } from 'idb'
import { toRaw } from 'vue'
import type { CachedMenu, DeviceRecord, OutboxEntry, SavedCart } from './types'

// Migration required: changing the name, the stores or their key paths needs DB_VERSION + 1 and a new
// step in `migrate` below. A migration must never drop the outbox: it holds orders not yet sent.
export const DB_NAME = 'tablepad-kiosk'
export const DB_VERSION = 1

export const Stores = {
  MENU: 'menu',
  CART: 'cart',
  OUTBOX: 'outbox',
  DEVICE: 'device',
} as const
export type StoreName = typeof Stores[keyof typeof Stores]

/** Keys of the single-record stores. */
export const CURRENT = 'current'
export const DEVICE_ME = 'me'

export interface KioskDbSchema extends DBSchema {
  menu: { key: string, value: CachedMenu }
  cart: { key: string, value: SavedCart }
  outbox: { key: string, value: OutboxEntry, indexes: { byCreatedAt: string } }
  device: { key: string, value: DeviceRecord }
}

export type KioskDb = IDBPDatabase<KioskDbSchema>

function migrate (db: KioskDb, oldVersion: number): void {
  if (oldVersion < 1) {
    if (!db.objectStoreNames.contains(Stores.MENU)) db.createObjectStore(Stores.MENU)
    if (!db.objectStoreNames.contains(Stores.CART)) db.createObjectStore(Stores.CART)
    if (!db.objectStoreNames.contains(Stores.OUTBOX)) {
      db.createObjectStore(Stores.OUTBOX, { keyPath: 'clientOrderId' }).createIndex('byCreatedAt', 'createdAt')
    }
    if (!db.objectStoreNames.contains(Stores.DEVICE)) db.createObjectStore(Stores.DEVICE)
  }
}

let opening: Promise<KioskDb> | null = null

/** The open database, opened on first use. */
export function database (): Promise<KioskDb> {
  opening ??= openDB<KioskDbSchema>(DB_NAME, DB_VERSION, {
    upgrade: (db, oldVersion) => migrate(db, oldVersion),
    // A newer tab (after an app update) wants to upgrade: let it, and reopen on next use.
    blocking: () => { void close() },
    terminated: () => { opening = null },
  }).catch((error: unknown) => {
    opening = null
    throw error
  })
  return opening
}

/** Closes the connection (tests, and before an upgrade elsewhere); the next call reopens it. */
export async function close (): Promise<void> {
  const current = opening
  opening = null
  if (current) (await current.catch(() => null))?.close()
}

/** Deletes the whole database (tests only). */
export async function destroy (): Promise<void> {
  await close()
  await deleteDB(DB_NAME)
}

/** Unwraps Vue proxies at every level: IndexedDB's structured clone refuses them. */
export function toPlain<T> (value: T): T {
  const raw = toRaw(value)
  if (Array.isArray(raw)) return raw.map(item => toPlain(item)) as T
  if (raw !== null && typeof raw === 'object') {
    return Object.fromEntries(Object.entries(raw).map(([key, item]) => [key, toPlain(item)])) as T
  }
  return raw
}
