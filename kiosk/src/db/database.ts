// The only module that opens IndexedDB: database name, version, object stores and their migrations.
// It has no Vue in it, so the service worker can open the same database (Background Sync replay).
import { deleteDB, openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction } from 'idb'
import type { CachedMenu, DeviceRecord, OutboxEntry, SavedCart } from './types'

// Migration required: changing the name, the stores or their key paths needs DB_VERSION + 1 and a new
// step in `migrate` below. A migration must never drop the outbox: it holds orders not yet sent.
// To change the outbox's key path, copy its entries into a new store inside the same upgrade.
export const DB_NAME = 'tablepad-kiosk'
export const DB_VERSION = 2

export const Stores = {
  MENU: 'menu',
  CART: 'cart',
  OUTBOX: 'outbox',
  DEVICE: 'device',
  /** Small values of the tablet (since version 2), such as where the event stream left off. */
  META: 'meta',
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
  meta: { key: string, value: string }
}

export type KioskDb = IDBPDatabase<KioskDbSchema>
type UpgradeTransaction = IDBPTransaction<KioskDbSchema, StoreName[], 'versionchange'>

/** Version 1 wrote outbox entries without `lastAttemptAt`: fill it in place, entry by entry. */
async function fillOutboxDefaults (transaction: UpgradeTransaction): Promise<void> {
  let cursor = await transaction.objectStore(Stores.OUTBOX).openCursor()
  while (cursor) {
    const entry: Partial<OutboxEntry> = cursor.value
    if (entry.lastAttemptAt === undefined || entry.attempts === undefined || entry.lastErrorCode === undefined) {
      await cursor.update({ ...cursor.value, attempts: entry.attempts ?? 0, lastErrorCode: entry.lastErrorCode ?? null, lastAttemptAt: entry.lastAttemptAt ?? null })
    }
    cursor = await cursor.continue()
  }
}

/** Runs inside the upgrade transaction: if any step fails, the whole upgrade is rolled back and the old data stays. */
export function migrate (db: KioskDb, oldVersion: number, transaction: UpgradeTransaction): void {
  if (oldVersion < 1) {
    if (!db.objectStoreNames.contains(Stores.MENU)) db.createObjectStore(Stores.MENU)
    if (!db.objectStoreNames.contains(Stores.CART)) db.createObjectStore(Stores.CART)
    if (!db.objectStoreNames.contains(Stores.OUTBOX)) {
      db.createObjectStore(Stores.OUTBOX, { keyPath: 'clientOrderId' }).createIndex('byCreatedAt', 'createdAt')
    }
    if (!db.objectStoreNames.contains(Stores.DEVICE)) db.createObjectStore(Stores.DEVICE)
  }
  if (oldVersion < 2) {
    if (!db.objectStoreNames.contains(Stores.META)) db.createObjectStore(Stores.META)
    fillOutboxDefaults(transaction).catch((error: unknown) => {
      // Abort rather than half-migrate: the version-1 data stays as it was and the next start tries again.
      console.error('outbox migration failed', error)
      transaction.abort()
    })
  }
}

let opening: Promise<KioskDb> | null = null

/** The open database, opened (and upgraded) on first use. */
export function database (): Promise<KioskDb> {
  opening ??= openDB<KioskDbSchema>(DB_NAME, DB_VERSION, {
    upgrade: (db, oldVersion, _newVersion, transaction) => migrate(db, oldVersion, transaction),
    // Another tab (or the service worker) still has the old version open; it is asked to close below.
    blocked: () => console.warn('database upgrade waits for another tab to close it'),
    // A newer page (after an app update) wants to upgrade: let it, and reopen on next use.
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
