// POST /api/staff/session with two stores: the tablet's staff PIN panel names no store, so a login typed on a
// paired tablet is for the tablet's store; elsewhere a login without a store is still refused (STORE_REQUIRED).
import { describe, expect, it } from 'vitest'
import { forStore } from '../../src/db/store-scope.js'
import { createTable } from '../../src/repositories/tables.js'
import { buildEmptyApp, pairedTablet, registerTablet } from '../auth-helpers.js'
import { addStore, memberSession } from '../fixtures/stores.js'

describe('POST /api/staff/session on a paired tablet, with two stores', () => {
  it("logs a PIN without a store in to the tablet's store, and only that store's staff", async () => {
    const app = await buildEmptyApp()
    await addStore(app, 'b')
    const bManager = await memberSession(app, 'b', { pin: '975310' })
    await memberSession(app, 'default', { pin: '864201' })
    const bTablet = await pairedTablet(app, bManager.cookie, await createTable(forStore(app.database.db, 'b'), { label: 'B1' }))
    const login = (pin: string, cookie?: string) =>
      app.inject({ method: 'POST', url: '/api/staff/session', headers: cookie ? { cookie } : {}, payload: { pin } })

    const onTablet = await login('975310', bTablet.cookie)
    expect(onTablet.statusCode, onTablet.body).toBe(200)
    expect(onTablet.json()).toMatchObject({ staff: { id: bManager.id }, store: { id: 'b', slug: 'store-b' } })
    // Store A's manager is not B's staff.
    expect((await login('864201', bTablet.cookie)).json().code).toBe('INVALID_PIN')

    // Without a paired tablet's cookie the store must still be named.
    const elsewhere = await login('975310')
    expect(elsewhere.statusCode).toBe(400)
    expect(elsewhere.json().code).toBe('STORE_REQUIRED')
    const unpaired = await registerTablet(app)
    expect((await login('975310', unpaired.cookie)).json().code).toBe('STORE_REQUIRED')
  })
})
