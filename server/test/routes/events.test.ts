// Live events over a real socket: what a tablet and the staff console receive, and resuming after a gap.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { buildEmptyApp, loginStaff, pairedTablet, registerTablet } from '../auth-helpers.js'
import { SseClient, type SseMessage } from '../sse-client.js'
import { createTable } from '../../src/repositories/tables.js'
import { STAFF_SESSION_RECHECK_MS } from '../../src/routes/api/staff/events/index.js'
import type { App } from '../../src/app.js'

const clients: SseClient[] = []

afterEach(() => {
  vi.useRealTimers()
  // Open streams would keep the app from closing.
  for (const client of clients.splice(0)) client.close()
})

async function listening (): Promise<{ app: App, base: string }> {
  const app = await buildEmptyApp()
  const base = await app.listen({ port: 0, host: '127.0.0.1' })
  return { app, base }
}

async function open (url: string, headers: Record<string, string> = {}): Promise<SseClient> {
  const client = await SseClient.open(url, headers)
  clients.push(client)
  return client
}

const named = (event: string) => (message: SseMessage) => message.event === event

/** Resolves once `check` holds, polling: server-side effects of a closed socket land asynchronously. */
async function until (check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!await check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise(resolve => setImmediate(resolve))
  }
}

describe('GET /api/events (tablet)', () => {
  it('tells an unpaired tablet that staff paired it, then follows its table when it is moved', async () => {
    const { app, base } = await listening()
    const staff = await loginStaff(app)
    const tablet = await registerTablet(app)
    const first = await createTable(app.db, { label: 'T1' })
    const second = await createTable(app.db, { label: 'T2' })
    const stream = await open(`${base}/api/events`, { cookie: tablet.cookie })
    expect(stream.contentType).toMatch(/^text\/event-stream/)
    expect((await stream.nextAny()).event).toBe('ready')

    await app.inject({ method: 'POST', url: '/api/staff/devices/pair', headers: { cookie: staff }, payload: { pairingCode: tablet.pairingCode, tableId: first.id } })
    const paired = await stream.nextAny()
    // `<boot>-<seq>` on SQLite, the shared log's id on PostgreSQL.
    expect(paired).toMatchObject({ event: 'device.changed', id: expect.stringMatching(/^(?:[0-9a-f]+-)?\d+$/) })
    expect(paired.data).toMatchObject({ deviceId: tablet.deviceId, status: 'paired', table: { id: first.id, label: 'T1' } })

    app.events.publish({ kind: 'table', tableId: second.id }, 'order.updated', { table: 'T2' })
    app.events.publish({ kind: 'table', tableId: first.id }, 'order.updated', { table: 'T1' })
    expect(await stream.nextAny()).toMatchObject({ event: 'order.updated', data: { table: 'T1' } })

    await app.inject({ method: 'PATCH', url: `/api/staff/devices/${tablet.deviceId}`, headers: { cookie: staff }, payload: { tableId: second.id } })
    expect((await stream.nextAny()).data).toMatchObject({ table: { id: second.id, label: 'T2' } })
    app.events.publish({ kind: 'table', tableId: first.id }, 'order.updated', { table: 'T1' })
    app.events.publish({ kind: 'table', tableId: second.id }, 'order.updated', { table: 'T2' })
    expect(await stream.nextAny()).toMatchObject({ event: 'order.updated', data: { table: 'T2' } })

    await app.inject({ method: 'POST', url: `/api/staff/devices/${tablet.deviceId}/unpair`, headers: { cookie: staff } })
    expect((await stream.nextAny()).data).toMatchObject({ status: 'unpaired', pairingCode: expect.stringMatching(/^\d{6}$/) })
    app.events.publish({ kind: 'table', tableId: second.id }, 'order.updated', { table: 'T2' })
    app.events.publish({ kind: 'tablets' }, 'menu.changed', { version: 'v2' })
    expect(await stream.nextAny()).toMatchObject({ event: 'menu.changed', data: { version: 'v2' } })
  })

  it('never shows a tablet another table\'s, another tablet\'s or staff events', async () => {
    const { app, base } = await listening()
    const staff = await loginStaff(app)
    const mine = await pairedTablet(app, staff)
    const theirs = await pairedTablet(app, staff)
    const stream = await open(`${base}/api/events`, { cookie: mine.cookie })
    await stream.next(named('ready'))

    app.events.publish({ kind: 'table', tableId: theirs.table.id }, 'order.updated', { secret: 1 })
    app.events.publish({ kind: 'device', deviceId: theirs.deviceId }, 'device.changed', { secret: 2 })
    app.events.publish({ kind: 'staff' }, 'alert.raised', { secret: 3 })
    app.events.publish({ kind: 'table', tableId: mine.table.id }, 'payment.updated', { mine: true })
    expect(await stream.nextAny()).toMatchObject({ event: 'payment.updated', data: { mine: true } })
  })

  it('replays what a reconnecting tablet missed after its Last-Event-ID, and only that', async () => {
    const { app, base } = await listening()
    const staff = await loginStaff(app)
    const tablet = await pairedTablet(app, staff)
    const other = await pairedTablet(app, staff)
    const first = await open(`${base}/api/events`, { cookie: tablet.cookie })
    const ready = await first.next(named('ready'))
    app.events.publish({ kind: 'table', tableId: tablet.table.id }, 'order.updated', { n: 1 })
    const seen = await first.nextAny()
    first.close()
    await until(() => !app.devicePresence.isStreaming(tablet.deviceId))

    app.events.publish({ kind: 'table', tableId: tablet.table.id }, 'order.updated', { n: 2 })
    app.events.publish({ kind: 'table', tableId: other.table.id }, 'order.updated', { n: 99 })
    app.events.publish({ kind: 'tablets' }, 'menu.changed', { n: 3 })

    const again = await open(`${base}/api/events`, { cookie: tablet.cookie, 'last-event-id': seen.id! })
    expect(await again.nextAny()).toMatchObject({ event: 'order.updated', data: { n: 2 } })
    expect(await again.nextAny()).toMatchObject({ event: 'menu.changed', data: { n: 3 } })
    app.events.publish({ kind: 'table', tableId: tablet.table.id }, 'order.updated', { n: 4 })
    expect(await again.nextAny()).toMatchObject({ data: { n: 4 } })

    // A reloaded page passes the id in the query instead of the header.
    const reloaded = await open(`${base}/api/events?lastEventId=${encodeURIComponent(ready.id!)}`, { cookie: tablet.cookie })
    expect((await reloaded.nextAny()).data).toEqual({ n: 1 })
  })

  it('asks a tablet to resync when its Last-Event-ID is from another boot', async () => {
    const { app, base } = await listening()
    const tablet = await registerTablet(app)
    const stream = await open(`${base}/api/events`, { cookie: tablet.cookie, 'last-event-id': '0badf00d-42' })
    const message = await stream.nextAny()
    expect(message.event).toBe('resync')
    expect(message.id).toBe(app.events.currentId)
  })

  it('asks a tablet to resync when it was moved to another table while disconnected', async () => {
    const { app, base } = await listening()
    const staff = await loginStaff(app)
    const tablet = await pairedTablet(app, staff)
    const target = await createTable(app.db, { label: 'Elsewhere' })
    const first = await open(`${base}/api/events`, { cookie: tablet.cookie })
    const ready = await first.next(named('ready'))
    first.close()
    // Events of the new table from before the move must not be replayed to it.
    app.events.publish({ kind: 'table', tableId: target.id }, 'order.updated', { before: true })
    await app.inject({ method: 'PATCH', url: `/api/staff/devices/${tablet.deviceId}`, headers: { cookie: staff }, payload: { tableId: target.id } })
    const again = await open(`${base}/api/events`, { cookie: tablet.cookie, 'last-event-id': ready.id! })
    expect((await again.nextAny()).event).toBe('resync')
  })

  it('counts a tablet with an open stream as online, and as seen when it disconnects', async () => {
    const { app, base } = await listening()
    const staff = await loginStaff(app)
    const tablet = await pairedTablet(app, staff)
    const long = new Date(Date.now() - 3_600_000).toISOString()
    await app.db.updateTable('devices').set({ last_seen_at: long }).execute()
    const onlineOf = async () => {
      const list = (await app.inject({ method: 'GET', url: '/api/staff/devices', headers: { cookie: staff } })).json<Array<{ online: boolean }>>()
      return list[0]!.online
    }
    expect(await onlineOf()).toBe(false)
    const stream = await open(`${base}/api/events`, { cookie: tablet.cookie })
    await stream.next(named('ready'))
    expect(await onlineOf()).toBe(true)
    await app.db.updateTable('devices').set({ last_seen_at: long }).execute()
    stream.close()
    await until(async () => {
      const row = await app.db.selectFrom('devices').select('last_seen_at').executeTakeFirstOrThrow()
      return row.last_seen_at !== long
    })
    expect(app.devicePresence.isStreaming(tablet.deviceId)).toBe(false)
    expect(await onlineOf()).toBe(true)
  })

  it('refuses a stream without a device cookie', async () => {
    const { app } = await listening()
    const response = await app.inject({ method: 'GET', url: '/api/events', headers: { cookie: 'tp_device=forged' } })
    expect(response.statusCode).toBe(401)
    expect(response.json().code).toBe('DEVICE_UNKNOWN')
    expect((await app.inject({ method: 'GET', url: '/api/events?since=1' })).statusCode).toBe(400)
  })
})

describe('HEAD of the event streams', () => {
  it('answers with the stream headers at once instead of hanging', async () => {
    const { app, base } = await listening()
    const staff = await loginStaff(app)
    const tablet = await registerTablet(app)
    for (const [path, cookie] of [['/api/events', tablet.cookie], ['/api/staff/events', staff]] as const) {
      const response = await fetch(`${base}${path}`, { method: 'HEAD', headers: { cookie }, signal: AbortSignal.timeout(5000) })
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/)
    }
  })
})

describe('GET /api/staff/events', () => {
  it('streams staff events only, and refuses anyone without a staff session', async () => {
    const { app, base } = await listening()
    const staff = await loginStaff(app)
    const tablet = await registerTablet(app)
    const table = await createTable(app.db, { label: 'T5' })
    const stream = await open(`${base}/api/staff/events`, { cookie: staff })
    await stream.next(named('ready'))

    app.events.publish({ kind: 'table', tableId: table.id }, 'order.updated', { tablet: true })
    app.events.publish({ kind: 'tablets' }, 'menu.changed', { tablet: true })
    await app.inject({ method: 'POST', url: '/api/staff/devices/pair', headers: { cookie: staff }, payload: { pairingCode: tablet.pairingCode, tableId: table.id } })
    const changed = await stream.nextAny()
    expect(changed.event).toBe('device.changed')
    expect(changed.data).toMatchObject({ id: tablet.deviceId, status: 'paired', table: { id: table.id, label: 'T5' }, online: expect.any(Boolean) })

    const anonymous = await app.inject({ method: 'GET', url: '/api/staff/events' })
    expect(anonymous.statusCode).toBe(401)
    expect(anonymous.json().code).toBe('STAFF_UNAUTHENTICATED')
    const asTablet = await app.inject({ method: 'GET', url: '/api/staff/events', headers: { cookie: tablet.cookie } })
    expect(asTablet.statusCode).toBe(401)
  })

  it('replays missed staff events after Last-Event-ID', async () => {
    const { app, base } = await listening()
    const staff = await loginStaff(app)
    const first = await open(`${base}/api/staff/events`, { cookie: staff })
    const ready = await first.next(named('ready'))
    first.close()
    app.events.publish({ kind: 'staff' }, 'alert.raised', { n: 1 })
    app.events.publish({ kind: 'tablets' }, 'menu.changed', { n: 2 })
    app.events.publish({ kind: 'staff' }, 'order.created', { n: 3 })
    const again = await open(`${base}/api/staff/events`, { cookie: staff, 'last-event-id': ready.id! })
    expect(await again.nextAny()).toMatchObject({ event: 'alert.raised', data: { n: 1 } })
    expect(await again.nextAny()).toMatchObject({ event: 'order.created', data: { n: 3 } })
  })

  it('ends the stream once the session has ended', async () => {
    const { app, base } = await listening()
    const staff = await loginStaff(app)
    // Only intervals are faked: the socket and the database keep real time.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    const stream = await open(`${base}/api/staff/events`, { cookie: staff })
    await stream.next(named('ready'))
    vi.advanceTimersByTime(STAFF_SESSION_RECHECK_MS)
    app.events.publish({ kind: 'staff' }, 'alert.raised', { still: 'open' })
    expect(await stream.nextAny()).toMatchObject({ data: { still: 'open' } })

    await app.inject({ method: 'DELETE', url: '/api/staff/session', headers: { cookie: staff } })
    vi.advanceTimersByTime(STAFF_SESSION_RECHECK_MS)
    await stream.ended
  })
})
