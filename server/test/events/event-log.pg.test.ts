// Live events across processes on PostgreSQL: two apps on one database stand for two server processes behind a
// load balancer. What one publishes reaches the other's streams under the same id, a stream resumes on either,
// and a gap the log no longer covers (pruned, or missed while the LISTEN connection was down) ends in `resync`.
import { sql } from 'kysely'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { loginStaff, pairedTablet } from '../auth-helpers.js'
import { buildTestApp } from '../helper.js'
import { adminQuery, freshPgDatabase } from '../pg.js'
import { pollUntil } from '../poll.js'
import { SseClient, type SseMessage } from '../sse-client.js'
import { EVENT_RETENTION_MS, PostgresEventHub } from '../../src/events/postgres-event-hub.js'
import { eventLogSpan } from '../../src/repositories/event-log.js'
import type { App } from '../../src/app.js'

let databaseUrl: string
let databaseName: string
const clients: SseClient[] = []

beforeAll(async () => {
  const database = await freshPgDatabase()
  databaseUrl = database.url
  databaseName = database.name
})

afterEach(async () => {
  for (const client of clients.splice(0)) client.close()
  // A failed test may have left it refusing connections (deafen).
  await adminQuery(`alter database ${databaseName} allow_connections true`)
})

/** One "process": an app of its own on the shared database, listening on a port. */
async function processOnSharedDatabase (): Promise<{ app: App, base: string, hub: PostgresEventHub }> {
  const app = await buildTestApp({ DATABASE_URL: databaseUrl, DEMO_SEED: 'false' })
  const base = await app.listen({ port: 0, host: '127.0.0.1' })
  expect(app.events).toBeInstanceOf(PostgresEventHub)
  return { app, base, hub: app.events as PostgresEventHub }
}

async function open (url: string, headers: Record<string, string> = {}): Promise<SseClient> {
  const client = await SseClient.open(url, headers)
  clients.push(client)
  return client
}

/**
 * Cuts a process's LISTEN connection as a server restart would, and keeps it from reconnecting: the database
 * refuses new connections (the apps' pools keep theirs) until hearAgain.
 */
async function deafen (hub: PostgresEventHub): Promise<void> {
  await adminQuery(`alter database ${databaseName} allow_connections false`)
  await adminQuery(`select pg_terminate_backend(${hub.listener.backendPid!})`)
  await pollUntil(() => hub.listener.backendPid === null, { what: 'the process to notice its lost connection' })
}

async function hearAgain (hub: PostgresEventHub): Promise<void> {
  await adminQuery(`alter database ${databaseName} allow_connections true`)
  await pollUntil(() => hub.listener.backendPid !== null, { what: 'the LISTEN connection back', timeoutMs: 10_000 })
}

/**
 * Until `to` has delivered every event `from` logged (pairing a tablet publishes some): a stream opened on `to`
 * before that would hear them live, ahead of the event a test waits for.
 */
async function caughtUp (from: PostgresEventHub, to: PostgresEventHub): Promise<void> {
  await from.settled()
  const upTo = from.currentSeq
  await pollUntil(() => to.currentSeq >= upTo, { what: 'the other process to hear the setup\'s events' })
}

const named = (event: string) => (message: SseMessage) => message.event === event

describe('events across processes (PostgreSQL)', () => {
  it('delivers an event published by one process to the streams of another, under the same id', async () => {
    const a = await processOnSharedDatabase()
    const b = await processOnSharedDatabase()
    const tablet = await pairedTablet(a.app, await loginStaff(a.app))
    await caughtUp(a.hub, b.hub)
    const onA = await open(`${a.base}/api/events`, { cookie: tablet.cookie })
    const onB = await open(`${b.base}/api/events`, { cookie: tablet.cookie })
    const staffOnB = await open(`${b.base}/api/staff/events`, { cookie: await loginStaff(b.app) })
    await Promise.all([onA.next(named('ready')), onB.next(named('ready')), staffOnB.next(named('ready'))])

    a.app.events.toTablets({ kind: 'table', tableId: tablet.table.id }, 'order.updated', { n: 1 } as never)
    a.app.events.toStaff('menu.changed', { version: 'v9' })
    const [seenOnA, seenOnB] = await Promise.all([onA.nextAny(), onB.nextAny()])
    expect(seenOnB).toMatchObject({ event: 'order.updated', data: { n: 1 }, id: expect.stringMatching(/^\d+$/) })
    expect(seenOnA).toEqual(seenOnB)
    const staffEvent = await staffOnB.nextAny()
    expect(staffEvent).toMatchObject({ event: 'menu.changed', data: { version: 'v9' } })
    // Published in this order by one process, logged and numbered in this order.
    expect(Number(staffEvent.id)).toBeGreaterThan(Number(seenOnB.id))
  })

  it('never shows a tablet on another process another table\'s, another tablet\'s or staff events', async () => {
    const a = await processOnSharedDatabase()
    const b = await processOnSharedDatabase()
    const staff = await loginStaff(a.app)
    const mine = await pairedTablet(a.app, staff)
    const theirs = await pairedTablet(a.app, staff)
    await caughtUp(a.hub, b.hub)
    const stream = await open(`${b.base}/api/events`, { cookie: mine.cookie })
    await stream.next(named('ready'))

    a.app.events.publish({ kind: 'table', tableId: theirs.table.id }, 'order.updated', { secret: 1 })
    a.app.events.publish({ kind: 'device', deviceId: theirs.deviceId }, 'device.changed', { secret: 2 })
    a.app.events.publish({ kind: 'staff' }, 'alert.raised', { secret: 3 })
    a.app.events.publish({ kind: 'table', tableId: mine.table.id }, 'payment.updated', { mine: true })
    expect(await stream.nextAny()).toMatchObject({ event: 'payment.updated', data: { mine: true } })
  })

  it('replays on one process what a stream of the other missed after its Last-Event-ID', async () => {
    const a = await processOnSharedDatabase()
    const b = await processOnSharedDatabase()
    const staff = await loginStaff(a.app)
    const tablet = await pairedTablet(a.app, staff)
    const other = await pairedTablet(a.app, staff)
    const first = await open(`${a.base}/api/events`, { cookie: tablet.cookie })
    await first.next(named('ready'))
    a.app.events.publish({ kind: 'table', tableId: tablet.table.id }, 'order.updated', { n: 1 })
    const seen = await first.nextAny()
    first.close()

    b.app.events.publish({ kind: 'table', tableId: tablet.table.id }, 'order.updated', { n: 2 })
    b.app.events.publish({ kind: 'table', tableId: other.table.id }, 'order.updated', { n: 99 })
    a.app.events.publish({ kind: 'tablets' }, 'menu.changed', { n: 3 })

    // Resumed on B at once, whether or not B has heard of these events yet: what is in the log is replayed, what is
    // not yet comes live, each once. (Two processes' events have no order between them until logged.)
    const again = await open(`${b.base}/api/events`, { cookie: tablet.cookie, 'last-event-id': seen.id! })
    const missed = [await again.nextAny(), await again.nextAny()]
    expect(missed.map(message => message.data)).toEqual(expect.arrayContaining([{ n: 2 }, { n: 3 }]))
    expect(Number(missed[1]!.id)).toBeGreaterThan(Number(missed[0]!.id))
    a.app.events.publish({ kind: 'table', tableId: tablet.table.id }, 'order.updated', { n: 4 })
    expect(await again.nextAny()).toMatchObject({ data: { n: 4 } })
  })

  it('asks a stream to resync when its Last-Event-ID is older than the log keeps, unknown, or from the future', async () => {
    const a = await processOnSharedDatabase()
    const b = await processOnSharedDatabase()
    const staff = await loginStaff(a.app)
    const stream = await open(`${a.base}/api/staff/events`, { cookie: staff })
    await stream.next(named('ready'))
    a.app.events.toStaff('menu.changed', { version: 'old' })
    const old = await stream.nextAny()
    a.app.events.toStaff('menu.changed', { version: 'middle' })
    await stream.nextAny()
    a.app.events.toStaff('menu.changed', { version: 'newer' })
    const newer = await stream.nextAny()

    // Within the window, a replay; once the window has passed, only the newest event is kept.
    const replayed = await open(`${b.base}/api/staff/events`, { cookie: staff, 'last-event-id': old.id! })
    expect(await replayed.nextAny()).toMatchObject({ data: { version: 'middle' } })
    expect(await replayed.nextAny()).toMatchObject({ id: newer.id, data: { version: 'newer' } })
    await a.hub.prune(Date.now() + EVENT_RETENTION_MS + 60_000)

    for (const lastEventId of [old.id!, 'a1b2c3d4-7', String(Number(newer.id) + 1000)]) {
      const resumed = await open(`${b.base}/api/staff/events`, { cookie: staff, 'last-event-id': lastEventId })
      const message = await resumed.nextAny()
      expect(message.event, lastEventId).toBe('resync')
      await pollUntil(() => b.hub.currentSeq >= Number(newer.id), { what: 'B to have heard the newest event' })
      expect(Number(message.id)).toBeLessThanOrEqual(Number(newer.id))
    }
    // From the newest kept event on, nothing was lost.
    const fromNewest = await open(`${b.base}/api/staff/events`, { cookie: staff, 'last-event-id': newer.id! })
    a.app.events.toStaff('menu.changed', { version: 'after' })
    expect(await fromNewest.nextAny()).toMatchObject({ data: { version: 'after' } })
  })

  it('catches up from the log when its LISTEN connection comes back, and resyncs its streams when the log cannot cover the gap', async () => {
    const a = await processOnSharedDatabase()
    const b = await processOnSharedDatabase()
    const staff = await loginStaff(a.app)
    const stream = await open(`${b.base}/api/staff/events`, { cookie: staff })
    await stream.next(named('ready'))

    // Missed while B was deaf, still in the log: delivered once B is back, without a resync.
    await deafen(b.hub)
    const before = b.hub.currentSeq
    a.app.events.toStaff('menu.changed', { version: 'while-deaf' })
    const appended = await pollUntil(async () => {
      const { lastId } = await eventLogSpan(a.app.db)
      return lastId !== null && lastId > before ? lastId : null
    }, { what: 'the append' })
    expect(b.hub.currentSeq).toBe(before)
    await hearAgain(b.hub)
    expect(await stream.nextAny()).toMatchObject({ event: 'menu.changed', data: { version: 'while-deaf' } })

    // Missed and pruned meanwhile: B cannot know what it lost, so its streams resync and end (the client reconnects).
    await deafen(b.hub)
    a.app.events.toStaff('menu.changed', { version: 'lost' })
    a.app.events.toStaff('menu.changed', { version: 'kept' })
    await pollUntil(async () => ((await eventLogSpan(a.app.db)).lastId ?? 0) >= appended + 2 || null, { what: 'both appends' })
    await a.hub.prune(Date.now() + EVENT_RETENTION_MS + 60_000)
    await hearAgain(b.hub)
    const resync = await stream.nextAny()
    expect(resync).toMatchObject({ event: 'resync', id: String(appended + 2) })
    await stream.ended
  })

  it('resyncs when events it was notified of after a freeze were pruned before it loaded them', async () => {
    const a = await processOnSharedDatabase()
    let gaps = 0
    const heard: string[] = []
    a.hub.subscribe(event => { heard.push(event.event) }, () => { gaps++ })
    a.app.events.toStaff('menu.changed', { version: 'seen' })
    await a.hub.settled()
    const seen = a.hub.currentSeq

    // What other processes logged while this one was frozen (no notification reaches it: it does not run), then
    // pruned past: the process is frozen longer than the retention.
    await sql`insert into events (store_id, audience_kind, audience_id, name, data, at)
      values ('default', 'staff', null, 'menu.changed', '{}', '2000-01-01T00:00:00.000Z'), ('default', 'staff', null, 'menu.changed', '{}', '2000-01-01T00:00:00.000Z')`.execute(a.app.db)
    await sql`delete from events`.execute(a.app.db)
    expect(gaps).toBe(0)

    a.app.events.toStaff('alert.raised', { after: true } as never)
    await a.hub.settled()
    expect(a.hub.currentSeq).toBeGreaterThan(seen + 2)
    expect(gaps).toBe(1)
    expect(heard.at(-1)).toBe('alert.raised')
  })

  it('does not resync over ids that were never used (a rolled-back append)', async () => {
    const a = await processOnSharedDatabase()
    let gaps = 0
    a.hub.subscribe(() => {}, () => { gaps++ })
    a.app.events.toStaff('menu.changed', { version: 'seen' })
    await a.hub.settled()
    // Uses up ids without keeping rows, as an append that failed after taking its ids does.
    await sql`select nextval(pg_get_serial_sequence('events', 'id')) from generate_series(1, 3)`.execute(a.app.db)
    a.app.events.toStaff('menu.changed', { version: 'next' })
    await a.hub.settled()
    expect(gaps).toBe(0)
  })

  it('appends what was published before the app closed', async () => {
    const a = await processOnSharedDatabase()
    const b = await processOnSharedDatabase()
    const stream = await open(`${b.base}/api/staff/events`, { cookie: await loginStaff(b.app) })
    await stream.next(named('ready'))
    a.app.events.toStaff('menu.changed', { version: 'last-words' })
    await a.app.close()
    expect(await stream.nextAny()).toMatchObject({ data: { version: 'last-words' } })
  })
})
