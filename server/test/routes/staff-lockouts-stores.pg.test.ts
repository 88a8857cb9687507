// /api/staff/lockouts with two stores: the lockouts are the whole database's (by client address, whichever store's
// login failed), so only the chain's owner lists and lifts them; a store's manager may not (OWNER_ONLY).
import { describe, expect, it } from 'vitest'
import { buildEmptyApp } from '../auth-helpers.js'
import { LOGIN_FAILURES_PER_MINUTE } from '../../src/routes/api/staff/session/index.js'
import { addStore, memberSession, ownerSession } from '../fixtures/stores.js'
import type { StaffLockout } from '#shared/schemas/staff.js'

const OTHER_RESTAURANT = '192.168.7.40'

describe('/api/staff/lockouts with two stores', () => {
  it("keeps other restaurants' lockouts from a store's manager and lets the owner list and lift them", async () => {
    const app = await buildEmptyApp()
    await addStore(app, 'b')
    const manager = await memberSession(app, 'default', { pin: '864201' })
    const owner = await ownerSession(app, 'default', '555777')
    for (let i = 0; i < LOGIN_FAILURES_PER_MINUTE; i++) {
      const wrong = await app.inject({ method: 'POST', url: '/api/staff/session', payload: { pin: `00000${i}`, store: 'store-b' }, remoteAddress: OTHER_RESTAURANT })
      expect(wrong.statusCode).toBe(401)
    }

    const asManager = await app.inject({ method: 'GET', url: '/api/staff/lockouts', headers: { cookie: manager.cookie } })
    expect(asManager.statusCode).toBe(403)
    expect(asManager.json().code).toBe('OWNER_ONLY')
    const lift = { method: 'DELETE' as const, url: `/api/staff/lockouts/${OTHER_RESTAURANT}` }
    expect((await app.inject({ ...lift, headers: { cookie: manager.cookie } })).json().code).toBe('OWNER_ONLY')

    const asOwner = await app.inject({ method: 'GET', url: '/api/staff/lockouts', headers: { cookie: owner.cookie } })
    expect(asOwner.json<StaffLockout[]>().map(lockout => lockout.address)).toEqual([OTHER_RESTAURANT])
    expect((await app.inject({ ...lift, headers: { cookie: owner.cookie } })).statusCode).toBe(204)
  })
})
