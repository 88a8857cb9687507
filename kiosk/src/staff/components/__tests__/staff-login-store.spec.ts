// The store at login: a single-store restaurant never sees the field; when several stores share the server it is asked
// for once (the PIN stays typed), then remembered on this device for the next person.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import type { MockServer } from '@/__tests__/support'
import { useStaffSessionStore } from '@/staff/stores/staff-session'
import StaffView from '@/staff/StaffView.vue'
import { MANAGER, STORE, loggedIn, mountStaff } from './staff-support'
import { loggedOutServer, openLoggedOutConsole } from './logged-out-console'

const STORE_KEY = 'tablepad-staff-store'
const EAST = { ...STORE, id: 'str_east', slug: 'lotus-east', name: 'Lotus East' }

let server: MockServer
let wrapper: VueWrapper

beforeEach(() => {
  localStorage.clear()
  server = loggedOutServer()
})

afterEach(() => {
  wrapper.unmount()
  localStorage.clear()
  vi.unstubAllGlobals()
})

async function openConsole (): Promise<void> {
  wrapper = await openLoggedOutConsole()
}

async function submit (pin?: string): Promise<void> {
  if (pin !== undefined) await wrapper.get('[data-testid="staff-pin"]').setValue(pin)
  await wrapper.get('[data-testid="staff-login-submit"]').trigger('submit')
}

const storeField = () => wrapper.find('[data-testid="staff-login-store"]')
const message = () => wrapper.get('[data-testid="staff-login-error"]')
const logins = () => server.callsTo('POST', '/api/staff/session').map(call => call.body)

/** Several stores share the server: a login without a store is refused, one with a known store opens it. */
function chainServer (): void {
  server.on('POST /api/staff/session', (call) => {
    const { store } = call.body as { store?: string }
    if (store === undefined) return { status: 400, body: { code: 'STORE_REQUIRED', message: 'Several restaurants share this server' } }
    if (store !== 'lotus-east') return { status: 404, body: { code: 'STORE_NOT_FOUND', message: `There is no store ${store}` } }
    return { status: 200, body: { staff: MANAGER, store: EAST } }
  })
}

// The first login mounts the whole console (its chunks load then): generous on a busy machine.
describe('the store at login', { timeout: 30_000 }, () => {
  it('is never asked for when the server holds one restaurant', async () => {
    server.on('POST /api/staff/session', () => ({ status: 200, body: { staff: MANAGER, store: STORE } }))
    await openConsole()
    expect(storeField().exists()).toBe(false)
    await submit('424242')
    await vi.waitFor(() => expect(wrapper.find('[data-testid="staff-who"]').exists()).toBe(true))
    expect(logins()).toEqual([{ pin: '424242' }])
    // Nothing to remember: the next person gets the same plain PIN screen.
    expect(localStorage.getItem(STORE_KEY)).toBeNull()
  })

  it('is asked for when several stores share the server, keeps the PIN typed, and is remembered once it worked', async () => {
    chainServer()
    await openConsole()
    await submit('424242')
    await vi.waitFor(() => expect(message().attributes('data-code')).toBe('STORE_REQUIRED'))
    expect(message().text()).toBe('Several restaurants share this console. Type your store\'s short name, then log in.')
    expect(storeField().exists()).toBe(true)
    await vi.waitFor(() => expect(document.activeElement).toBe(storeField().element))
    // The PIN was not wrong: it stays, and only the store is typed (as a phone keyboard capitalises it).
    expect((wrapper.get('[data-testid="staff-pin"]').element as HTMLInputElement).value).toBe('424242')
    await storeField().setValue('Lotus-East ')
    expect(message().text()).toBe('')
    await submit()
    await vi.waitFor(() => expect(wrapper.find('[data-testid="staff-who"]').exists()).toBe(true))
    expect(logins()).toEqual([{ pin: '424242' }, { pin: '424242', store: 'lotus-east' }])
    expect(useStaffSessionStore().store).toEqual(EAST)
    expect(localStorage.getItem(STORE_KEY)).toBe('lotus-east')
  })

  it('comes back filled in on this device, and goes with the first try', async () => {
    chainServer()
    localStorage.setItem(STORE_KEY, 'lotus-east')
    await openConsole()
    expect((storeField().element as HTMLInputElement).value).toBe('lotus-east')
    await submit('424242')
    await vi.waitFor(() => expect(wrapper.find('[data-testid="staff-who"]').exists()).toBe(true))
    expect(logins()).toEqual([{ pin: '424242', store: 'lotus-east' }])
  })

  it('says so when no store has the short name, and does not remember it', async () => {
    chainServer()
    localStorage.setItem(STORE_KEY, 'lotus-east')
    await openConsole()
    await storeField().setValue('lotus-west')
    await submit('424242')
    await vi.waitFor(() => expect(message().attributes('data-code')).toBe('STORE_NOT_FOUND'))
    expect(message().text()).toBe('No store has this short name. Check it with your manager.')
    expect(storeField().attributes('aria-invalid')).toBe('true')
    expect(localStorage.getItem(STORE_KEY)).toBe('lotus-east')
  })

  it('is not sent empty: an emptied field asks for the store without a request', async () => {
    chainServer()
    localStorage.setItem(STORE_KEY, 'lotus-east')
    await openConsole()
    await storeField().setValue('  ')
    await submit('424242')
    expect(message().attributes('data-code')).toBe('STORE_REQUIRED')
    expect(logins()).toEqual([])
  })

  it('is worded in Chinese too', async () => {
    chainServer()
    const pinia = loggedIn(null)
    useStaffSessionStore().checked = false
    ;({ wrapper } = await mountStaff(StaffView, { pinia, locale: 'zh-CN' }))
    await vi.waitFor(() => expect(wrapper.find('[data-testid="staff-login"]').exists()).toBe(true))
    await submit('424242')
    await vi.waitFor(() => expect(message().text()).toBe('多家餐厅共用这个控制台。请先输入您门店的简称，再登录。'))
    expect(wrapper.get('label:has([data-testid="staff-login-store"])').text()).toBe('门店')
  })
})
