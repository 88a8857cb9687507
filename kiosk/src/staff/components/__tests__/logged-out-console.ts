// The console before anyone logged in, for the login specs: a server that knows no session, and the console mounted
// on its PIN screen.
import { expect, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import { FakeEventSource, createMockServer, type MockServer } from '@/__tests__/support'
import { useStaffSessionStore } from '@/staff/stores/staff-session'
import StaffView from '@/staff/StaffView.vue'
import { loggedIn, mountStaff } from './staff-support'

/** A server with no session for this browser (and nothing on the board behind the login), as fetch and EventSource. */
export function loggedOutServer (): MockServer {
  const server = createMockServer()
  server.on('GET /api/staff/session', () => ({ status: 401, body: { code: 'STAFF_UNAUTHENTICATED', message: 'Staff login required' } }))
  server.on('GET /api/staff/orders', () => ({ status: 200, body: [] }))
  server.on('GET /api/staff/alerts', () => ({ status: 200, body: { alerts: [], nextCursor: null } }))
  vi.stubGlobal('fetch', server.fetch)
  vi.stubGlobal('EventSource', FakeEventSource)
  FakeEventSource.instances = []
  return server
}

/** The console, once it has found out nobody is logged in: its PIN screen. */
export async function openLoggedOutConsole (): Promise<VueWrapper> {
  const pinia = loggedIn(null)
  useStaffSessionStore().checked = false
  const { wrapper } = await mountStaff(StaffView, { pinia })
  await vi.waitFor(() => expect(wrapper.find('[data-testid="staff-login"]').exists()).toBe(true))
  return wrapper
}
