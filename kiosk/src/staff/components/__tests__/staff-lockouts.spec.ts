// Staff accounts screen: a manager sees devices locked out by wrong PINs and lets one in with "Locked — unlock".
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import type { StaffLockout } from '@shared/schemas/staff'
import { createMockServer, type MockServer } from '@/__tests__/support'
import { useStaffNoticesStore } from '@/staff/stores/staff-notices'
import StaffMembersView from '@/staff/views/StaffMembersView.vue'
import { MANAGER, STAFF, loggedIn, mountStaff } from './staff-support'

let server: MockServer
let wrapper: VueWrapper

const KITCHEN: StaffLockout = { address: '192.168.1.23', failures: 5, retryAfterS: 42, thisDevice: false }

beforeEach(() => {
  server = createMockServer()
  server.on('GET /api/staff/members', () => ({ status: 200, body: [MANAGER, STAFF] }))
  server.on('GET /api/staff/lockouts', () => ({ status: 200, body: [KITCHEN] }))
  vi.stubGlobal('fetch', server.fetch)
})

afterEach(() => {
  wrapper.unmount()
  vi.unstubAllGlobals()
})

describe('StaffLockouts on the staff accounts screen', () => {
  it('lists a locked-out device and unlocks it', async () => {
    server.on('DELETE /api/staff/lockouts/:address', () => ({ status: 204 }))
    ;({ wrapper } = await mountStaff(StaffMembersView, { pinia: loggedIn(MANAGER), path: '/staff/members' }))
    await vi.waitFor(() => expect(wrapper.find('[data-testid="staff-lockout"]').exists()).toBe(true))
    const row = wrapper.get('[data-testid="staff-lockout"]')
    expect(row.text()).toContain('Device at 192.168.1.23')
    expect(row.text()).toContain('5 wrong PINs · unlocks by itself in 42 s')
    const unlock = row.get('[data-testid="staff-lockout-unlock"]')
    expect(unlock.text()).toBe('Locked — unlock')
    server.on('GET /api/staff/lockouts', () => ({ status: 200, body: [] }))
    await unlock.trigger('click')
    await vi.waitFor(() => expect(wrapper.find('[data-testid="staff-lockouts-none"]').exists()).toBe(true))
    expect(server.callsTo('DELETE', '/api/staff/lockouts/192.168.1.23')).toHaveLength(1)
    expect(useStaffNoticesStore().notices).toMatchObject([
      { tone: 'success', key: 'console.members.lockouts.unlocked', params: { address: '192.168.1.23' } },
    ])
  })

  it('treats a lockout that already ran out as unlocked, and speaks Chinese', async () => {
    server.on('DELETE /api/staff/lockouts/:address', () => ({ status: 404, body: { code: 'NOT_FOUND', message: 'Lockout not found' } }))
    server.on('GET /api/staff/lockouts', () => ({ status: 200, body: [{ ...KITCHEN, address: '::ffff:10.0.0.5', thisDevice: true }] }))
    ;({ wrapper } = await mountStaff(StaffMembersView, { pinia: loggedIn(MANAGER), path: '/staff/members', locale: 'zh-CN' }))
    await vi.waitFor(() => expect(wrapper.find('[data-testid="staff-lockout"]').exists()).toBe(true))
    expect(wrapper.get('[data-testid="staff-lockout"]').text()).toContain('本设备（::ffff:10.0.0.5）')
    await wrapper.get('[data-testid="staff-lockout-unlock"]').trigger('click')
    await vi.waitFor(() => expect(wrapper.find('[data-testid="staff-lockouts-none"]').exists()).toBe(true))
    expect(server.callsTo('DELETE', '/api/staff/lockouts/%3A%3Affff%3A10.0.0.5')).toHaveLength(1)
    expect(wrapper.get('[data-testid="staff-lockouts-none"]').text()).toBe('没有被锁定的设备。')
  })

  it('is not shown to staff without the manager role', async () => {
    ;({ wrapper } = await mountStaff(StaffMembersView, { pinia: loggedIn(STAFF), path: '/staff/members' }))
    await vi.waitFor(() => expect(wrapper.text()).toContain('manage staff accounts'))
    expect(wrapper.find('[data-testid="staff-lockouts"]').exists()).toBe(false)
    expect(server.callsTo('GET', '/api/staff/lockouts')).toHaveLength(0)
  })
})
