// The tablet's idle reset: after 90 s + 15 s it clears the diner's session, but never during a payment or with an unsent order.
import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import type { CreateOrder } from '@shared/schemas/order'
import type { Payment } from '@shared/schemas/payment'
import * as db from '@/db'
import { createTabletI18n } from '@/tablet/__tests__/tablet-i18n'
import { useCartStore } from '@/tablet/stores/cart'
import { useKioskStore } from '@/tablet/stores/kiosk'
import { useOutboxStore } from '@/tablet/stores/outbox'
import TabletView from '@/tablet/TabletView.vue'
import { loadScreens } from '@/tablet/lazy-screens'
import { FakeEventSource, MENU, PAIRED_DEVICE, createMockServer, orderFor, paymentFor, type MockServer } from '@/__tests__/support'

const IDLE_MS = 90_000
const COUNTDOWN_MS = 15_000

let server: MockServer
let pinia: Pinia
let wrapper: VueWrapper

const has = (testid: string) => wrapper.find(`[data-testid="${testid}"]`).exists()

async function mountTablet (): Promise<void> {
  wrapper = mount(TabletView, { global: { plugins: [pinia, createTabletI18n()], stubs: { teleport: true } } })
  await vi.waitFor(() => expect(has('attract-screen')).toBe(true))
  await wrapper.get('[data-testid="start-order"]').trigger('click')
  // The menu and the idle countdown have chunks of their own (tablet/lazy-screens.ts): in before the clock runs.
  await loadScreens()
  await vi.waitFor(() => expect(has('menu-screen')).toBe(true))
}

/** Lets time pass in slices, so polls and retries run their course on the way. */
async function elapse (ms: number): Promise<void> {
  for (let left = ms; left > 0; left -= 1_000) await vi.advanceTimersByTimeAsync(Math.min(1_000, left))
}

describe('TabletView idle reset', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] })
    server = createMockServer()
    server.on('GET /api/devices/me', () => ({ status: 200, body: PAIRED_DEVICE }))
    server.on('GET /api/menu', () => ({ status: 200, body: MENU, headers: { etag: '"v1"' } }))
    vi.stubGlobal('fetch', server.fetch)
    vi.stubGlobal('EventSource', FakeEventSource)
    pinia = createPinia()
    setActivePinia(pinia)
  })

  afterEach(async () => {
    wrapper.unmount()
    useOutboxStore().stop()
    vi.useRealTimers()
    vi.unstubAllGlobals()
    await db.destroy()
  })

  it('asks "Still there?" after 90 s, then clears cart and language and shows the attract screen', async () => {
    await mountTablet()
    const kiosk = useKioskStore()
    const cart = useCartStore()
    kiosk.setLocale('zh-CN')
    cart.add({ itemId: 'tea', quantity: 2, optionIds: [], note: '' })

    await elapse(IDLE_MS - 1_000)
    expect(has('idle-dialog')).toBe(false)
    await elapse(2_000)
    expect(has('idle-dialog')).toBe(true)

    await elapse(COUNTDOWN_MS)
    expect(has('attract-screen')).toBe(true)
    expect(cart.isEmpty).toBe(true)
    expect(kiosk.locale).toBe('en')
    expect(document.documentElement.lang).toBe('en')
  })

  it('keeps the diner\'s order when they answer "I\'m still here"', async () => {
    await mountTablet()
    useCartStore().add({ itemId: 'tea', quantity: 1, optionIds: [], note: '' })
    await elapse(IDLE_MS + 1_000)
    await wrapper.get('[data-testid="idle-stay"]').trigger('click')

    await elapse(COUNTDOWN_MS + 1_000)
    expect(has('menu-screen')).toBe(true)
    expect(useCartStore().count).toBe(1)
  })

  it('never resets while a payment is open, and resets once it has ended', async () => {
    let payment: Payment | null = null
    server.on('POST /api/orders', call => ({ status: 201, body: orderFor(call.body as CreateOrder) }))
    server.on('POST /api/orders/:id/payments', (_call, { id }) => {
      payment = paymentFor({ id: id!, total: 2400 }, { expiresAt: new Date(Date.now() + 60 * 60_000).toISOString() })
      return { status: 201, body: payment }
    })
    server.on('GET /api/payments/:id', () => ({ status: 200, body: payment }))
    await mountTablet()
    useCartStore().add({ itemId: 'tea', quantity: 2, optionIds: [], note: '' })
    await wrapper.vm.$nextTick()
    await wrapper.get('[data-testid="place-order"]').trigger('click')
    await vi.waitFor(() => expect(wrapper.find('[data-testid="pay-qr"]').exists()).toBe(true))

    await elapse(5 * 60_000)
    expect(has('idle-dialog')).toBe(false)
    expect(has('pay-screen')).toBe(true)
    expect(useCartStore().count).toBe(2)

    payment = { ...payment!, status: 'cancelled', failureCode: 'EXPIRED', updatedAt: new Date(Date.now()).toISOString() }
    // The next poll (every 3 s) brings the server's answer.
    await elapse(4_000)
    expect(wrapper.get('[data-testid="pay-screen"]').attributes('data-view')).toBe('expired')
    await elapse(IDLE_MS + COUNTDOWN_MS + 1_000)
    expect(has('attract-screen')).toBe(true)
    expect(useCartStore().isEmpty).toBe(true)
  })

  it('never resets while an order waits in the outbox to be sent', async () => {
    server.on('POST /api/orders', () => 'network-error')
    await mountTablet()
    useCartStore().add({ itemId: 'tea', quantity: 1, optionIds: [], note: '' })
    await wrapper.vm.$nextTick()
    await wrapper.get('[data-testid="place-order"]').trigger('click')
    await vi.waitFor(() => expect(wrapper.get('[data-testid="pay-screen"]').attributes('data-view')).toBe('queued'))
    await wrapper.get('[data-testid="pay-back"]').trigger('click')

    await elapse(5 * 60_000)
    expect(has('idle-dialog')).toBe(false)
    expect(has('menu-screen')).toBe(true)
    expect(useOutboxStore().count).toBe(1)
    expect(server.callsTo('POST', '/api/orders').length).toBeGreaterThan(2)
  })
})
