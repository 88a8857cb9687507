// The owner's store switcher: the header lists the chain's stores; choosing one moves the session on the server, then
// every screen starts over with the new store's data. Managers see no switcher, and their own store read-only.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import type { StaffMember } from '@shared/schemas/staff'
import type { Store } from '@shared/schemas/store'
import { FakeEventSource, createMockServer, type MockServer } from '@/__tests__/support'
import StaffView from '@/staff/StaffView.vue'
import { MANAGER, STORE, loggedIn, mountStaff, order } from '@/staff/components/__tests__/staff-support'
import { useStaffSessionStore } from '../staff-session'
import { useStaffStoresStore } from '../staff-stores'

const OWNER: StaffMember = { id: 'stf_owner', name: 'Lin', role: 'owner' }
const WEST_SESSION = { id: 'str_west', slug: 'lotus-west', name: 'Lotus West', currency: 'HKD', timezone: 'Asia/Hong_Kong' }

function store (session: typeof STORE, overrides: Partial<Store> = {}): Store {
  return { ...session, paymentMode: 'pay-first', alipay: { configured: false, appId: null, mode: 'sandbox-local' }, ...overrides }
}
const HOME = store(STORE)
const WEST = store(WEST_SESSION, { alipay: { configured: true, appId: '2021000000000001', mode: 'sandbox-local' } })

let server: MockServer
let wrapper: VueWrapper | null
/** The store the mock server's session is in. */
let sessionStore: typeof STORE

beforeEach(() => {
  wrapper = null
  sessionStore = STORE
  server = createMockServer()
  server.on('GET /api/staff/session', () => ({ status: 200, body: { staff: OWNER, store: sessionStore } }))
  server.on('PUT /api/staff/session/store', (call) => {
    const { storeId } = call.body as { storeId: string }
    sessionStore = storeId === WEST_SESSION.id ? WEST_SESSION : STORE
    return { status: 200, body: { staff: OWNER, store: sessionStore } }
  })
  server.on('GET /api/stores', () => ({ status: 200, body: [WEST, HOME] }))
  // Each store's own board: the console must never show the last store's orders in the next one.
  server.on('GET /api/staff/orders', () => ({
    status: 200,
    body: [order({ id: `ord_${sessionStore.id}`, number: sessionStore.id === 'default' ? 1 : 2, status: 'paid' })],
  }))
  server.on('GET /api/staff/alerts', () => ({ status: 200, body: { alerts: [], nextCursor: null } }))
  server.on('GET /api/staff/settings/payment-mode', () => ({ status: 200, body: { mode: 'pay-first' } }))
  server.on('GET /api/staff/tables', () => ({ status: 200, body: [] }))
  server.on('GET /api/staff/devices', () => ({ status: 200, body: [] }))
  vi.stubGlobal('fetch', server.fetch)
  vi.stubGlobal('EventSource', FakeEventSource)
  FakeEventSource.instances = []
})

afterEach(() => {
  wrapper?.unmount()
  vi.unstubAllGlobals()
})

describe('switching stores (session store)', () => {
  it('moves the session on the server, then takes the store from the session answer', async () => {
    loggedIn(OWNER)
    const session = useStaffSessionStore()
    const switching = session.switchStore(WEST.id)
    expect(session.switching).toBe(true)
    await switching
    expect(server.callsTo('PUT', '/api/staff/session/store').map(call => call.body)).toEqual([{ storeId: WEST.id }])
    expect([session.store, session.switching, session.isOwner, session.isManager]).toEqual([WEST_SESSION, false, true, true])
  })

  it('does not ask the server to move to the store it is already in', async () => {
    loggedIn(OWNER)
    await useStaffSessionStore().switchStore(STORE.id)
    expect(server.callsTo('PUT', '/api/staff/session/store')).toHaveLength(0)
  })

  it('keeps the session where it was when the server refuses', async () => {
    loggedIn(OWNER)
    server.on('PUT /api/staff/session/store', () => ({ status: 404, body: { code: 'STORE_NOT_FOUND', message: 'There is no store' } }))
    const session = useStaffSessionStore()
    await expect(session.switchStore('str_gone')).rejects.toMatchObject({ code: 'STORE_NOT_FOUND' })
    expect([session.store, session.switching]).toEqual([STORE, false])
  })
})

// Mounting the console loads its chunks: generous on a busy machine.
describe('the header\'s store switcher', { timeout: 30_000 }, () => {
  async function openAs (member: StaffMember): Promise<VueWrapper> {
    ;({ wrapper } = await mountStaff(StaffView, { pinia: loggedIn(member) }))
    return wrapper
  }
  const select = () => wrapper!.get('[data-testid="staff-side"] [data-testid="staff-store-select"]')

  it('lists the owner\'s stores by name, and moves every screen to the chosen one', async () => {
    await openAs(OWNER)
    await vi.waitFor(() => expect(select().findAll('option').map(option => option.text())).toEqual(['Golden Lotus', 'Lotus West']))
    expect((select().element as HTMLSelectElement).value).toBe(STORE.id)
    expect(select().attributes('id')).toBe(wrapper!.get('[data-testid="staff-side"] label.staff-label').attributes('for'))
    await vi.waitFor(() => expect(wrapper!.findAll('[data-testid="staff-order"]').map(card => card.attributes('data-order-id'))).toEqual(['ord_default']))
    const eventsBefore = FakeEventSource.instances.length

    await select().setValue(WEST.id)
    await vi.waitFor(() => expect(useStaffSessionStore().store).toEqual(WEST_SESSION))
    // The board now holds the new store's orders only, loaded again after the switch.
    await vi.waitFor(() => expect(wrapper!.findAll('[data-testid="staff-order"]').map(card => card.attributes('data-order-id'))).toEqual(['ord_str_west']))
    expect((select().element as HTMLSelectElement).value).toBe(WEST.id)
    // The live feed reconnects, now in the new store's session.
    expect(FakeEventSource.instances.length).toBeGreaterThan(eventsBefore)
    expect(wrapper!.findAll('[data-testid="staff-notice"]').map(notice => notice.text())).toContain('Now working in Lotus West.')
  })

  it('is not there for a manager, who gets their own store to read instead of the chain\'s', async () => {
    server.on('GET /api/stores', () => ({ status: 200, body: [HOME] }))
    await openAs(MANAGER)
    await vi.waitFor(() => expect(wrapper!.find('[data-testid="staff-nav-orders"]').exists()).toBe(true))
    expect(wrapper!.find('[data-testid="staff-store-switcher"]').exists()).toBe(false)
    expect(wrapper!.find('[data-testid="staff-side"] [data-testid="staff-nav-stores"]').exists()).toBe(false)
    expect(wrapper!.find('[data-testid="staff-side"] [data-testid="staff-nav-store"]').exists()).toBe(true)
    expect(server.callsTo('GET', '/api/stores')).toHaveLength(0)
  })

  it('empties the chain\'s list at logout: the next person gets their own', async () => {
    await openAs(OWNER)
    await vi.waitFor(() => expect(useStaffStoresStore().loaded).toBe(true))
    server.on('DELETE /api/staff/session', () => ({ status: 204 }))
    await useStaffSessionStore().logOut()
    await vi.waitFor(() => expect(useStaffStoresStore().stores).toEqual([]))
  })
})
