// Upgrading the tablet's database: a version-1 database with unsent orders comes out of the upgrade with every order.
import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import * as db from '@/db'

/** Version 1 as it shipped: its stores, and outbox entries without `lastAttemptAt`. */
async function createVersion1 (entries: Record<string, unknown>[], extra: { cart?: unknown, device?: unknown } = {}): Promise<void> {
  const raw = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(db.DB_NAME, 1)
    request.onupgradeneeded = () => {
      const upgrade = request.result
      upgrade.createObjectStore('menu')
      upgrade.createObjectStore('cart')
      upgrade.createObjectStore('outbox', { keyPath: 'clientOrderId' }).createIndex('byCreatedAt', 'createdAt')
      upgrade.createObjectStore('device')
    }
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error)
  })
  const stores = ['outbox', 'cart', 'device']
  const tx = raw.transaction(stores, 'readwrite')
  for (const entry of entries) tx.objectStore('outbox').put(entry)
  if (extra.cart) tx.objectStore('cart').put(extra.cart, 'current')
  if (extra.device) tx.objectStore('device').put(extra.device, 'me')
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve()
    tx.onerror = () => reject(tx.error)
  })
  raw.close()
}

function v1Entry (id: string, createdAt: string, attempts: number): Record<string, unknown> {
  return {
    clientOrderId: id,
    body: { clientOrderId: id, lines: [{ itemId: 'tea', quantity: 2, optionIds: [] }], note: 'no ice' },
    createdAt,
    attempts,
    lastErrorCode: attempts > 0 ? 'NETWORK_ERROR' : null,
  }
}

/** The version and store names of the database on disk, read without upgrading it. */
async function onDisk (): Promise<{ version: number, stores: string[] }> {
  const raw = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(db.DB_NAME)
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error)
  })
  const found = { version: raw.version, stores: [...raw.objectStoreNames].sort() }
  raw.close()
  return found
}

describe('db migrations', () => {
  afterEach(async () => { await db.destroy() })

  it('keeps every unsent order of a version-1 database, fills the new fields and adds the meta store', async () => {
    await createVersion1([
      v1Entry('late', '2030-01-01T10:05:00.000Z', 3),
      v1Entry('early', '2030-01-01T10:00:00.000Z', 0),
    ], {
      cart: { lines: [], note: 'window seat', pending: { clientOrderId: 'late', signature: 's', order: null }, updatedAt: 'then' },
      device: { deviceId: 'dev_1', status: 'paired' },
    })

    const migrated = await db.listOutbox()

    expect(migrated.map(entry => entry.clientOrderId)).toEqual(['early', 'late'])
    expect(migrated[1]).toEqual({ ...v1Entry('late', '2030-01-01T10:05:00.000Z', 3), lastAttemptAt: null })
    expect((await db.readCart())?.pending?.clientOrderId).toBe('late')
    expect((await db.readDevice())?.deviceId).toBe('dev_1')
    await db.writeMeta(db.MetaKeyEnum.LAST_EVENT_ID, '42')
    expect(await db.readMeta(db.MetaKeyEnum.LAST_EVENT_ID)).toBe('42')
    await db.close()
    expect(await onDisk()).toEqual({ version: db.DB_VERSION, stores: Object.values(db.Stores).sort() })
  })

  it('migrates an old database whose outbox is empty, and one that never existed', async () => {
    await createVersion1([])
    expect(await db.listOutbox()).toEqual([])
    await db.destroy()

    await db.putOutboxEntry({ ...v1Entry('fresh', '2030-01-01T10:00:00.000Z', 0), lastAttemptAt: null } as db.OutboxEntry)
    expect((await db.listOutbox()).map(entry => entry.clientOrderId)).toEqual(['fresh'])
  })

  it('refuses to open a database written by a newer app version instead of wiping it', async () => {
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.open(db.DB_NAME, db.DB_VERSION + 1)
      request.onupgradeneeded = () => {
        request.result.createObjectStore('outbox', { keyPath: 'clientOrderId' }).put(v1Entry('future', '2030-01-01T10:00:00.000Z', 0))
      }
      request.onsuccess = () => { request.result.close(); resolve() }
      request.onerror = () => reject(request.error)
    })

    await expect(db.listOutbox()).rejects.toMatchObject({ name: 'VersionError' })
    expect(await onDisk()).toEqual({ version: db.DB_VERSION + 1, stores: ['outbox'] })
  })
})
