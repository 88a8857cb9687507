// GET /api/menu with two stores in one PostgreSQL database: a tablet's cached copy is confirmed (304) only against
// its own store's current version, so a tablet that moved to another store, or holds another store's tag, gets
// its store's whole menu.
import { describe, expect, it } from 'vitest'
import { forStore } from '../../src/db/store-scope.js'
import { createTable } from '../../src/repositories/tables.js'
import { buildEmptyApp, pairedTablet } from '../auth-helpers.js'
import { addStore, memberSession } from '../fixtures/stores.js'
import type { App } from '../../src/app.js'
import type { Menu } from '#shared/schemas/menu.js'

function getMenu (app: App, cookie: string, ifNoneMatch?: string) {
  return app.inject({ method: 'GET', url: '/api/menu', headers: { cookie, ...(ifNoneMatch ? { 'if-none-match': ifNoneMatch } : {}) } })
}

describe('GET /api/menu with two stores', () => {
  it("answers a store-B tablet holding store A's current tag with B's whole menu, not 304", async () => {
    const app = await buildEmptyApp()
    await addStore(app, 'b')
    const aTablet = await pairedTablet(app, (await memberSession(app, 'default', { pin: '864201' })).cookie)
    const bTable = await createTable(forStore(app.database.db, 'b'), { label: 'B1' })
    const bTablet = await pairedTablet(app, (await memberSession(app, 'b', { pin: '975310' })).cookie, bTable)

    const aMenu = await getMenu(app, aTablet.cookie)
    const aTag = aMenu.headers.etag as string
    expect((await getMenu(app, aTablet.cookie, aTag)).statusCode).toBe(304)
    const bMenu = await getMenu(app, bTablet.cookie)
    expect(bMenu.statusCode).toBe(200)

    const crossed = await getMenu(app, bTablet.cookie, aTag)
    expect(crossed.statusCode).toBe(200)
    expect(crossed.json<Menu>().version).toBe(bMenu.json<Menu>().version)
    expect(crossed.headers.etag).not.toBe(aTag)
    // B's own tag still confirms B's copy.
    expect((await getMenu(app, bTablet.cookie, bMenu.headers.etag as string)).statusCode).toBe(304)
  })
})
