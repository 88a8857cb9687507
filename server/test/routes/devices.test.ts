// Tablet registration, its own view and pairing-code rotation (docs/architecture.md, "Tablets, pairing and staff sessions").
import { describe, expect, it } from 'vitest'
import { cookieFrom } from '../helper.js'
import { buildEmptyApp, loginStaff, pairedTablet, registerTablet } from '../auth-helpers.js'
import { createTable } from '../../src/repositories/tables.js'
import { DEVICE_COOKIE } from '../../src/lib/cookies.js'
import { sha256 } from '../../src/lib/tokens.js'
import { BODY_LIMIT_BYTES } from '../../src/app.js'
import type { HubEvent } from '../../src/lib/event-hub.js'

describe('POST /api/devices', () => {
  it('registers an unpaired tablet with a 6-digit code and an HttpOnly cookie whose hash alone is stored', async () => {
    const app = await buildEmptyApp()
    const before = Date.now()
    const response = await app.inject({ method: 'POST', url: '/api/devices' })
    expect(response.statusCode).toBe(201)
    const body = response.json()
    expect(body).toEqual({ deviceId: expect.any(String), status: 'unpaired', pairingCode: expect.stringMatching(/^\d{6}$/), pairingExpiresAt: expect.any(String) })
    const ttl = Date.parse(body.pairingExpiresAt) - before
    expect(ttl).toBeGreaterThan(9.9 * 60_000)
    expect(ttl).toBeLessThanOrEqual(10 * 60_000 + 1000)

    const setCookie = String(response.headers['set-cookie'])
    expect(setCookie).toMatch(/HttpOnly/i)
    expect(setCookie).toMatch(/SameSite=Strict/i)
    expect(setCookie).not.toMatch(/Secure/i)
    const token = cookieFrom(response.headers['set-cookie'], DEVICE_COOKIE).split('=')[1]!
    expect(Buffer.from(token, 'base64url')).toHaveLength(32)
    const rows = await app.database.db.selectFrom('devices').selectAll().execute()
    expect(rows).toHaveLength(1)
    expect(rows[0]!.token_hash).toBe(sha256(token))
    expect(JSON.stringify(rows)).not.toContain(token)
  })

  it('marks the cookie Secure when PUBLIC_URL is https', async () => {
    const app = await buildEmptyApp({ PUBLIC_URL: 'https://pad.example.com' })
    const response = await app.inject({ method: 'POST', url: '/api/devices', payload: {} })
    expect(response.statusCode).toBe(201)
    expect(String(response.headers['set-cookie'])).toMatch(/; Secure/i)
  })

  it('keeps the name and app version it is given', async () => {
    const app = await buildEmptyApp()
    const tablet = await registerTablet(app, { name: 'Window tablet', appVersion: '1.2.3' })
    const row = await app.database.db.selectFrom('devices').selectAll().where('id', '=', tablet.deviceId).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ name: 'Window tablet', app_version: '1.2.3', table_id: null })
  })

  it('gives a tablet that posts again with its cookie the same device instead of a duplicate', async () => {
    const app = await buildEmptyApp()
    const tablet = await registerTablet(app)
    const again = await app.inject({ method: 'POST', url: '/api/devices', headers: { cookie: tablet.cookie }, payload: { appVersion: '2.0.0' } })
    expect(again.statusCode).toBe(200)
    expect(again.json()).toMatchObject({ deviceId: tablet.deviceId, status: 'unpaired', pairingCode: tablet.pairingCode })
    expect(cookieFrom(again.headers['set-cookie'], DEVICE_COOKIE)).toBe(tablet.cookie)
    expect(await app.database.db.selectFrom('devices').select('app_version').execute()).toEqual([{ app_version: '2.0.0' }])
  })

  it('answers a paired tablet that posts again with its table', async () => {
    const app = await buildEmptyApp()
    const tablet = await pairedTablet(app, await loginStaff(app))
    const again = await app.inject({ method: 'POST', url: '/api/devices', headers: { cookie: tablet.cookie } })
    expect(again.statusCode).toBe(200)
    expect(again.json()).toMatchObject({ deviceId: tablet.deviceId, status: 'paired', table: { id: tablet.table.id, label: tablet.table.label } })
    expect(again.json().pairingCode).toBeUndefined()
  })

  it('registers a new device when the cookie is forged', async () => {
    const app = await buildEmptyApp()
    const tablet = await registerTablet(app)
    const forged = await app.inject({ method: 'POST', url: '/api/devices', headers: { cookie: `${DEVICE_COOKIE}=${'A'.repeat(43)}` } })
    expect(forged.statusCode).toBe(201)
    expect(forged.json().deviceId).not.toBe(tablet.deviceId)
  })

  it.each([
    ['malformed JSON', { 'content-type': 'application/json' }, '{"name":', 400, 'INVALID_JSON'],
    ['a wrong type', { 'content-type': 'application/json' }, JSON.stringify({ name: 5 }), 400, 'VALIDATION_FAILED'],
    ['an unknown field', { 'content-type': 'application/json' }, JSON.stringify({ tableId: 'tbl_1' }), 400, 'VALIDATION_FAILED'],
    ['an empty name', { 'content-type': 'application/json' }, JSON.stringify({ name: '' }), 400, 'VALIDATION_FAILED'],
    ['a blank name', { 'content-type': 'application/json' }, JSON.stringify({ name: '  ' }), 400, 'VALIDATION_FAILED'],
    ['an oversized body', { 'content-type': 'application/json' }, JSON.stringify({ name: 'x'.repeat(BODY_LIMIT_BYTES) }), 413, 'BODY_TOO_LARGE'],
    ['a form body', { 'content-type': 'text/plain' }, 'name=x', 415, 'UNSUPPORTED_MEDIA_TYPE'],
  ])('refuses %s and creates nothing', async (_case, headers, payload, status, code) => {
    const app = await buildEmptyApp()
    const response = await app.inject({ method: 'POST', url: '/api/devices', headers, payload })
    expect(response.statusCode).toBe(status)
    expect(response.json().code).toBe(code)
    expect(response.headers['set-cookie']).toBeUndefined()
    expect(await app.database.db.selectFrom('devices').selectAll().execute()).toEqual([])
  })

  it('limits registrations per client', async () => {
    const app = await buildEmptyApp()
    for (let i = 0; i < 30; i++) {
      expect((await app.inject({ method: 'POST', url: '/api/devices' })).statusCode).toBe(201)
    }
    const limited = await app.inject({ method: 'POST', url: '/api/devices' })
    expect(limited.statusCode).toBe(429)
    expect(limited.json().code).toBe('RATE_LIMITED')
    const other = await app.inject({ method: 'POST', url: '/api/devices', remoteAddress: '10.0.0.9' })
    expect(other.statusCode).toBe(201)
  })
})

describe('GET /api/devices/me', () => {
  it('shows an unpaired tablet its live code and the store', async () => {
    const app = await buildEmptyApp({ STORE_NAME: 'Noodle Bar', STORE_TIMEZONE: 'Asia/Hong_Kong' })
    const tablet = await registerTablet(app)
    const response = await app.inject({ method: 'GET', url: '/api/devices/me', headers: { cookie: tablet.cookie } })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({
      deviceId: tablet.deviceId,
      name: expect.stringMatching(/^Tablet /),
      status: 'unpaired',
      store: { name: 'Noodle Bar', currency: 'CNY', timezone: 'Asia/Hong_Kong', locales: ['en', 'zh-CN'] },
      pairingCode: tablet.pairingCode,
      pairingExpiresAt: expect.any(String),
    })
  })

  it('issues a fresh code when the old one expired', async () => {
    const app = await buildEmptyApp()
    const tablet = await registerTablet(app)
    await app.db.updateTable('pairing_codes').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).execute()
    const response = await app.inject({ method: 'GET', url: '/api/devices/me', headers: { cookie: tablet.cookie } })
    expect(response.json().pairingCode).toMatch(/^\d{6}$/)
    expect(Date.parse(response.json().pairingExpiresAt)).toBeGreaterThan(Date.now() + 9 * 60_000)
    const live = await app.db.selectFrom('pairing_codes').selectAll().execute()
    expect(live).toEqual([{ code: response.json().pairingCode, device_id: tablet.deviceId, expires_at: response.json().pairingExpiresAt }])
  })

  it('shows a paired tablet its table and no code', async () => {
    const app = await buildEmptyApp()
    const table = await createTable(app.db, { label: 'T7', seats: 2 })
    const tablet = await pairedTablet(app, await loginStaff(app), table)
    const response = await app.inject({ method: 'GET', url: '/api/devices/me', headers: { cookie: tablet.cookie } })
    expect(response.json()).toMatchObject({ status: 'paired', table: { id: table.id, label: 'T7' } })
    expect(response.json()).not.toHaveProperty('pairingCode')
  })

  it("shows a new tablet at once on the console of the database's one store (which lists tablets no store holds)", async () => {
    const app = await buildEmptyApp()
    await app.store.events.settled()
    const heard: HubEvent[] = []
    // The staff stream listens on its store's hub.
    app.store.events.subscribe(event => { heard.push(event) })
    const tablet = await registerTablet(app, { name: 'Bar tablet' })
    await app.store.events.settled()
    const toStaff = heard.find(event => event.event === 'device.changed' && event.audience.kind === 'staff')
    expect(toStaff?.data).toMatchObject({ id: tablet.deviceId, name: 'Bar tablet', status: 'unpaired' })
    expect(toStaff?.storeId).toBe('default')
  })

  it.each([
    ['no cookie', undefined],
    ['a forged cookie', `${DEVICE_COOKIE}=${'B'.repeat(43)}`],
    ['an oversized cookie', `${DEVICE_COOKIE}=${'C'.repeat(500)}`],
  ])('refuses %s with DEVICE_UNKNOWN', async (_case, cookie) => {
    const app = await buildEmptyApp()
    await registerTablet(app)
    const response = await app.inject({ method: 'GET', url: '/api/devices/me', headers: cookie ? { cookie } : {} })
    expect(response.statusCode).toBe(401)
    expect(response.json().code).toBe('DEVICE_UNKNOWN')
  })
})

describe('POST /api/devices/me/pairing-code', () => {
  it('rotates the code: the old one stops pairing, the new one pairs', async () => {
    const app = await buildEmptyApp()
    const staff = await loginStaff(app)
    const table = await createTable(app.db, { label: 'T1' })
    const tablet = await registerTablet(app)
    const rotated = await app.inject({ method: 'POST', url: '/api/devices/me/pairing-code', headers: { cookie: tablet.cookie } })
    expect(rotated.statusCode).toBe(200)
    const fresh = rotated.json<{ pairingCode: string, pairingExpiresAt: string }>()
    expect(fresh.pairingCode).toMatch(/^\d{6}$/)
    expect(await app.db.selectFrom('pairing_codes').select('code').execute()).toEqual([{ code: fresh.pairingCode }])

    if (fresh.pairingCode !== tablet.pairingCode) {
      const old = await app.inject({ method: 'POST', url: '/api/staff/devices/pair', headers: { cookie: staff }, payload: { pairingCode: tablet.pairingCode, tableId: table.id } })
      expect(old.statusCode).toBe(404)
      expect(old.json().code).toBe('PAIRING_CODE_INVALID')
    }
    const paired = await app.inject({ method: 'POST', url: '/api/staff/devices/pair', headers: { cookie: staff }, payload: { pairingCode: fresh.pairingCode, tableId: table.id } })
    expect(paired.statusCode).toBe(200)
    expect(paired.json()).toMatchObject({ id: tablet.deviceId, status: 'paired' })
  })

  it('refuses a paired tablet', async () => {
    const app = await buildEmptyApp()
    const tablet = await pairedTablet(app, await loginStaff(app))
    const response = await app.inject({ method: 'POST', url: '/api/devices/me/pairing-code', headers: { cookie: tablet.cookie } })
    expect(response.statusCode).toBe(409)
    expect(response.json().code).toBe('DEVICE_ALREADY_PAIRED')
    expect(await app.db.selectFrom('pairing_codes').selectAll().execute()).toEqual([])
  })

  it('refuses a body with fields, and a missing cookie', async () => {
    const app = await buildEmptyApp()
    const tablet = await registerTablet(app)
    const withField = await app.inject({ method: 'POST', url: '/api/devices/me/pairing-code', headers: { cookie: tablet.cookie }, payload: { code: '123456' } })
    expect(withField.statusCode).toBe(400)
    expect(withField.json().code).toBe('VALIDATION_FAILED')
    const anonymous = await app.inject({ method: 'POST', url: '/api/devices/me/pairing-code' })
    expect(anonymous.statusCode).toBe(401)
    expect(await app.db.selectFrom('pairing_codes').select('code').execute()).toEqual([{ code: tablet.pairingCode }])
  })
})
