// Staff login by PIN, the session cookie, logout, and the limit on wrong PINs (docs/architecture.md, "Security").
import { describe, expect, it } from 'vitest'
import { TEST_STAFF_PIN, cookieFrom } from '../helper.js'
import { addStaff, buildEmptyApp, loginStaff } from '../auth-helpers.js'
import { STAFF_COOKIE } from '../../src/lib/cookies.js'
import { sha256 } from '../../src/lib/tokens.js'
import { LOGIN_FAILURES_PER_MINUTE } from '../../src/routes/api/staff/session/index.js'

const login = (pin: unknown) => ({ method: 'POST' as const, url: '/api/staff/session', payload: { pin } })

describe('POST /api/staff/session', () => {
  it('logs the first manager in with STAFF_PIN and stores only the hash of the session token', async () => {
    const app = await buildEmptyApp()
    const response = await app.inject(login(TEST_STAFF_PIN))
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({
      staff: { id: expect.any(String), name: 'Manager', role: 'manager' },
      store: { id: 'default', slug: 'default', name: app.config.store.name, currency: 'CNY', timezone: 'Asia/Shanghai' },
    })
    const setCookie = String(response.headers['set-cookie'])
    expect(setCookie).toMatch(/HttpOnly/i)
    expect(setCookie).toMatch(/SameSite=Strict/i)
    expect(setCookie).toMatch(/Max-Age=43200/)
    const token = cookieFrom(response.headers['set-cookie'], STAFF_COOKIE).split('=')[1]!
    const sessions = await app.db.selectFrom('staff_sessions').selectAll().execute()
    expect(sessions).toHaveLength(1)
    expect(sessions[0]!.token_hash).toBe(sha256(token))
    const hours = (Date.parse(sessions[0]!.expires_at) - Date.parse(sessions[0]!.created_at)) / 3_600_000
    expect(hours).toBe(12)
  })

  it('stores PINs as salted scrypt hashes', async () => {
    const app = await buildEmptyApp()
    await addStaff(app, { name: 'Ana', role: 'staff', pin: TEST_STAFF_PIN.split('').reverse().join('') })
    const hashes = (await app.db.selectFrom('staff').select('pin_hash').execute()).map(row => row.pin_hash)
    for (const hash of hashes) expect(hash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/)
    expect(hashes.join()).not.toContain(TEST_STAFF_PIN)
    expect(new Set(hashes.map(hash => hash.split('$')[4])).size).toBe(2)
  })

  it('refuses a wrong PIN with INVALID_PIN', async () => {
    const app = await buildEmptyApp()
    const response = await app.inject(login('000000'))
    expect(response.statusCode).toBe(401)
    expect(response.json().code).toBe('INVALID_PIN')
    expect(response.headers['set-cookie']).toBeUndefined()
  })

  it.each([
    ['a number', 246810],
    ['too few digits', '123'],
    ['letters', 'abcdef'],
    ['an array', ['246810']],
  ])('refuses a PIN that is %s', async (_case, pin) => {
    const app = await buildEmptyApp()
    const response = await app.inject(login(pin))
    expect(response.statusCode).toBe(400)
    expect(response.json().code).toBe('VALIDATION_FAILED')
  })

  it('refuses unknown fields and malformed JSON', async () => {
    const app = await buildEmptyApp()
    const extra = await app.inject({ method: 'POST', url: '/api/staff/session', payload: { pin: TEST_STAFF_PIN, role: 'manager' } })
    expect(extra.statusCode).toBe(400)
    const broken = await app.inject({ method: 'POST', url: '/api/staff/session', headers: { 'content-type': 'application/json' }, payload: '{"pin": 2468' })
    expect(broken.statusCode).toBe(400)
    expect(broken.json().code).toBe('INVALID_JSON')
  })

  it(`blocks a client after ${LOGIN_FAILURES_PER_MINUTE} wrong PINs, even with the right PIN or a broken body`, async () => {
    const app = await buildEmptyApp()
    for (let i = 0; i < LOGIN_FAILURES_PER_MINUTE; i++) {
      expect((await app.inject(login(`11111${i}`))).statusCode).toBe(401)
    }
    const right = await app.inject(login(TEST_STAFF_PIN))
    expect(right.statusCode).toBe(429)
    expect(right.json().code).toBe('RATE_LIMITED')
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0)
    const broken = await app.inject({ method: 'POST', url: '/api/staff/session', headers: { 'content-type': 'application/json' }, payload: '{' })
    expect(broken.statusCode).toBe(429)
    // Another client is not affected.
    expect((await app.inject({ ...login(TEST_STAFF_PIN), remoteAddress: '10.1.2.3' })).statusCode).toBe(200)
  })

  it('does not forgive wrong PINs after a right one', async () => {
    const app = await buildEmptyApp()
    for (let i = 0; i < LOGIN_FAILURES_PER_MINUTE - 1; i++) await app.inject(login('999999'))
    expect((await app.inject(login(TEST_STAFF_PIN))).statusCode).toBe(200)
    expect((await app.inject(login('999999'))).statusCode).toBe(401)
    expect((await app.inject(login(TEST_STAFF_PIN))).statusCode).toBe(429)
  })
})

describe('GET and DELETE /api/staff/session', () => {
  it('answers who is logged in, and the store\'s name, currency and time zone (the console\'s reports need them)', async () => {
    const app = await buildEmptyApp({ STORE_NAME: 'Noodle Bar', STORE_CURRENCY: 'JPY', ALIPAY_PROTOCOL: 'global', STORE_TIMEZONE: 'Asia/Tokyo' })
    const cookie = await loginStaff(app)
    const response = await app.inject({ method: 'GET', url: '/api/staff/session', headers: { cookie } })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({
      staff: { id: expect.any(String), name: 'Manager', role: 'manager' },
      store: { id: 'default', slug: 'default', name: 'Noodle Bar', currency: 'JPY', timezone: 'Asia/Tokyo' },
    })
  })

  it.each([
    ['no cookie', undefined],
    ['a forged cookie', `${STAFF_COOKIE}=${'x'.repeat(43)}`],
  ])('answers 401 STAFF_UNAUTHENTICATED for %s', async (_case, cookie) => {
    const app = await buildEmptyApp()
    await loginStaff(app)
    const response = await app.inject({ method: 'GET', url: '/api/staff/session', headers: cookie ? { cookie } : {} })
    expect(response.statusCode).toBe(401)
    expect(response.json().code).toBe('STAFF_UNAUTHENTICATED')
  })

  it('refuses an expired session', async () => {
    const app = await buildEmptyApp()
    const cookie = await loginStaff(app)
    await app.db.updateTable('staff_sessions').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).execute()
    const response = await app.inject({ method: 'GET', url: '/api/staff/session', headers: { cookie } })
    expect(response.statusCode).toBe(401)
  })

  it('logs out: the cookie is cleared and the session no longer works', async () => {
    const app = await buildEmptyApp()
    const cookie = await loginStaff(app)
    const other = await loginStaff(app)
    const response = await app.inject({ method: 'DELETE', url: '/api/staff/session', headers: { cookie } })
    expect(response.statusCode).toBe(204)
    expect(String(response.headers['set-cookie'])).toMatch(new RegExp(`^${STAFF_COOKIE}=;`))
    expect((await app.inject({ method: 'GET', url: '/api/staff/session', headers: { cookie } })).statusCode).toBe(401)
    // Only that session ended.
    expect((await app.inject({ method: 'GET', url: '/api/staff/session', headers: { cookie: other } })).statusCode).toBe(200)
    // Logging out again, or without a session, is harmless.
    expect((await app.inject({ method: 'DELETE', url: '/api/staff/session', headers: { cookie } })).statusCode).toBe(204)
    expect((await app.inject({ method: 'DELETE', url: '/api/staff/session' })).statusCode).toBe(204)
  })
})
