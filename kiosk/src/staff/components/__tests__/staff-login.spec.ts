// PIN login: the session cookie is checked first, a wrong PIN is said plainly, and the server's wait after too many is counted down.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import { FakeEventSource, type MockServer } from '@/__tests__/support'
import { useStaffSessionStore } from '@/staff/stores/staff-session'
import StaffView from '@/staff/StaffView.vue'
import { MANAGER, STORE, loggedIn, mountStaff } from './staff-support'
import { loggedOutServer, openLoggedOutConsole } from './logged-out-console'

let server: MockServer
let wrapper: VueWrapper

beforeEach(() => {
  server = loggedOutServer()
})

afterEach(() => {
  wrapper.unmount()
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

async function openConsole (): Promise<void> {
  wrapper = await openLoggedOutConsole()
}

async function typePin (pin: string): Promise<void> {
  await wrapper.get('[data-testid="staff-pin"]').setValue(pin)
  await wrapper.get('[data-testid="staff-login-submit"]').trigger('submit')
}

const message = () => wrapper.get('[data-testid="staff-login-error"]')

describe('staff login', () => {
  it('opens the console without a PIN when the session cookie is still good (a reload)', async () => {
    server.on('GET /api/staff/session', () => ({ status: 200, body: { staff: MANAGER, store: STORE } }))
    ;({ wrapper } = await mountStaff(StaffView, { pinia: (() => { const pinia = loggedIn(null); useStaffSessionStore().checked = false; return pinia })() }))
    await vi.waitFor(() => expect(wrapper.find('[data-testid="staff-who"]').exists()).toBe(true))
    expect(wrapper.get('[data-testid="staff-who"]').text()).toBe('Mei')
    expect(server.callsTo('POST', '/api/staff/session')).toHaveLength(0)
    // The live feed opens with the session.
    expect(FakeEventSource.instances.at(-1)?.url).toBe('/api/staff/events')
  })

  it('says a wrong PIN is wrong, and clears it for the next try', async () => {
    await openConsole()
    server.on('POST /api/staff/session', () => ({ status: 401, body: { code: 'INVALID_PIN', message: 'Wrong PIN' } }))
    await typePin('1111')
    await vi.waitFor(() => expect(message().text()).toBe('That PIN is not right. Please try again.'))
    expect(message().attributes('data-code')).toBe('INVALID_PIN')
    expect((wrapper.get('[data-testid="staff-pin"]').element as HTMLInputElement).value).toBe('')
  })

  it('counts down the wait the server asks for after too many wrong PINs, with the keypad closed meanwhile', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] })
    await openConsole()
    server.on('POST /api/staff/session', () => ({
      status: 429,
      headers: { 'retry-after': '42' },
      body: { code: 'RATE_LIMITED', message: 'Too many attempts. Try again in 42 s.' },
    }))
    await typePin('2222')
    await vi.waitFor(() => expect(message().text()).toBe('Too many wrong PINs. Try again in 42 seconds.'))
    await wrapper.get('[data-testid="staff-pin"]').setValue('3333')
    expect(wrapper.get('[data-testid="staff-login-submit"]').attributes('disabled')).toBeDefined()
    await vi.advanceTimersByTimeAsync(41_000)
    expect(message().text()).toBe('Too many wrong PINs. Try again in 1 second.')
    await vi.advanceTimersByTimeAsync(1_000)
    expect(message().text()).toBe('You can try your PIN again now.')
    expect(wrapper.get('[data-testid="staff-login-submit"]').attributes('disabled')).toBeUndefined()
  })

  it('opens the console on the right PIN', async () => {
    await openConsole()
    server.on('POST /api/staff/session', call => {
      expect(call.body).toEqual({ pin: '424242' })
      return { status: 200, body: { staff: MANAGER, store: STORE } }
    })
    await typePin('424242')
    await vi.waitFor(() => expect(wrapper.find('[data-testid="staff-who"]').exists()).toBe(true))
    expect(wrapper.get('[data-testid="staff-console"]').attributes('data-session')).toBe('in')
  })
})
