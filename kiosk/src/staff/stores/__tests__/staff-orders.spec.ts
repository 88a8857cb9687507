// The orders board: which column an order sits in, which step staff may take next, and what counts as news for the kitchen.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { ORDER_STATUSES, type OrderStatus } from '@shared/schemas/order'
import { createMockServer, type MockServer } from '@/__tests__/support'
import { order, payment } from '@/staff/components/__tests__/staff-support'
import { HIGHLIGHT_MS, canCancel, nextStepOf, useStaffOrdersStore } from '../staff-orders'
import { useStaffSettingsStore } from '../staff-settings'

const at = (minute: number) => `2030-01-01T12:${String(minute).padStart(2, '0')}:00.000Z`

describe('the kitchen flow', () => {
  it('offers one forward step per status: counter payment, then preparing, ready, served', () => {
    const steps = Object.fromEntries(ORDER_STATUSES.map(status => [status, nextStepOf(status)]))
    expect(steps).toEqual({ placed: 'paid', paid: 'preparing', preparing: 'ready', ready: 'served', served: null, cancelled: null })
  })

  it('lets open orders be cancelled, finished ones not', () => {
    const cancellable = ORDER_STATUSES.filter(canCancel)
    expect(cancellable).toEqual(['placed', 'paid', 'preparing', 'ready'])
  })
})

describe('useStaffOrdersStore', () => {
  let server: MockServer

  beforeEach(() => {
    setActivePinia(createPinia())
    server = createMockServer()
    vi.stubGlobal('fetch', server.fetch)
  })

  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  it('puts open orders in their status column, oldest first, and finished ones on the done list, latest first', async () => {
    const orders = [
      order({ id: 'a', number: 1, status: 'paid', createdAt: at(10) }),
      order({ id: 'b', number: 2, status: 'paid', createdAt: at(5) }),
      order({ id: 'c', number: 3, status: 'placed', createdAt: at(1) }),
      order({ id: 'd', number: 4, status: 'ready', createdAt: at(2) }),
      order({ id: 'e', number: 5, status: 'served', createdAt: at(0), updatedAt: at(30) }),
      order({ id: 'f', number: 6, status: 'cancelled', createdAt: at(3), updatedAt: at(40) }),
    ]
    // The mock server matches paths only; this answer depends on the query (one list per status).
    const asked: string[] = []
    vi.stubGlobal('fetch', (input: RequestInfo | URL) => {
      const url = new URL(String(input), 'http://kiosk.test')
      asked.push(url.pathname + url.search)
      const status = url.searchParams.get('status') as OrderStatus | null
      const body = JSON.stringify(orders.filter(candidate => candidate.status === status))
      return Promise.resolve(new Response(body, { status: 200, headers: { 'content-type': 'application/json' } }))
    })
    const store = useStaffOrdersStore()
    await store.load()

    expect(store.columns.placed.map(item => item.id)).toEqual(['c'])
    expect(store.columns.paid.map(item => item.id)).toEqual(['b', 'a'])
    expect(store.columns.preparing).toEqual([])
    expect(store.columns.ready.map(item => item.id)).toEqual(['d'])
    expect(store.done.map(item => item.id)).toEqual(['f', 'e'])
    // Every open status is asked for on its own, so a long history cannot push open orders off the list.
    expect(asked.sort()).toEqual([
      '/api/staff/orders?status=cancelled&limit=40',
      '/api/staff/orders?status=paid&limit=500',
      '/api/staff/orders?status=placed&limit=500',
      '/api/staff/orders?status=preparing&limit=500',
      '/api/staff/orders?status=ready&limit=500',
      '/api/staff/orders?status=served&limit=40',
    ])
  })

  it('calls a new order news (not yet the kitchen\'s in pay-first) and highlights it for a while', () => {
    vi.useFakeTimers()
    const store = useStaffOrdersStore()
    expect(store.receive(order({ id: 'n', status: 'placed' }), true)).toBe('new')
    expect(store.highlighted.n).toBe(true)
    vi.advanceTimersByTime(HIGHLIGHT_MS)
    expect(store.highlighted.n).toBeUndefined()
  })

  it('calls a diner\'s payment a kitchen ticket (the kitchen can start), but not other moves', () => {
    const store = useStaffOrdersStore()
    store.receive(order({ id: 'p', status: 'placed', updatedAt: at(1) }), true)
    expect(store.receive(order({ id: 'p', status: 'paid', updatedAt: at(2) }))).toBe('kitchen')
    expect(store.receive(order({ id: 'p', status: 'preparing', updatedAt: at(3) }))).toBeNull()
    expect(store.columns.preparing.map(item => item.id)).toEqual(['p'])
  })

  it('calls an order paid at once (a free one) a kitchen ticket as it arrives', () => {
    const store = useStaffOrdersStore()
    expect(store.receive(order({ id: 'f', status: 'paid', total: 0 }), true)).toBe('kitchen')
  })

  it('in tab mode, calls a placed order a kitchen ticket, and the table paying later no news', () => {
    useStaffSettingsStore().paymentMode = 'tab'
    const store = useStaffOrdersStore()
    expect(store.receive(order({ id: 't', status: 'placed', updatedAt: at(1) }), true)).toBe('kitchen')
    expect(store.receive(order({ id: 't', status: 'paid', updatedAt: at(2) }))).toBeNull()
  })

  it('ignores a copy older than the one it has (events can overtake a slow list)', () => {
    const store = useStaffOrdersStore()
    store.receive(order({ id: 'o', status: 'ready', updatedAt: at(5) }))
    expect(store.receive(order({ id: 'o', status: 'preparing', updatedAt: at(4) }))).toBeNull()
    expect(store.byId.o?.status).toBe('ready')
  })

  it('moves an order with the server\'s answer, and its own echo on the stream is no news', async () => {
    const store = useStaffOrdersStore()
    store.receive(order({ id: 'm', status: 'placed', updatedAt: at(1) }))
    let echo: unknown = 'not received'
    server.on('PATCH /api/staff/orders/:id', () => {
      // The stream's echo arrives while the request is still on its way.
      expect(store.pending.m).toBe('paid')
      echo = store.receive(order({ id: 'm', status: 'paid', updatedAt: at(2) }))
      return { status: 200, body: order({ id: 'm', status: 'paid', updatedAt: at(2) }) }
    })
    await store.move('m', 'paid')
    expect(echo).toBeNull()
    expect(store.pending.m).toBeUndefined()
    expect(server.callsTo('PATCH', '/api/staff/orders/m')[0]?.body).toEqual({ status: 'paid' })
    expect(store.byId.m?.status).toBe('paid')
  })

  it('sends the reason with a cancellation', async () => {
    const store = useStaffOrdersStore()
    store.receive(order({ id: 'x', status: 'paid' }))
    server.on('PATCH /api/staff/orders/:id', call => ({ status: 200, body: order({ id: 'x', status: 'cancelled', cancelReason: (call.body as { reason: string }).reason, updatedAt: at(59) }) }))
    await store.move('x', 'cancelled', 'The diner left')
    expect(server.callsTo('PATCH', '/api/staff/orders/x')[0]?.body).toEqual({ status: 'cancelled', reason: 'The diner left' })
    expect(store.done.map(item => item.cancelReason)).toEqual(['The diner left'])
  })

  it('reloads the board when someone else moved the order first (409 INVALID_TRANSITION)', async () => {
    const store = useStaffOrdersStore()
    store.receive(order({ id: 'r', status: 'paid' }))
    server.on('PATCH /api/staff/orders/:id', () => ({ status: 409, body: { code: 'INVALID_TRANSITION', message: 'An order cannot go from ready to preparing' } }))
    server.on('GET /api/staff/orders', () => ({ status: 200, body: [] }))
    await expect(store.move('r', 'preparing')).rejects.toMatchObject({ code: 'INVALID_TRANSITION' })
    await vi.waitFor(() => expect(server.callsTo('GET', '/api/staff/orders').length).toBe(6))
  })

  it('keeps an order\'s payments current from payment.updated', () => {
    const store = useStaffOrdersStore()
    store.receive(order({ id: 'ord_1', status: 'placed', payments: [payment({ status: 'waiting' })] }))
    store.receivePayment(payment({ status: 'paid' }))
    expect(store.byId.ord_1?.payments.map(item => item.status)).toEqual(['paid'])
  })
})
