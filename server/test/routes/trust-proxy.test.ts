// Behind a load balancer (TRUST_PROXY): each client keeps its own login-failure budget, keyed on the address the
// balancer forwards; without it, or from a peer it does not name, X-Forwarded-For is ignored.
import { describe, expect, it } from 'vitest'
import { buildEmptyApp, loginStaff } from '../auth-helpers.js'
import { LOGIN_FAILURES_PER_MINUTE } from '../../src/routes/api/staff/session/index.js'
import type { App } from '../../src/app.js'
import type { StaffLockout } from '#shared/schemas/staff.js'

/** Where app.inject's requests come from: the balancer, as the server sees it. */
const BALANCER = '127.0.0.1'
const GUESSER = '203.0.113.7'
const COLLEAGUE = '198.51.100.9'

function wrongPin (app: App, client: string, remoteAddress = BALANCER) {
  return app.inject({
    method: 'POST', url: '/api/staff/session', payload: { pin: '000000' }, remoteAddress,
    headers: { 'x-forwarded-for': client },
  })
}

async function useUpBudget (app: App, client: string, remoteAddress = BALANCER): Promise<void> {
  for (let i = 0; i < LOGIN_FAILURES_PER_MINUTE; i++) expect((await wrongPin(app, client, remoteAddress)).statusCode).toBe(401)
  expect((await wrongPin(app, client, remoteAddress)).statusCode).toBe(429)
}

describe('TRUST_PROXY', () => {
  it('gives two clients behind a trusted balancer separate login-failure budgets, keyed on their own addresses', async () => {
    const app = await buildEmptyApp({ TRUST_PROXY: BALANCER })
    await useUpBudget(app, GUESSER)
    expect((await wrongPin(app, COLLEAGUE)).statusCode).toBe(401)

    // The lockout a manager sees (and lifts) is the guesser's, not the balancer's.
    const manager = await loginStaff(app)
    const listed = await app.inject({ method: 'GET', url: '/api/staff/lockouts', headers: { cookie: manager } })
    expect(listed.json<StaffLockout[]>().map(lockout => lockout.address)).toEqual([GUESSER])
  })

  it('ignores X-Forwarded-For when unset: every client behind the balancer shares its one budget', async () => {
    const app = await buildEmptyApp()
    await useUpBudget(app, GUESSER)
    expect((await wrongPin(app, COLLEAGUE)).statusCode).toBe(429)
  })

  it('ignores X-Forwarded-For from a peer outside the trusted ranges, so a client cannot claim a fresh address', async () => {
    const app = await buildEmptyApp({ TRUST_PROXY: '10.0.0.0/8' })
    await useUpBudget(app, GUESSER, '192.0.2.50')
    expect((await wrongPin(app, COLLEAGUE, '192.0.2.50')).statusCode).toBe(429)
  })

  it('takes, with a hop count, the address the balancer appended, not one the client wrote before it', async () => {
    const app = await buildEmptyApp({ TRUST_PROXY: '1' })
    // The guesser writes a fresh address of its own each time; the balancer appends the one it saw.
    for (let i = 0; i < LOGIN_FAILURES_PER_MINUTE; i++) expect((await wrongPin(app, `10.9.9.${i}, ${GUESSER}`)).statusCode).toBe(401)
    expect((await wrongPin(app, `10.9.9.99, ${GUESSER}`)).statusCode).toBe(429)
    expect((await wrongPin(app, COLLEAGUE)).statusCode).toBe(401)
  })
})
