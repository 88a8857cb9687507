// The worker's Background Sync replay: sends what the outbox holds, postpones while the server is away, never removes an order.
import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import * as db from '@/db'
import { ReplayPostponedError, replayOutbox } from '@/pwa/sw-outbox'
import { createMockServer } from '@/__tests__/support'

async function queue (id: string, createdAt: string): Promise<void> {
  await db.putOutboxEntry({ clientOrderId: id, body: { clientOrderId: id, lines: [{ itemId: 'tea', quantity: 1, optionIds: [] }] }, createdAt, attempts: 1, lastErrorCode: 'NETWORK_ERROR', lastAttemptAt: createdAt })
}

describe('replayOutbox', () => {
  afterEach(async () => { await db.destroy() })

  it('posts every waiting order oldest first with its own id, and leaves the outbox to the page', async () => {
    await queue('b', '2030-01-01T10:05:00.000Z')
    await queue('a', '2030-01-01T10:00:00.000Z')
    const server = createMockServer()
    server.on('POST /api/orders', () => ({ status: 201, body: {} }))

    expect(await replayOutbox(server.fetch)).toEqual({ sent: 2, refused: 0 })
    expect(server.callsTo('POST', '/api/orders').map(call => (call.body as { clientOrderId: string }).clientOrderId)).toEqual(['a', 'b'])
    expect((await db.listOutbox()).map(entry => entry.clientOrderId)).toEqual(['a', 'b'])
  })

  it('postpones (throws, so the browser syncs again later) when there is no answer or a server fault', async () => {
    await queue('a', '2030-01-01T10:00:00.000Z')
    const down = createMockServer()
    down.on('POST /api/orders', () => 'network-error')
    await expect(replayOutbox(down.fetch)).rejects.toBeInstanceOf(ReplayPostponedError)

    const failing = createMockServer()
    failing.on('POST /api/orders', () => ({ status: 503, body: { code: 'SERVER', message: 'busy' } }))
    await expect(replayOutbox(failing.fetch)).rejects.toBeInstanceOf(ReplayPostponedError)
    expect(await db.listOutbox()).toHaveLength(1)
  })

  it('counts a refusal without retrying it (the page explains it to the diner)', async () => {
    await queue('a', '2030-01-01T10:00:00.000Z')
    const server = createMockServer()
    server.on('POST /api/orders', () => ({ status: 422, body: { code: 'ITEM_UNAVAILABLE', message: 'sold out' } }))
    expect(await replayOutbox(server.fetch)).toEqual({ sent: 0, refused: 1 })
  })
})
