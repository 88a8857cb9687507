// A manager lets a colleague locked out by wrong PINs in at once; other staff may not (docs/architecture.md, "Security": login limits).
import { describe, expect, it } from 'vitest'
import { TEST_STAFF_PIN } from '../helper.js'
import { addStaff, buildEmptyApp, loginStaff } from '../auth-helpers.js'
import { LOGIN_FAILURES_PER_MINUTE } from '../../src/routes/api/staff/session/index.js'
import type { App } from '../../src/app.js'
import type { StaffLockout } from '#shared/schemas/staff.js'

const KITCHEN = '192.168.1.23'
const COLLEAGUE_PIN = '135791'

function login (app: App, pin: string, remoteAddress = KITCHEN) {
  return app.inject({ method: 'POST', url: '/api/staff/session', payload: { pin }, remoteAddress })
}

async function lockOut (app: App): Promise<void> {
  for (let i = 0; i < LOGIN_FAILURES_PER_MINUTE; i++) expect((await login(app, `00000${i}`)).statusCode).toBe(401)
  expect((await login(app, COLLEAGUE_PIN)).statusCode).toBe(429)
}

describe('/api/staff/lockouts', () => {
  it('lists a locked-out address and lifts it for a manager; the right PIN then works', async () => {
    const app = await buildEmptyApp()
    const manager = await loginStaff(app)
    await addStaff(app, { name: 'Li', role: 'staff', pin: COLLEAGUE_PIN })
    await lockOut(app)

    const listed = await app.inject({ method: 'GET', url: '/api/staff/lockouts', headers: { cookie: manager } })
    expect(listed.statusCode).toBe(200)
    expect(listed.json<StaffLockout[]>()).toEqual([
      { address: KITCHEN, failures: LOGIN_FAILURES_PER_MINUTE, retryAfterS: expect.any(Number), thisDevice: false },
    ])

    const lifted = await app.inject({ method: 'DELETE', url: `/api/staff/lockouts/${KITCHEN}`, headers: { cookie: manager } })
    expect(lifted.statusCode).toBe(204)
    expect((await login(app, COLLEAGUE_PIN)).statusCode).toBe(200)
    const after = await app.inject({ method: 'GET', url: '/api/staff/lockouts', headers: { cookie: manager } })
    expect(after.json()).toEqual([])
  })

  it('marks the manager\'s own address, and answers 404 for an address that is not locked out', async () => {
    const app = await buildEmptyApp()
    const manager = await loginStaff(app)
    for (let i = 0; i < LOGIN_FAILURES_PER_MINUTE; i++) await login(app, `00000${i}`, '127.0.0.1')
    const listed = await app.inject({ method: 'GET', url: '/api/staff/lockouts', headers: { cookie: manager } })
    expect(listed.json<StaffLockout[]>()).toMatchObject([{ address: '127.0.0.1', thisDevice: true }])
    // IPv6 addresses travel URL-encoded.
    const ipv6 = '::ffff:10.0.0.5'
    for (let i = 0; i < LOGIN_FAILURES_PER_MINUTE; i++) await login(app, `00000${i}`, ipv6)
    const liftedV6 = await app.inject({ method: 'DELETE', url: `/api/staff/lockouts/${encodeURIComponent(ipv6)}`, headers: { cookie: manager } })
    expect(liftedV6.statusCode).toBe(204)
    const unknown = await app.inject({ method: 'DELETE', url: '/api/staff/lockouts/10.0.0.99', headers: { cookie: manager } })
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json().code).toBe('NOT_FOUND')
  })

  it('refuses staff without the manager role with STAFF_FORBIDDEN and keeps the lockout', async () => {
    const app = await buildEmptyApp()
    const { cookie: staff } = await addStaff(app, { name: 'Ana', role: 'staff', pin: '975310' })
    await addStaff(app, { name: 'Li', role: 'staff', pin: COLLEAGUE_PIN })
    await lockOut(app)
    for (const request of [
      { method: 'GET' as const, url: '/api/staff/lockouts' },
      { method: 'DELETE' as const, url: `/api/staff/lockouts/${KITCHEN}` },
    ]) {
      const response = await app.inject({ ...request, headers: { cookie: staff } })
      expect(response.statusCode).toBe(403)
      expect(response.json().code).toBe('STAFF_FORBIDDEN')
    }
    expect((await app.inject({ method: 'GET', url: '/api/staff/lockouts' })).statusCode).toBe(401)
    expect((await login(app, COLLEAGUE_PIN)).statusCode).toBe(429)
    expect((await login(app, TEST_STAFF_PIN)).statusCode).toBe(429)
  })
})
