// Placing and paying: outbox before the network, one order per double tap, reload mid-send, sold out at checkout, paid only from the server.
import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { nextTick } from 'vue'
import { MAX_ORDER_TOTAL } from '@shared/pricing'
import type { CreateOrder } from '@shared/schemas/order'
import * as db from '@/db'
import { useCartStore } from '@/tablet/stores/cart'
import { useCheckoutStore } from '@/tablet/stores/checkout'
import { useKioskStore } from '@/tablet/stores/kiosk'
import { useMenuStore } from '@/tablet/stores/menu'
import { useOutboxStore } from '@/tablet/stores/outbox'
import { MENU, createMockServer, orderFor, paymentFor, type MockServer } from '@/__tests__/support'

let server: MockServer

/** A fresh app state over the same IndexedDB, as after a reload. */
async function start () {
  setActivePinia(createPinia())
  useMenuStore().menu = structuredClone(MENU)
  const cart = useCartStore()
  const outbox = useOutboxStore()
  await Promise.all([cart.restore(), outbox.load()])
  return { cart, outbox, checkout: useCheckoutStore(), kiosk: useKioskStore() }
}

function acceptOrders (): void {
  server.on('POST /api/orders', call => ({ status: 201, body: orderFor(call.body as CreateOrder) }))
  server.on('POST /api/orders/:id/payments', (_call, { id }) => ({ status: 201, body: paymentFor({ id: id!, total: 1200 }) }))
}

describe('checkout', () => {
  beforeEach(() => {
    server = createMockServer()
    vi.stubGlobal('fetch', server.fetch)
  })
  afterEach(async () => {
    useOutboxStore().stop()
    useCheckoutStore().reset()
    vi.unstubAllGlobals()
    await db.destroy()
  })

  it('writes the order to the outbox before sending it, and removes it once the server has it', async () => {
    const { cart, checkout, outbox } = await start()
    const inOutboxWhenSent: string[][] = []
    server.on('POST /api/orders', async (call) => {
      inOutboxWhenSent.push((await db.listOutbox()).map(entry => entry.clientOrderId))
      return { status: 201, body: orderFor(call.body as CreateOrder) }
    })
    server.on('POST /api/orders/:id/payments', (_call, { id }) => ({ status: 201, body: paymentFor({ id: id!, total: 2400 }) }))
    cart.add({ itemId: 'tea', quantity: 2, optionIds: [], note: '' })

    await checkout.placeOrder()

    const sent = server.callsTo('POST', '/api/orders')[0]!.body as CreateOrder
    expect(inOutboxWhenSent).toEqual([[sent.clientOrderId]])
    expect(await db.listOutbox()).toEqual([])
    expect(outbox.count).toBe(0)
    expect(sent.lines).toEqual([{ itemId: 'tea', quantity: 2, optionIds: [] }])
  })

  it('makes one order from a double tap', async () => {
    const { cart, checkout } = await start()
    acceptOrders()
    cart.add({ itemId: 'tea', quantity: 1, optionIds: [], note: '' })

    await Promise.all([checkout.placeOrder(), checkout.placeOrder()])
    await vi.waitFor(() => expect(checkout.payment?.status).toBe('waiting'))
    await checkout.placeOrder()

    expect(server.callsTo('POST', '/api/orders')).toHaveLength(1)
  })

  it('keeps an order that could not be sent through a reload, and sends it again with the same id', async () => {
    server.on('POST /api/orders', () => 'network-error')
    const first = await start()
    first.cart.add({ itemId: 'mapo', quantity: 1, optionIds: ['mild'], note: '' })
    await first.checkout.placeOrder()
    expect(first.checkout.phase).toBe('queued')
    expect(first.kiosk.idleResetAllowed).toBe(false)
    first.outbox.stop()
    await nextTick()
    await first.cart.flush()
    await db.close()

    acceptOrders()
    const second = await start()
    expect(second.outbox.count).toBe(1)
    await second.outbox.drain()

    const [lost, resent] = server.callsTo('POST', '/api/orders').map(call => (call.body as CreateOrder).clientOrderId)
    expect(resent).toBe(lost)
    expect(await db.listOutbox()).toEqual([])
    expect(second.cart.pending?.order?.clientOrderId).toBe(lost)
  })

  it('explains and corrects the cart when a dish sold out during checkout', async () => {
    const { cart, checkout, kiosk } = await start()
    server.on('POST /api/orders', () => ({
      status: 422,
      body: { code: 'ITEM_UNAVAILABLE', message: 'Sold out', details: { problems: [{ code: 'ITEM_UNAVAILABLE', itemId: 'mapo' }] } },
    }))
    server.on('GET /api/menu', () => ({ status: 200, body: MENU }))
    cart.add({ itemId: 'mapo', quantity: 1, optionIds: ['mild'], note: '' })
    cart.add({ itemId: 'tea', quantity: 1, optionIds: [], note: '' })

    await checkout.placeOrder()

    expect(cart.lines.map(line => line.itemId)).toEqual(['tea'])
    expect(checkout.refused).toEqual([{ itemId: 'mapo', names: MENU.items[0]!.names, code: 'ITEM_UNAVAILABLE' }])
    expect(kiosk.screen).toBe('menu')
    expect(cart.pending).toBeNull()
    expect(await db.listOutbox()).toEqual([])
  })

  it('never shows paid until the server reports the payment paid', async () => {
    const { cart, checkout, kiosk } = await start()
    acceptOrders()
    cart.add({ itemId: 'tea', quantity: 1, optionIds: [], note: '' })
    await checkout.placeOrder()
    await vi.waitFor(() => expect(checkout.payment?.status).toBe('waiting'))
    const order = checkout.order!
    const waiting = checkout.payment!

    // Still waiting, and another order's payment is ignored.
    checkout.applyPayment({ ...waiting, updatedAt: new Date(Date.now() + 500).toISOString() })
    checkout.applyPayment({ ...waiting, orderId: 'ord_other', status: 'paid' })
    checkout.applyOrder({ ...order, payments: [waiting] })
    expect(checkout.phase).toBe('payment')
    expect(kiosk.screen).toBe('pay')

    checkout.applyPayment({ ...waiting, status: 'paid', updatedAt: new Date(Date.now() + 1000).toISOString() })
    expect(checkout.phase).toBe('paid')
    expect(kiosk.screen).toBe('thanks')
    expect(cart.isEmpty).toBe(true)
  })

  it('an order settled by staff at the counter ends the payment without claiming an Alipay payment', async () => {
    const { cart, checkout, kiosk } = await start()
    acceptOrders()
    cart.add({ itemId: 'tea', quantity: 1, optionIds: [], note: '' })
    await checkout.placeOrder()
    await vi.waitFor(() => expect(checkout.payment?.status).toBe('waiting'))

    checkout.applyOrder({ ...checkout.order!, status: 'paid', payments: [checkout.payment!] })
    expect(kiosk.screen).toBe('thanks')
    expect(checkout.payment?.status).toBe('waiting')
    expect(checkout.paymentOpen).toBe(false)
  })

  it('goes from an order with nothing to pay straight to the thank-you screen, without asking for a QR', async () => {
    const { cart, checkout, kiosk } = await start()
    server.on('POST /api/orders', call => ({ status: 201, body: orderFor(call.body as CreateOrder, { status: 'paid', subtotal: 0, total: 0 }) }))
    cart.add({ itemId: 'tea', quantity: 1, optionIds: [], note: '' })

    await checkout.placeOrder()

    await vi.waitFor(() => expect(kiosk.screen).toBe('thanks'))
    expect(checkout.phase).toBe('paid')
    expect(checkout.payment).toBeNull()
    expect(server.calls.filter(call => call.path.endsWith('/payments'))).toEqual([])
    expect(cart.isEmpty).toBe(true)
  })

  it('does not send an order above the most one payment can take, and says why', async () => {
    const { cart, checkout, kiosk } = await start()
    const menu = useMenuStore()
    menu.menu = { ...menu.menu!, items: menu.menu!.items.map(item => item.id === 'tea' ? { ...item, price: MAX_ORDER_TOTAL } : item) }
    acceptOrders()
    cart.add({ itemId: 'tea', quantity: 2, optionIds: [], note: '' })

    await checkout.placeOrder()

    expect(checkout.phase).toBe('sendFailed')
    expect(checkout.errorCode).toBe('ORDER_TOTAL_TOO_LARGE')
    expect(kiosk.screen).toBe('pay')
    expect(server.callsTo('POST', '/api/orders')).toEqual([])
    expect(await db.listOutbox()).toEqual([])
  })

  it('after Cancel, the same cart pays the same order again instead of placing a second one', async () => {
    const { cart, checkout, kiosk } = await start()
    acceptOrders()
    server.on('POST /api/payments/:id/cancel', () => ({ status: 200, body: { ...checkout.payment!, status: 'cancelled' } }))
    cart.add({ itemId: 'tea', quantity: 1, optionIds: [], note: '' })
    await checkout.placeOrder()
    await vi.waitFor(() => expect(checkout.payment?.status).toBe('waiting'))

    await checkout.cancelPayment()
    expect(kiosk.screen).toBe('menu')
    expect(cart.lines).toHaveLength(1)

    await checkout.placeOrder()
    expect(server.callsTo('POST', '/api/orders')).toHaveLength(1)
    expect(server.calls.filter(call => call.method === 'POST' && call.path.endsWith('/payments'))).toHaveLength(2)

    cart.add({ itemId: 'tea', quantity: 1, optionIds: [], note: '' })
    checkout.backToMenu()
    await checkout.placeOrder()
    expect(server.callsTo('POST', '/api/orders')).toHaveLength(2)
  })
  it('gives an unpaid order up on the server when the cart changes after Cancel, or the tablet is reset', async () => {
    const { cart, checkout, kiosk } = await start()
    acceptOrders()
    server.on('POST /api/payments/:id/cancel', () => ({ status: 200, body: { ...checkout.payment!, status: 'cancelled' } }))
    server.on('POST /api/orders/:id/abandon', (_call, { id }) => ({ status: 200, body: { ...checkout.order!, id: id!, status: 'cancelled' } }))
    const abandoned = (): string[] => server.calls.filter(call => call.path.endsWith('/abandon')).map(call => call.path)
    cart.add({ itemId: 'tea', quantity: 1, optionIds: [], note: '' })
    await checkout.placeOrder()
    await vi.waitFor(() => expect(checkout.payment?.status).toBe('waiting'))
    const first = checkout.order!.id
    await checkout.cancelPayment()
    expect(abandoned()).toEqual([])

    cart.add({ itemId: 'tea', quantity: 1, optionIds: [], note: '' })
    await checkout.placeOrder()
    await vi.waitFor(() => expect(checkout.payment?.status).toBe('waiting'))
    expect(abandoned()).toEqual([`/api/orders/${first}/abandon`])

    const second = checkout.order!.id
    await checkout.cancelPayment()
    kiosk.resetForNextDiner()
    await vi.waitFor(() => expect(abandoned()).toEqual([`/api/orders/${first}/abandon`, `/api/orders/${second}/abandon`]))
  })

  it('leaves a paid order alone when the next diner starts', async () => {
    const { cart, checkout, kiosk } = await start()
    acceptOrders()
    cart.add({ itemId: 'tea', quantity: 1, optionIds: [], note: '' })
    await checkout.placeOrder()
    await vi.waitFor(() => expect(checkout.payment?.status).toBe('waiting'))
    checkout.applyOrder({ ...checkout.order!, status: 'paid', payments: [checkout.payment!] })

    kiosk.resetForNextDiner()
    await nextTick()
    expect(server.calls.filter(call => call.path.endsWith('/abandon'))).toEqual([])
  })

  it('an order saved offline after a payment was given up is not shown as the order given up', async () => {
    const { cart, checkout } = await start()
    acceptOrders()
    server.on('POST /api/payments/:id/cancel', () => ({ status: 200, body: { ...checkout.payment!, status: 'cancelled' } }))
    cart.add({ itemId: 'mapo', quantity: 1, optionIds: ['mild'], note: '' })
    await checkout.placeOrder()
    await vi.waitFor(() => expect(checkout.payment?.status).toBe('waiting'))
    await checkout.cancelPayment()

    cart.remove(cart.lines[0]!.key)
    cart.add({ itemId: 'tea', quantity: 2, optionIds: [], note: '' })
    server.on('POST /api/orders', () => 'network-error')
    await checkout.placeOrder()

    expect(checkout.phase).toBe('queued')
    expect(checkout.order).toBeNull()
    expect(checkout.payment).toBeNull()
  })
})
