// Two server processes (two apps) on one PostgreSQL database, as behind a load balancer without sticky sessions:
// they share the login lockouts (and a manager's lift), the pairing-code lockout, each route's request budget,
// and every uploaded picture.
import { createHash } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { TEST_STAFF_PIN, buildTestApp } from '../helper.js'
import { loginStaff, registerTablet } from '../auth-helpers.js'
import { freshPgDatabase } from '../pg.js'
import { ownerSession } from '../fixtures/stores.js'
import { createTable } from '../../src/repositories/tables.js'
import { LOGIN_FAILURES_PER_MINUTE } from '../../src/routes/api/staff/session/index.js'
import { PAIRING_FAILURES_PER_MINUTE } from '../../src/routes/api/staff/devices/index.js'
import type { App } from '../../src/app.js'
import type { StaffLockout } from '#shared/schemas/staff.js'

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')

let databaseUrl: string

beforeAll(async () => {
  databaseUrl = (await freshPgDatabase()).url
})

/** Process A and process B: each its own app, pool and data folder, one database (migrated and seeded by A). */
async function twoProcesses (): Promise<[App, App]> {
  const a = await buildTestApp({ DATABASE_URL: databaseUrl })
  const b = await buildTestApp({ DATABASE_URL: databaseUrl })
  return [a, b]
}

function login (app: App, pin: string, remoteAddress: string) {
  // The demo on PostgreSQL is two stores: a login names its store.
  return app.inject({ method: 'POST', url: '/api/staff/session', payload: { pin, store: 'default' }, remoteAddress })
}

describe('two processes on one PostgreSQL database', () => {
  it('share a login lockout: wrong PINs on A block B, and the owner lifting it on B frees A', async () => {
    const [a, b] = await twoProcesses()
    const kitchen = '10.1.0.1'
    for (let i = 0; i < LOGIN_FAILURES_PER_MINUTE; i++) {
      expect((await login(i % 2 === 0 ? a : b, `00000${i}`, kitchen)).statusCode).toBe(401)
    }
    const blocked = await login(b, TEST_STAFF_PIN, kitchen)
    expect(blocked.statusCode).toBe(429)
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0)
    expect((await login(a, TEST_STAFF_PIN, kitchen)).statusCode).toBe(429)

    // The demo on PostgreSQL is a chain of two stores, where login lockouts (kept for the whole server) are the owner's.
    const { cookie: manager } = await ownerSession(b, 'default', '73519246')
    const listed = await b.inject({ method: 'GET', url: '/api/staff/lockouts', headers: { cookie: manager } })
    expect(listed.json<StaffLockout[]>()).toEqual([
      { address: kitchen, failures: LOGIN_FAILURES_PER_MINUTE, retryAfterS: expect.any(Number), thisDevice: false },
    ])
    expect((await b.inject({ method: 'DELETE', url: `/api/staff/lockouts/${kitchen}`, headers: { cookie: manager } })).statusCode).toBe(204)
    expect((await a.inject({ method: 'GET', url: '/api/staff/lockouts', headers: { cookie: manager } })).json()).toEqual([])
    expect((await login(a, TEST_STAFF_PIN, kitchen)).statusCode).toBe(200)
    // Lifted once: a second lift, on either process, finds nothing.
    expect((await a.inject({ method: 'DELETE', url: `/api/staff/lockouts/${kitchen}`, headers: { cookie: manager } })).statusCode).toBe(404)
  })

  it('share the pairing-code lockout', async () => {
    const [a, b] = await twoProcesses()
    const manager = await loginStaff(a)
    const tablet = await registerTablet(a)
    const table = await createTable(a.db, { label: 'Pairing lockout' })
    const pair = (app: App, pairingCode: string) => app.inject({
      method: 'POST', url: '/api/staff/devices/pair', headers: { cookie: manager }, remoteAddress: '10.1.0.2',
      payload: { pairingCode, tableId: table.id },
    })
    const wrong = tablet.pairingCode === '000000' ? '000001' : '000000'
    for (let i = 0; i < PAIRING_FAILURES_PER_MINUTE; i++) expect((await pair(i % 2 === 0 ? a : b, wrong)).statusCode).toBe(404)
    expect((await pair(b, tablet.pairingCode)).statusCode).toBe(429)
    expect((await pair(a, tablet.pairingCode)).statusCode).toBe(429)
  })

  it('share a route\'s request budget: the 30 registrations a minute are counted across both', async () => {
    const [a, b] = await twoProcesses()
    const register = (app: App) => app.inject({ method: 'POST', url: '/api/devices', remoteAddress: '10.1.0.3' })
    for (let i = 0; i < 15; i++) expect((await register(a)).statusCode).toBe(201)
    const onB = await register(b)
    expect(onB.statusCode).toBe(201)
    expect(onB.headers['x-ratelimit-remaining']).toBe('14')
    for (let i = 0; i < 14; i++) expect((await register(i % 2 === 0 ? a : b)).statusCode).toBe(201)
    const refused = await register(a)
    expect(refused.statusCode).toBe(429)
    expect(refused.json()).toMatchObject({ code: 'RATE_LIMITED' })
    expect((await register(b)).statusCode).toBe(429)
    // Another client, and another limited route, have budgets of their own.
    expect((await b.inject({ method: 'POST', url: '/api/devices', remoteAddress: '10.1.0.4' })).statusCode).toBe(201)
    expect((await login(b, '000000', '10.1.0.3')).statusCode).toBe(401)
  })

  it('serve a picture uploaded through A from B, with the same caching headers', async () => {
    const [a, b] = await twoProcesses()
    const manager = await loginStaff(a)
    const uploaded = await a.inject({
      method: 'PUT', url: '/api/staff/menu/items/dish_mapo_tofu/image', headers: { cookie: manager, 'content-type': 'image/png' }, payload: PNG,
    })
    expect(uploaded.statusCode, uploaded.body).toBe(200)
    const hash = createHash('sha256').update(PNG).digest('hex')
    const image = uploaded.json<{ image: string }>().image
    expect(image).toBe(`/media/uploads/${hash}.png`)

    const served = await b.inject({ method: 'GET', url: image })
    expect(served.statusCode).toBe(200)
    expect(served.rawPayload.equals(PNG)).toBe(true)
    expect(served.headers).toMatchObject({
      'content-type': 'image/png',
      'cache-control': 'public, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
      etag: `"${hash}"`,
    })
    expect((await b.inject({ method: 'GET', url: image, headers: { 'if-none-match': `"${hash}"` } })).statusCode).toBe(304)
    // The same hash under another type's name is not a picture we have.
    expect((await b.inject({ method: 'GET', url: `/media/uploads/${hash}.jpg` })).statusCode).toBe(404)
  })
})
