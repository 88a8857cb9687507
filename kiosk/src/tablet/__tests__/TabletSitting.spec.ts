// A diner's sitting survives a reload: the thank-you screen, their language, and their earlier orders with the
// kitchen's status, until the tablet is reset for the next diner.
import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import { mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import type { CreateOrder, Order } from '@shared/schemas/order'
import * as db from '@/db'
import { createTabletI18n } from '@/tablet/__tests__/tablet-i18n'
import { useCartStore } from '@/tablet/stores/cart'
import { useCheckoutStore } from '@/tablet/stores/checkout'
import { useKioskStore } from '@/tablet/stores/kiosk'
import { useOutboxStore } from '@/tablet/stores/outbox'
import TabletView from '@/tablet/TabletView.vue'
import { loadScreens } from '@/tablet/lazy-screens'
import { FakeEventSource, MENU, PAIRED_DEVICE, createMockServer, orderFor, paymentFor, type MockServer } from '@/__tests__/support'

let server: MockServer
let wrapper: VueWrapper | undefined
/** The orders as the server holds them now. */
const orders = new Map<string, Order>()

/** Like a reload that comes after the last tap was saved: the cart's write (made after a render) is on disk. */
async function closeTablet (): Promise<void> {
  if (!wrapper) return
  await nextTick()
  await useCartStore().flush()
  useOutboxStore().stop()
  wrapper.unmount()
  wrapper = undefined
}

const find = (testid: string) => wrapper!.find(`[data-testid="${testid}"]`)

/** Opens the tablet app on a fresh page (new stores) over the same IndexedDB, as a reload does. */
async function openTablet (): Promise<void> {
  await closeTablet()
  const pinia = createPinia()
  setActivePinia(pinia)
  wrapper = mount(TabletView, { global: { plugins: [pinia, createTabletI18n()], stubs: { teleport: true } }, attachTo: document.body })
  await loadScreens()
  await vi.waitFor(() => expect(find('boot-screen').exists()).toBe(false))
}

async function orderAndPay (itemId: string): Promise<void> {
  useCartStore().add({ itemId, quantity: 1, optionIds: [], note: '' })
  await vi.waitFor(() => expect(find('place-order').attributes('disabled')).toBeUndefined())
  await find('place-order').trigger('click')
  await vi.waitFor(() => expect(find('thanks-screen').exists()).toBe(true))
}

describe('the sitting through a reload', () => {
  beforeEach(() => {
    orders.clear()
    let number = 40
    server = createMockServer()
    server.on('GET /api/devices/me', () => ({ status: 200, body: PAIRED_DEVICE }))
    server.on('GET /api/menu', () => ({ status: 200, body: MENU, headers: { etag: '"v1"' } }))
    server.on('POST /api/orders', (call) => {
      const order = orderFor(call.body as CreateOrder, { number: ++number })
      orders.set(order.id, order)
      return { status: 201, body: order }
    })
    // The diner pays at once: the payment comes back paid, the order moves to paid.
    server.on('POST /api/orders/:id/payments', (_call, { id }) => {
      const paid = { ...orders.get(id!)!, status: 'paid' as const }
      orders.set(id!, paid)
      return { status: 201, body: paymentFor(paid, { id: `pay_${id!}`, status: 'paid' }) }
    })
    server.on('GET /api/orders/:id', (_call, { id }) => orders.has(id!) ? { status: 200, body: orders.get(id!) } : { status: 404, body: { code: 'NOT_FOUND', message: 'no' } })
    server.on('GET /api/table/check', () => ({ status: 404, body: { code: 'CHECK_NOT_FOUND', message: 'none' } }))
    vi.stubGlobal('fetch', server.fetch)
    vi.stubGlobal('EventSource', FakeEventSource)
  })

  afterEach(async () => {
    await closeTablet()
    vi.unstubAllGlobals()
    await db.destroy()
  })

  it('comes back to the thank-you screen in the diner\'s language, and lists earlier orders with their kitchen status', async () => {
    await openTablet()
    await find('start-order').trigger('click')
    useKioskStore().setLocale('zh-CN')
    await orderAndPay('tea')
    const first = [...orders.values()][0]!

    // The kitchen starts on it while the tablet reloads.
    orders.set(first.id, { ...first, status: 'preparing', updatedAt: '2030-01-01T12:05:00.000Z' })
    await openTablet()
    expect(find('thanks-screen').exists()).toBe(true)
    expect(find('order-number').text()).toBe(String(first.number))
    expect(useKioskStore().locale).toBe('zh-CN')
    await vi.waitFor(() => expect(find('order-status').attributes('data-status')).toBe('preparing'))

    await find('thanks-order-more').trigger('click')
    await vi.waitFor(() => expect(find('menu-screen').exists()).toBe(true))
    await orderAndPay('tea')
    const earlier = find('thanks-earlier')
    expect(earlier.findAll('[data-testid="sitting-order"]').map(order => order.attributes('data-status'))).toEqual(['preparing'])

    // "Order more", then a reload: the menu (not the attract screen), with both orders under "Your orders".
    await find('thanks-order-more').trigger('click')
    await openTablet()
    expect(find('menu-screen').exists()).toBe(true)
    expect(useKioskStore().locale).toBe('zh-CN')
    await find('sitting-orders-open').trigger('click')
    await vi.waitFor(() => expect(find('sitting-orders').findAll('[data-testid="sitting-order"]')).toHaveLength(2))
  })

  it('forgets the sitting once the diner is done: the next diner starts at the attract screen in English', async () => {
    await openTablet()
    await find('start-order').trigger('click')
    useKioskStore().setLocale('zh-CN')
    await orderAndPay('tea')
    await find('thanks-done').trigger('click')
    expect(find('attract-screen').exists()).toBe(true)

    await openTablet()
    expect(find('attract-screen').exists()).toBe(true)
    expect(useKioskStore().locale).toBe('en')
  })

  it('still says "paid with Alipay" after a reload, though the order was saved while still placed', async () => {
    await openTablet()
    await find('start-order').trigger('click')
    await orderAndPay('tea')
    expect(find('thanks-paid').text()).toContain('with Alipay')

    await openTablet()
    expect(find('thanks-screen').exists()).toBe(true)
    expect(find('thanks-paid').text()).toContain('with Alipay')
  })

  it('keeps the tab wording after a reload once the kitchen started on a tab order', async () => {
    server.on('GET /api/table/check', () => ({ status: 200, body: { paymentMode: 'tab' } }))
    await openTablet()
    await find('start-order').trigger('click')
    await orderAndPay('tea')
    expect(find('thanks-paid').text()).toContain('Pay the table\'s bill')
    const order = [...orders.values()][0]!
    // order.updated: the kitchen started on it (unpaid: the table pays its bill at the end).
    useCheckoutStore().applyOrder({ ...order, status: 'preparing', updatedAt: '2030-01-01T12:05:00.000Z' })

    // The reload comes after the tablet saved the kitchen's news.
    await vi.waitFor(async () => expect(await db.readMeta(db.MetaKeyEnum.SITTING)).toContain('"preparing"'))
    await openTablet()
    expect(find('thanks-screen').exists()).toBe(true)
    expect(find('thanks-paid').text()).toContain('Pay the table\'s bill')
  })

  it('drops a sitting saved longer ago than the idle reset (the tablet was off after the diner left)', async () => {
    await openTablet()
    await find('start-order').trigger('click')
    await orderAndPay('tea')
    await closeTablet()
    const saved = JSON.parse((await db.readMeta(db.MetaKeyEnum.SITTING))!) as { savedAt: number }
    await db.writeMeta(db.MetaKeyEnum.SITTING, JSON.stringify({ ...saved, savedAt: Date.now() - 60 * 60_000 }))

    await openTablet()
    expect(find('attract-screen').exists()).toBe(true)
    expect(await db.readMeta(db.MetaKeyEnum.SITTING)).toBeUndefined()
  })

  it('restores a sitting saved within the idle reset\'s time', async () => {
    await openTablet()
    await find('start-order').trigger('click')
    await orderAndPay('tea')
    await closeTablet()
    const saved = JSON.parse((await db.readMeta(db.MetaKeyEnum.SITTING))!) as { savedAt: number }
    await db.writeMeta(db.MetaKeyEnum.SITTING, JSON.stringify({ ...saved, savedAt: Date.now() - 30_000 }))

    await openTablet()
    expect(find('thanks-screen').exists()).toBe(true)
  })
})
