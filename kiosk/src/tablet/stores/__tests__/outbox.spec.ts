// The outbox: written before any request, retried with backoff, swept periodically, drained after a success, sent once per id.
import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { CreateOrder } from '@shared/schemas/order'
import { reportServerReachable, useOnline } from '@/core/composables/useOnline'
import * as db from '@/db'
import { OUTBOX_SYNC_TAG } from '@/pwa/sw-config'
import { OUTBOX_BACKOFF, useOutboxStore } from '@/tablet/stores/outbox'
import { createMockServer, orderFor, type MockServer, type Reply } from '@/__tests__/support'

let server: MockServer
/** What the server holds: one order per clientOrderId, however often it is sent. */
let held: Map<string, CreateOrder>
let answer: (call: CreateOrder) => Reply

function body (id: string): CreateOrder {
  return { clientOrderId: id, lines: [{ itemId: 'tea', quantity: 1, optionIds: [] }] }
}

function posted (): string[] {
  return server.callsTo('POST', '/api/orders').map(call => (call.body as CreateOrder).clientOrderId)
}

async function queuedEntry (id: string, createdAt: string): Promise<void> {
  await db.putOutboxEntry({ clientOrderId: id, body: body(id), createdAt, attempts: 1, lastErrorCode: 'NETWORK_ERROR', lastAttemptAt: createdAt })
}

describe('outbox', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] })
    vi.spyOn(Math, 'random').mockReturnValue(0.5)
    server = createMockServer()
    held = new Map()
    answer = () => 'network-error'
    server.on('POST /api/orders', (call) => {
      const order = call.body as CreateOrder
      const reply = answer(order)
      if (reply !== 'network-error' && reply.status < 300) {
        const isNew = !held.has(order.clientOrderId)
        held.set(order.clientOrderId, order)
        return { status: isNew ? 201 : 200, body: orderFor(order) }
      }
      return reply
    })
    vi.stubGlobal('fetch', server.fetch)
    setActivePinia(createPinia())
    reportServerReachable(true)
  })

  afterEach(async () => {
    useOutboxStore().stop()
    vi.useRealTimers()
    vi.restoreAllMocks()
    vi.unstubAllGlobals()
    await db.destroy()
  })

  it('reports every answer to the listeners registered with it, retries included, until they unregister', async () => {
    const outbox = useOutboxStore()
    const heard: Array<[string, string]> = []
    const stop = outbox.onResult((clientOrderId, result) => heard.push([clientOrderId, result.status]))
    await outbox.submit(body('A'))
    answer = () => ({ status: 201 })
    await vi.advanceTimersByTimeAsync(OUTBOX_BACKOFF.firstMs)
    await vi.waitFor(() => expect(heard).toEqual([['A', 'queued'], ['A', 'sent']]))

    stop()
    await outbox.submit(body('B'))
    expect(heard).toHaveLength(2)
  })

  it('keeps an unanswered order, retries it with a growing backoff, and the server ends up with it once', async () => {
    const outbox = useOutboxStore()
    const first = await outbox.submit(body('A'))
    expect(first.status).toBe('queued')
    expect((await db.listOutbox()).map(entry => [entry.clientOrderId, entry.attempts])).toEqual([['A', 1]])
    expect(outbox.nextAttemptAt - Date.now()).toBe(OUTBOX_BACKOFF.firstMs)

    await vi.advanceTimersByTimeAsync(OUTBOX_BACKOFF.firstMs)
    expect(posted()).toEqual(['A', 'A'])
    await vi.waitFor(() => expect(outbox.failures).toBe(2))
    // Twice the first delay (plus the few ms the attempt itself took on the fake clock).
    const secondDelay = outbox.nextAttemptAt - Date.parse(outbox.entries[0]!.lastAttemptAt!)
    expect(secondDelay).toBeGreaterThanOrEqual(2 * OUTBOX_BACKOFF.firstMs)
    expect(secondDelay).toBeLessThan(2 * OUTBOX_BACKOFF.firstMs + 500)

    answer = () => ({ status: 201 })
    await vi.advanceTimersByTimeAsync(2 * OUTBOX_BACKOFF.firstMs)

    expect(posted()).toEqual(['A', 'A', 'A'])
    expect([...held.keys()]).toEqual(['A'])
    expect(outbox.count).toBe(0)
    expect(await db.listOutbox()).toEqual([])
    await vi.advanceTimersByTimeAsync(10 * OUTBOX_BACKOFF.maxMs)
    expect(posted()).toHaveLength(3)
  })

  it('never waits longer than the longest backoff between attempts', async () => {
    const outbox = useOutboxStore()
    await outbox.submit(body('A'))
    for (let attempt = 0; attempt < 8; attempt++) await vi.advanceTimersByTimeAsync(OUTBOX_BACKOFF.maxMs)
    expect(outbox.failures).toBeGreaterThan(6)
    expect(outbox.nextAttemptAt - Date.now()).toBeLessThanOrEqual(OUTBOX_BACKOFF.maxMs)
  })

  it('the periodic sweep keeps to the backoff; a reconnect drains at once', async () => {
    const outbox = useOutboxStore()
    await outbox.submit(body('A'))

    await outbox.drain({ whenDue: true })
    expect(posted()).toEqual(['A'])

    answer = () => ({ status: 201 })
    await outbox.drain()
    expect(posted()).toEqual(['A', 'A'])
    expect(outbox.count).toBe(0)
  })

  it('sends what a previous run left, oldest first, when drained at start', async () => {
    await queuedEntry('second', '2030-01-01T10:05:00.000Z')
    await queuedEntry('first', '2030-01-01T10:00:00.000Z')
    answer = () => ({ status: 201 })
    const outbox = useOutboxStore()
    await outbox.load()

    await outbox.drain()

    expect(posted()).toEqual(['first', 'second'])
    expect(await db.listOutbox()).toEqual([])
  })

  it('after one order gets through, the others waiting follow without another trigger', async () => {
    await queuedEntry('old-1', '2030-01-01T10:00:00.000Z')
    await queuedEntry('old-2', '2030-01-01T10:01:00.000Z')
    const outbox = useOutboxStore()
    await outbox.load()
    answer = () => ({ status: 201 })

    await outbox.submit(body('new'))

    await vi.waitFor(() => expect(outbox.count).toBe(0))
    expect(posted()).toEqual(['new', 'old-1', 'old-2'])
  })

  it('holds orders of an unpaired tablet: the sweep stops asking, a drain after pairing sends them', async () => {
    answer = () => ({ status: 403, body: { code: 'DEVICE_NOT_PAIRED', message: 'not paired' } })
    const outbox = useOutboxStore()
    expect((await outbox.submit(body('A'))).status).toBe('held')
    expect(outbox.held).toBe(true)

    await vi.advanceTimersByTimeAsync(OUTBOX_BACKOFF.maxMs)
    await outbox.drain({ whenDue: true })
    expect(posted()).toEqual(['A'])

    answer = () => ({ status: 201 })
    await outbox.drain()
    expect(posted()).toEqual(['A', 'A'])
    expect(outbox.count).toBe(0)
  })

  it('drops an order the server refuses for good', async () => {
    answer = () => ({ status: 422, body: { code: 'ITEM_UNAVAILABLE', message: 'sold out' } })
    const outbox = useOutboxStore()
    expect((await outbox.submit(body('A'))).status).toBe('rejected')
    expect(outbox.count).toBe(0)
    expect(await db.listOutbox()).toEqual([])
  })

  it('still sends an order the tablet could not store, and says it is unsaved until a write works', async () => {
    const outbox = useOutboxStore()
    await db.close()
    const realIndexedDb = indexedDB
    vi.stubGlobal('indexedDB', { open: () => { throw new DOMException('full', 'QuotaExceededError') } })

    expect((await outbox.submit(body('A'))).status).toBe('queued')
    expect(outbox.unsaved).toEqual(['A'])
    expect(outbox.count).toBe(1)

    vi.stubGlobal('indexedDB', realIndexedDb)
    await vi.advanceTimersByTimeAsync(OUTBOX_BACKOFF.firstMs)
    expect(posted()).toEqual(['A', 'A'])
    await vi.waitFor(() => expect(outbox.unsaved).toEqual([]))
    expect((await db.listOutbox()).map(entry => entry.clientOrderId)).toEqual(['A'])
  })

  it('tells the connection state: no answer is unreachable, any answer is reachable', async () => {
    const { serverReachable } = useOnline()
    const outbox = useOutboxStore()
    await outbox.submit(body('A'))
    expect(serverReachable.value).toBe(false)

    answer = () => ({ status: 503, body: { code: 'SERVER', message: 'busy' } })
    await outbox.drain()
    expect(serverReachable.value).toBe(true)
    expect(outbox.count).toBe(1)
  })

  it('asks for a Background Sync where the browser has one', async () => {
    const register = vi.fn(async () => undefined)
    Object.defineProperty(navigator, 'serviceWorker', {
      configurable: true,
      value: { getRegistration: async () => ({ active: {}, sync: { register } }), addEventListener: () => undefined },
    })
    try {
      await useOutboxStore().submit(body('A'))
      await vi.waitFor(() => expect(register).toHaveBeenCalledWith(OUTBOX_SYNC_TAG))
    } finally {
      Reflect.deleteProperty(navigator, 'serviceWorker')
    }
  })
})
