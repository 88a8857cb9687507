// Many stores on one event log (PostgreSQL): two apps on one database stand for two server processes. A store-bound
// hub hears only its store's events, from either process; a store's replay holds only its store's events; the
// root hub hears every store's, and the log records each event's store.
import { sql } from 'kysely'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { buildTestApp } from '../helper.js'
import { freshPgDatabase } from '../pg.js'
import { pollUntil } from '../poll.js'
import { PostgresEventHub } from '../../src/events/postgres-event-hub.js'
import type { HubEvent } from '../../src/lib/event-hub.js'
import type { App } from '../../src/app.js'

let databaseUrl: string
/** The apps of the running test (the helper closes them after it). */
const apps: App[] = []
const all = () => true

beforeAll(async () => {
  ({ url: databaseUrl } = await freshPgDatabase())
})

async function processOnSharedDatabase (): Promise<PostgresEventHub> {
  const app = await buildTestApp({ DATABASE_URL: databaseUrl, DEMO_SEED: 'false' })
  apps.push(app)
  expect(app.events).toBeInstanceOf(PostgresEventHub)
  return app.events as PostgresEventHub
}

const dataOf = (events: HubEvent[]) => events.map(event => event.data)

// Two apps per test: building them takes most of the time on a busy machine.
describe('store-bound hubs on the event log (PostgreSQL)', { timeout: 60_000 }, () => {
  beforeEach(() => { apps.length = 0 })

  it('deliver a store\'s events to that store\'s subscribers of every process, and every store\'s to the root', async () => {
    const one = await processOnSharedDatabase()
    const two = await processOnSharedDatabase()
    const heardA: HubEvent[] = []
    const heardB: HubEvent[] = []
    const heardRoot: HubEvent[] = []
    two.forStore('a').subscribe(event => heardA.push(event))
    two.forStore('b').subscribe(event => heardB.push(event))
    two.subscribe(event => heardRoot.push(event))

    one.forStore('a').toStaff('menu.changed', { version: 'a1' })
    one.forStore('b').toTablets({ kind: 'tablets' }, 'menu.changed', { version: 'b1' })
    one.toProcesses('store.updated', { storeId: 'b' })
    one.forStore('a').toTablets({ kind: 'table', tableId: 't1' }, 'order.updated', { n: 2 } as never)
    await one.settled()
    await pollUntil(() => heardRoot.length >= 4 || null, { what: 'the other process to hear every event' })

    expect(dataOf(heardA)).toEqual([{ version: 'a1' }, { n: 2 }])
    expect(dataOf(heardB)).toEqual([{ version: 'b1' }])
    expect(heardRoot.map(event => [event.storeId, event.event])).toEqual([
      ['a', 'menu.changed'], ['b', 'menu.changed'], ['default', 'store.updated'], ['a', 'order.updated'],
    ])
    expect(heardRoot[2]!.audience).toEqual({ kind: 'processes' })
  })

  it('replay after a Last-Event-ID only their store\'s events, and record each event\'s store in the log', async () => {
    const one = await processOnSharedDatabase()
    const two = await processOnSharedDatabase()
    one.forStore('a').toStaff('menu.changed', { version: 'a0' })
    await one.settled()
    const lastSeenByA = one.forStore('a').currentId
    one.forStore('b').toStaff('menu.changed', { version: 'b1' })
    one.forStore('a').toStaff('menu.changed', { version: 'a1' })
    one.forStore('b').toStaff('menu.changed', { version: 'b2' })
    await one.settled()

    // On the other process, which may not have delivered them yet: replay reads the log.
    expect(dataOf((await two.forStore('a').replay(lastSeenByA, all))!.events)).toEqual([{ version: 'a1' }])
    expect(dataOf((await two.forStore('b').replay(lastSeenByA, all))!.events)).toEqual([{ version: 'b1' }, { version: 'b2' }])
    expect((await two.forStore('c').replay(lastSeenByA, all))!.events).toEqual([])
    expect(dataOf((await two.replay(lastSeenByA, all))!.events)).toHaveLength(3)

    const { rows } = await sql<{ store_id: string, data: string }>`select store_id, data from events where id > ${Number(lastSeenByA)} order by id`
      .execute(apps[0]!.database.db)
    expect(rows.map(row => row.store_id)).toEqual(['b', 'a', 'b'])
  })

  it('replay a quiet store\'s stream even when other stores published more than a replay holds', async () => {
    const one = await processOnSharedDatabase()
    await one.settled()
    const start = one.currentId
    one.forStore('quiet').toStaff('menu.changed', { version: 'q1' })
    // A busy store's burst, past what one replay may hold (REPLAY_BUFFER_SIZE).
    for (let n = 0; n < 2100; n++) one.forStore('busy').toStaff('menu.changed', { version: `busy-${n}` })
    await one.settled()
    expect(dataOf((await one.forStore('quiet').replay(start, all))!.events)).toEqual([{ version: 'q1' }])
    expect(await one.forStore('busy').replay(start, all)).toBeNull()
  })
})
