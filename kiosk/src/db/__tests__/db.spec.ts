// The IndexedDB module: its stores, outbox order, Vue proxies, and unsent orders kept apart from the diner's cart.
import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import { reactive } from 'vue'
import * as db from '@/db'
import type { OutboxEntry } from '@/db'

function entry (id: string, createdAt: string): OutboxEntry {
  return {
    clientOrderId: id,
    body: { clientOrderId: id, lines: [{ itemId: 'tea', quantity: 1, optionIds: [] }] },
    createdAt,
    attempts: 0,
    lastErrorCode: null,
    lastAttemptAt: null,
  }
}

describe('db', () => {
  afterEach(async () => { await db.destroy() })

  it('creates the four stores of the current version', async () => {
    await db.listOutbox()
    await db.close()
    const raw = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(db.DB_NAME)
      request.onsuccess = () => resolve(request.result)
      request.onerror = () => reject(request.error)
    })
    expect(raw.version).toBe(db.DB_VERSION)
    expect([...raw.objectStoreNames].sort()).toEqual(Object.values(db.Stores).sort())
    raw.close()
  })

  it('keeps outbox entries across a closed connection, oldest first, until deleted', async () => {
    await db.putOutboxEntry(entry('b', '2030-01-01T10:05:00.000Z'))
    await db.putOutboxEntry(entry('a', '2030-01-01T10:00:00.000Z'))
    await db.close()

    expect((await db.listOutbox()).map(saved => saved.clientOrderId)).toEqual(['a', 'b'])
    await db.deleteOutboxEntry('a')
    expect((await db.listOutbox()).map(saved => saved.clientOrderId)).toEqual(['b'])
  })

  it('writes Vue reactive state (proxies cannot be cloned into IndexedDB as they are)', async () => {
    const state = reactive({ lines: [{ key: 'k', itemId: 'tea', quantity: 2, optionIds: ['x'], note: '' }], note: 'n', pending: null, updatedAt: 'now' })
    await db.writeCart(state)
    expect(await db.readCart()).toEqual({ lines: [{ key: 'k', itemId: 'tea', quantity: 2, optionIds: ['x'], note: '' }], note: 'n', pending: null, updatedAt: 'now' })
    await db.deleteCart()
    expect(await db.readCart()).toBeUndefined()
  })

  it('clearing the cart between diners leaves unsent orders in the outbox', async () => {
    await db.putOutboxEntry(entry('unsent', '2030-01-01T10:00:00.000Z'))
    await db.writeCart({ lines: [], note: 'old diner', pending: null, updatedAt: 'now' })
    await db.deleteCart()
    await db.close()

    expect((await db.listOutbox()).map(saved => saved.clientOrderId)).toEqual(['unsent'])
  })
})
