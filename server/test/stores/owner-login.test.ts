// A single restaurant (SQLite, one store) with a chain owner: nobody types a store; the owner logs in with manager
// rights, reads the one store, and cannot add a second one (that needs PostgreSQL).
import { describe, expect, it } from 'vitest'
import { TEST_DATABASE, TEST_STAFF_PIN, cookieFrom } from '../helper.js'
import { buildEmptyApp, loginStaff } from '../auth-helpers.js'
import { STAFF_COOKIE } from '../../src/lib/cookies.js'
import { createOwner } from '../../src/repositories/staff.js'
import type { App } from '../../src/app.js'

const OWNER_PIN = '975310'

async function ownerApp (): Promise<App> {
  const app = await buildEmptyApp()
  await createOwner(app.database.db, { name: 'Mei', pin: OWNER_PIN })
  return app
}

describe('staff login with one store', () => {
  it('needs no store: a manager and the owner log in with their PIN alone, both in the default store', async () => {
    const app = await ownerApp()
    for (const [pin, role] of [[TEST_STAFF_PIN, 'manager'], [OWNER_PIN, 'owner']]) {
      const response = await app.inject({ method: 'POST', url: '/api/staff/session', payload: { pin } })
      expect(response.statusCode, response.body).toBe(200)
      expect(response.json()).toMatchObject({ staff: { role }, store: { id: 'default', slug: 'default' } })
    }
  })

  it('takes the store\'s short name in any case, and answers STORE_NOT_FOUND for an unknown one', async () => {
    const app = await ownerApp()
    const named = await app.inject({ method: 'POST', url: '/api/staff/session', payload: { pin: OWNER_PIN, store: 'Default' } })
    expect(named.statusCode, named.body).toBe(200)
    const unknown = await app.inject({ method: 'POST', url: '/api/staff/session', payload: { pin: OWNER_PIN, store: 'harbour' } })
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json().code).toBe('STORE_NOT_FOUND')
  })

  it('gives the owner a manager\'s rights in the store but never lists the owner among its staff', async () => {
    const app = await ownerApp()
    const owner = await loginStaff(app, OWNER_PIN)
    const members = await app.inject({ method: 'GET', url: '/api/staff/members', headers: { cookie: owner } })
    expect(members.statusCode).toBe(200)
    expect(members.json().map((member: { role: string }) => member.role)).toEqual(['manager'])
    const added = await app.inject({ method: 'POST', url: '/api/staff/members', headers: { cookie: owner }, payload: { name: 'Ana', role: 'staff', pin: '135790' } })
    expect(added.statusCode, added.body).toBe(201)
  })

  it('makes no owner through the staff API', async () => {
    const app = await ownerApp()
    const owner = await loginStaff(app, OWNER_PIN)
    const response = await app.inject({ method: 'POST', url: '/api/staff/members', headers: { cookie: owner }, payload: { name: 'Bo', role: 'owner', pin: '135790' } })
    expect(response.statusCode).toBe(400)
  })

  it('lets only an owner switch stores (OWNER_ONLY), to a store that exists (STORE_NOT_FOUND)', async () => {
    const app = await ownerApp()
    const manager = await loginStaff(app)
    const refused = await app.inject({ method: 'PUT', url: '/api/staff/session/store', headers: { cookie: manager }, payload: { storeId: 'default' } })
    expect(refused.statusCode).toBe(403)
    expect(refused.json().code).toBe('OWNER_ONLY')
    const owner = await loginStaff(app, OWNER_PIN)
    const unknown = await app.inject({ method: 'PUT', url: '/api/staff/session/store', headers: { cookie: owner }, payload: { storeId: 'sto_nowhere' } })
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json().code).toBe('STORE_NOT_FOUND')
    const same = await app.inject({ method: 'PUT', url: '/api/staff/session/store', headers: { cookie: owner }, payload: { storeId: 'default' } })
    expect(same.statusCode, same.body).toBe(200)
    expect(same.json().store.id).toBe('default')
  })

  it('logs an owner out like anyone', async () => {
    const app = await ownerApp()
    const response = await app.inject({ method: 'POST', url: '/api/staff/session', payload: { pin: OWNER_PIN } })
    const cookie = cookieFrom(response.headers['set-cookie'], STAFF_COOKIE)
    expect((await app.inject({ method: 'DELETE', url: '/api/staff/session', headers: { cookie } })).statusCode).toBe(204)
    expect((await app.inject({ method: 'GET', url: '/api/staff/session', headers: { cookie } })).statusCode).toBe(401)
  })
})

// On PostgreSQL (TEST_DATABASE=postgres) a second store is allowed: stores.pg.test.ts covers that side.
describe.skipIf(TEST_DATABASE === 'postgres')('/api/stores on SQLite', () => {
  it('lists the one store to its staff and to the owner, with no secret', async () => {
    const app = await ownerApp()
    for (const cookie of [await loginStaff(app), await loginStaff(app, OWNER_PIN)]) {
      const response = await app.inject({ method: 'GET', url: '/api/stores', headers: { cookie } })
      expect(response.statusCode).toBe(200)
      expect(response.json()).toEqual([{
        id: 'default',
        slug: 'default',
        name: app.config.store.name,
        currency: 'CNY',
        timezone: 'Asia/Shanghai',
        paymentMode: 'pay-first',
        alipay: { configured: false, appId: app.config.alipay.appId, mode: 'sandbox-local' },
      }])
    }
  })

  it('refuses a second store (STORES_NEED_POSTGRES) to the owner, and any store to a manager (OWNER_ONLY)', async () => {
    const app = await ownerApp()
    const payload = { slug: 'harbour', name: 'Harbour' }
    const byOwner = await app.inject({ method: 'POST', url: '/api/stores', headers: { cookie: await loginStaff(app, OWNER_PIN) }, payload })
    expect(byOwner.statusCode).toBe(409)
    expect(byOwner.json().code).toBe('STORES_NEED_POSTGRES')
    const byManager = await app.inject({ method: 'POST', url: '/api/stores', headers: { cookie: await loginStaff(app) }, payload })
    expect(byManager.statusCode).toBe(403)
    expect(byManager.json().code).toBe('OWNER_ONLY')
  })

  it('lets a manager rename their store, but change nothing else (OWNER_ONLY)', async () => {
    const app = await ownerApp()
    const manager = await loginStaff(app)
    const renamed = await app.inject({ method: 'PATCH', url: '/api/stores/default', headers: { cookie: manager }, payload: { name: 'Lotus Garden East' } })
    expect(renamed.statusCode, renamed.body).toBe(200)
    expect(renamed.json().name).toBe('Lotus Garden East')
    const session = await app.inject({ method: 'GET', url: '/api/staff/session', headers: { cookie: manager } })
    expect(session.json().store.name).toBe('Lotus Garden East')
    const currency = await app.inject({ method: 'PATCH', url: '/api/stores/default', headers: { cookie: manager }, payload: { timezone: 'Asia/Tokyo' } })
    expect(currency.statusCode).toBe(403)
    expect(currency.json().code).toBe('OWNER_ONLY')
  })

  it('refuses the store\'s own settings without SECRETS_KEY (SECRETS_KEY_MISSING) and a zone nobody knows', async () => {
    const app = await ownerApp()
    const owner = await loginStaff(app, OWNER_PIN)
    const unsealed = await app.inject({ method: 'PATCH', url: '/api/stores/default', headers: { cookie: owner }, payload: { timezone: 'Asia/Tokyo' } })
    expect(unsealed.statusCode).toBe(409)
    expect(unsealed.json().code).toBe('SECRETS_KEY_MISSING')
    const unknown = await app.inject({ method: 'PATCH', url: '/api/stores/default', headers: { cookie: owner }, payload: { timezone: 'Mars/Olympus' } })
    expect(unknown.statusCode).toBe(400)
  })
})
