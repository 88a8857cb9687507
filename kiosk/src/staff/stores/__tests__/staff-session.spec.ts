// The console's session: who is logged in, and the store the session answer names (its name, currency and
// timezone), which the reports need before any of them answers.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { createMockServer, type MockServer } from '@/__tests__/support'
import { MANAGER, STORE } from '@/staff/components/__tests__/staff-support'
import { useStaffSessionStore } from '../staff-session'

const TOKYO = { name: 'Ramen Bar', currency: 'JPY', timezone: 'Asia/Tokyo' }

describe('useStaffSessionStore', () => {
  let server: MockServer

  beforeEach(() => {
    setActivePinia(createPinia())
    server = createMockServer()
    server.on('DELETE /api/staff/session', () => ({ status: 204 }))
    vi.stubGlobal('fetch', server.fetch)
  })

  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('knows the store from a restored session', async () => {
    server.on('GET /api/staff/session', () => ({ status: 200, body: { staff: MANAGER, store: TOKYO } }))
    const session = useStaffSessionStore()
    expect(session.store).toBeNull()
    await session.restore()
    expect([session.member, session.store]).toEqual([MANAGER, TOKYO])
  })

  it('knows the store from a login, and keeps it after logout (it is the store\'s, not the member\'s)', async () => {
    server.on('POST /api/staff/session', () => ({ status: 200, body: { staff: MANAGER, store: STORE } }))
    const session = useStaffSessionStore()
    await session.logIn('246810')
    expect(session.store).toEqual(STORE)
    await session.logOut()
    expect([session.member, session.store]).toEqual([null, STORE])
  })
})
