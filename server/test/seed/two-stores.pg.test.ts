// The demo on PostgreSQL: a chain of two stores (the default one and "riverside"), each with its own menu, tables
// and manager, and an owner for both; their PINs shown once in the startup notes. Seeded once, however many
// processes start on the empty database at the same time.
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { TEST_STAFF_PIN, buildTestApp, cookieFrom } from '../helper.js'
import { freshPgDatabase } from '../pg.js'
import { STAFF_COOKIE } from '../../src/lib/cookies.js'
import { forStore } from '../../src/db/store-scope.js'
import { open } from '../../src/lib/secrets.js'
import { findStoreBySlug, listStores } from '../../src/repositories/stores.js'
import { DEMO_DISHES, DEMO_TABLES } from '../../src/seed/demo-menu.js'
import { RIVERSIDE_ID_PREFIX, RIVERSIDE_NAME, RIVERSIDE_RESTAURANT, RIVERSIDE_SLUG } from '../../src/seed/demo-riverside.js'
import type { App } from '../../src/app.js'
import type { Menu } from '#shared/schemas/menu.js'
import type { Table } from '#shared/schemas/table.js'

/** The PIN a startup note shows for `who` (`manager of "riverside"`, `every store`), or null. */
function pinIn (notes: readonly string[], who: string): string | null {
  for (const note of notes) {
    const match = new RegExp(`PIN \\(${who}, shown once\\): (\\d+)`).exec(note)
    if (match) return match[1]!
  }
  return null
}

async function login (app: App, pin: string, store: string): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/api/staff/session', payload: { pin, store } })
  expect(response.statusCode, response.body).toBe(200)
  return cookieFrom(response.headers['set-cookie'], STAFF_COOKIE)
}

async function get<T> (app: App, url: string, cookie: string): Promise<T> {
  const response = await app.inject({ method: 'GET', url, headers: { cookie } })
  expect(response.statusCode, response.body).toBe(200)
  return response.json<T>()
}

/** Rows of the whole database (root handle), for counting what was seeded. */
async function count (app: App, table: 'stores' | 'items' | 'tables' | 'categories' | 'staff'): Promise<number> {
  const { n } = await app.database.db.selectFrom(table).select(eb => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return Number(n)
}

interface Totals { stores: number, items: number, tables: number, categories: number, staff: number }

async function totals (app: App): Promise<Totals> {
  return {
    stores: await count(app, 'stores'),
    items: await count(app, 'items'),
    tables: await count(app, 'tables'),
    categories: await count(app, 'categories'),
    staff: await count(app, 'staff'),
  }
}

/** One default manager (STAFF_PIN), one riverside manager, one owner; both menus and dining rooms. */
const SEEDED: Totals = {
  stores: 2,
  items: DEMO_DISHES.length + RIVERSIDE_RESTAURANT.dishes.length,
  tables: DEMO_TABLES.length + RIVERSIDE_RESTAURANT.tables.length,
  categories: 8 + RIVERSIDE_RESTAURANT.categories.length,
  staff: 3,
}

describe('the demo on PostgreSQL', () => {
  it('seeds two stores, each with its own menu, tables and manager, and an owner who works in both', async () => {
    const { url } = await freshPgDatabase()
    const app = await buildTestApp({ DATABASE_URL: url })
    const stores = await listStores(app.database.db)
    expect(stores.map(store => store.slug)).toEqual(['default', RIVERSIDE_SLUG])
    const riverside = stores[1]!
    expect(riverside.name).toBe(RIVERSIDE_NAME)
    // No SECRETS_KEY: the second store follows the environment's settings.
    expect(riverside.sealed_settings).toBeNull()

    const managerPin = pinIn(app.startupNotes, `manager of "${RIVERSIDE_SLUG}"`)
    const ownerPin = pinIn(app.startupNotes, 'every store')
    expect(managerPin).toMatch(/^\d{6}$/)
    expect(ownerPin).toMatch(/^\d{6}$/)
    expect(new Set([managerPin, ownerPin, TEST_STAFF_PIN]).size).toBe(3)

    const first = await login(app, TEST_STAFF_PIN, 'default')
    const second = await login(app, managerPin!, RIVERSIDE_SLUG)
    // Each manager belongs to one store: the other store does not know their PIN.
    expect((await app.inject({ method: 'POST', url: '/api/staff/session', payload: { pin: managerPin, store: 'default' } })).statusCode).toBe(401)

    const firstTables = await get<Table[]>(app, '/api/staff/tables', first)
    const secondTables = await get<Table[]>(app, '/api/staff/tables', second)
    expect(firstTables.map(table => table.label)).toEqual(DEMO_TABLES.map(table => table.label))
    expect(secondTables.map(table => table.label)).toEqual(RIVERSIDE_RESTAURANT.tables.map(table => table.label))

    const firstMenu = await get<Menu>(app, '/api/menu', first)
    const secondMenu = await get<Menu>(app, '/api/menu', second)
    expect(firstMenu.items).toHaveLength(DEMO_DISHES.length)
    expect(secondMenu.items).toHaveLength(RIVERSIDE_RESTAURANT.dishes.length)
    expect(secondMenu.items.length).toBeLessThan(firstMenu.items.length)
    expect(secondMenu.categories[0]!.names.en).toBe('Noodles & Rice')
    for (const item of secondMenu.items) {
      expect(item.id.startsWith(RIVERSIDE_ID_PREFIX), item.id).toBe(true)
      // The drawing of the demo dish it was made from, which the picture route knows.
      expect(item.image).toBe(`/media/dishes/${item.id.slice(RIVERSIDE_ID_PREFIX.length)}.svg`)
      for (const group of item.optionGroups) {
        expect(group.id.length, group.id).toBeLessThanOrEqual(64)
        for (const option of group.options) expect(option.id.length, option.id).toBeLessThanOrEqual(64)
      }
    }
    const picture = await app.inject({ method: 'GET', url: secondMenu.items[0]!.image! })
    expect(picture.statusCode).toBe(200)
    expect(firstMenu.items.some(item => item.id.startsWith(RIVERSIDE_ID_PREFIX))).toBe(false)

    // The owner logs in to either store with its short name.
    for (const slug of ['default', RIVERSIDE_SLUG]) {
      const session = await get<{ staff: { role: string }, store: { slug: string } }>(app, '/api/staff/session', await login(app, ownerPin!, slug))
      expect(session).toMatchObject({ staff: { role: 'owner' }, store: { slug } })
    }
    expect(await totals(app)).toEqual(SEEDED)
  }, 60_000)

  it('with SECRETS_KEY, the second store keeps the currency and zone it was seeded with as its own sealed settings', async () => {
    const { url } = await freshPgDatabase()
    const key = randomBytes(32)
    const app = await buildTestApp({ DATABASE_URL: url, SECRETS_KEY: key.toString('hex'), STORE_TIMEZONE: 'Asia/Hong_Kong' })
    const riverside = await findStoreBySlug(app.database.db, RIVERSIDE_SLUG)
    expect(riverside!.sealed_settings).toMatch(/^v1\./)
    expect(JSON.parse(open(key, riverside!.sealed_settings!, riverside!.id))).toEqual({ currency: app.config.store.currency, timezone: 'Asia/Hong_Kong' })
  }, 60_000)

  it('seeds once: a restart, even with DEMO_SEED=true, adds nothing and shows no PIN again', async () => {
    const { url } = await freshPgDatabase()
    const first = await buildTestApp({ DATABASE_URL: url })
    expect(await totals(first)).toEqual(SEEDED)
    await first.close()
    for (const env of [{}, { DEMO_SEED: 'true' }] as Array<Record<string, string>>) {
      const again = await buildTestApp({ DATABASE_URL: url, ...env })
      expect(await totals(again)).toEqual(SEEDED)
      expect(pinIn(again.startupNotes, 'every store')).toBeNull()
      expect(pinIn(again.startupNotes, `manager of "${RIVERSIDE_SLUG}"`)).toBeNull()
      await again.close()
    }
  }, 90_000)

  it('three apps starting at once on one database seed the chain once', async () => {
    const { url } = await freshPgDatabase()
    // Migrated and with its first manager beforehand (what a first process leaves): the three then race on the seed only.
    const migrated = await buildTestApp({ DATABASE_URL: url, DEMO_SEED: 'false' })
    await migrated.close()
    const apps = await Promise.all([1, 2, 3].map(async () => buildTestApp({ DATABASE_URL: url, DEMO_SEED: 'true' })))
    expect(apps.filter(app => pinIn(app.startupNotes, 'every store') !== null)).toHaveLength(1)
    expect(await totals(apps[0]!)).toEqual(SEEDED)
    const riverside = (await findStoreBySlug(apps[0]!.database.db, RIVERSIDE_SLUG))!
    const { n } = await forStore(apps[0]!.database.db, riverside.id).selectFrom('staff').select(eb => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    expect(Number(n)).toBe(1)
  }, 90_000)
})
