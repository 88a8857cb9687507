// The event streams of two stores on one database (PostgreSQL: SQLite holds one store). A staff console and a
// tablet of one store never hear the other store's events, and a tablet paired by another store's staff follows
// it there.
import { beforeAll, describe, expect, it } from 'vitest'
import { cookieFrom, buildTestApp } from '../helper.js'
import { registerTablet } from '../auth-helpers.js'
import { freshPgDatabase } from '../pg.js'
import { SseClient, type SseMessage } from '../sse-client.js'
import { forStore } from '../../src/db/store-scope.js'
import { STAFF_COOKIE } from '../../src/lib/cookies.js'
import { createOwner } from '../../src/repositories/staff.js'
import { createStore } from '../../src/repositories/stores.js'
import { createTable } from '../../src/repositories/tables.js'
import type { App } from '../../src/app.js'

const OWNER_PIN = '864209'
let databaseUrl: string
const clients: SseClient[] = []

beforeAll(async () => {
  ({ url: databaseUrl } = await freshPgDatabase())
})

async function open (url: string, headers: Record<string, string>): Promise<SseClient> {
  const client = await SseClient.open(url, headers)
  clients.push(client)
  return client
}

/** An app with a second store `second` and a chain owner, listening. */
async function twoStores (): Promise<{ app: App, base: string, secondId: string, slug: string }> {
  const app = await buildTestApp({ DATABASE_URL: databaseUrl, DEMO_SEED: 'false' })
  const slug = `second-${Math.random().toString(36).slice(2, 8)}`
  const second = await createStore(app.database.db, { slug, name: 'Second' }, null)
  // One owner for the whole database: the second test finds it made.
  await createOwner(app.database.db, { name: 'Owner', pin: OWNER_PIN }).catch(() => {})
  const base = await app.listen({ port: 0, host: '127.0.0.1' })
  return { app, base, secondId: second.id, slug }
}

async function ownerIn (app: App, slug: string): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/api/staff/session', payload: { pin: OWNER_PIN, store: slug } })
  expect(response.statusCode, response.body).toBe(200)
  return cookieFrom(response.headers['set-cookie'], STAFF_COOKIE)
}

const named = (event: string) => (message: SseMessage) => message.event === event

describe('event streams of two stores (PostgreSQL)', { timeout: 60_000 }, () => {
  it('give each store\'s staff console only its store\'s events, live and replayed', async () => {
    const { app, base, secondId, slug } = await twoStores()
    try {
      const first = await open(`${base}/api/staff/events`, { cookie: await ownerIn(app, 'default') })
      const second = await open(`${base}/api/staff/events`, { cookie: await ownerIn(app, slug) })
      const ready = await first.next(named('ready'))
      await second.next(named('ready'))

      const secondStore = await app.stores.get(secondId)
      secondStore.events.toStaff('menu.changed', { version: 'second-1' })
      app.store.events.toStaff('menu.changed', { version: 'default-1' })
      secondStore.events.toStaff('menu.changed', { version: 'second-2' })
      expect(await first.nextAny()).toMatchObject({ event: 'menu.changed', data: { version: 'default-1' } })
      expect((await second.nextAny()).data).toEqual({ version: 'second-1' })
      expect((await second.nextAny()).data).toEqual({ version: 'second-2' })

      // Resumed from before all three: the default store's console is replayed its one event only.
      const resumed = await open(`${base}/api/staff/events`, { cookie: await ownerIn(app, 'default'), 'last-event-id': ready.id! })
      expect(await resumed.nextAny()).toMatchObject({ data: { version: 'default-1' } })
      app.store.events.toStaff('menu.changed', { version: 'default-2' })
      expect(await resumed.nextAny()).toMatchObject({ data: { version: 'default-2' } })
    } finally {
      for (const client of clients.splice(0)) client.close()
    }
  })

  it('let a tablet paired by another store\'s staff hear that store\'s events, not its former store\'s', async () => {
    const { app, base, secondId, slug } = await twoStores()
    try {
      const tablet = await registerTablet(app)
      const stream = await open(`${base}/api/events`, { cookie: tablet.cookie })
      await stream.next(named('ready'))
      const table = await createTable(forStore(app.database.db, secondId), { label: 'S1' })
      const pair = await app.inject({
        method: 'POST', url: '/api/staff/devices/pair',
        headers: { cookie: await ownerIn(app, slug) },
        payload: { pairingCode: tablet.pairingCode, tableId: table.id },
      })
      expect(pair.statusCode, pair.body).toBe(200)
      expect(await stream.nextAny()).toMatchObject({ event: 'device.changed', data: { status: 'paired', table: { id: table.id } } })

      const secondStore = await app.stores.get(secondId)
      app.store.events.toTablets({ kind: 'tablets' }, 'menu.changed', { version: 'default' })
      secondStore.events.toTablets({ kind: 'tablets' }, 'menu.changed', { version: 'second' })
      expect(await stream.nextAny()).toMatchObject({ event: 'menu.changed', data: { version: 'second' } })

      // Reconnected as a paired tablet: on its store's hub now.
      const again = await open(`${base}/api/events`, { cookie: tablet.cookie })
      await again.next(named('ready'))
      app.store.events.toTablets({ kind: 'tablets' }, 'menu.changed', { version: 'default-2' })
      secondStore.events.toTablets({ kind: 'tablets' }, 'menu.changed', { version: 'second-2' })
      expect(await again.nextAny()).toMatchObject({ data: { version: 'second-2' } })
    } finally {
      for (const client of clients.splice(0)) client.close()
    }
  })
})
