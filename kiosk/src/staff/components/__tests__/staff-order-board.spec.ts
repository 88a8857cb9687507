// The board on screen: each card tells table, time, lines and payment, and offers only the step its status allows.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import type { Order, OrderStatus } from '@shared/schemas/order'
import { createMockServer, type MockServer } from '@/__tests__/support'
import StaffOrdersView from '@/staff/views/StaffOrdersView.vue'
import StaffOrderCard from '../StaffOrderCard.vue'
import { MANAGER, loggedIn, mountStaff, order, payment } from './staff-support'

let wrapper: VueWrapper

afterEach(() => {
  wrapper.unmount()
  vi.unstubAllGlobals()
})

describe('StaffOrderCard', () => {
  async function card (props: { order: Order, highlighted?: boolean }) {
    ;({ wrapper } = await mountStaff(StaffOrderCard, { props, pinia: loggedIn(MANAGER) }))
    return wrapper
  }

  it('shows the table, number, lines with quantities, options and notes, and the total', async () => {
    await card({ order: order({ note: 'Birthday at this table' }) })
    const text = wrapper.text()
    expect(text).toContain('Table 5')
    expect(text).toContain('No. 42')
    expect(text).toContain('2×')
    expect(text).toContain('Mapo tofu')
    expect(text).toContain('Hot, Rice')
    expect(text).toContain('No coriander')
    expect(text).toContain('Jasmine tea')
    expect(text).toContain('Birthday at this table')
    expect(text).toContain('¥94.00')
  })

  it.each<[OrderStatus, string | null]>([
    ['placed', 'Paid at counter'],
    ['paid', 'Start preparing'],
    ['preparing', 'Mark ready'],
    ['ready', 'Mark served'],
    ['served', null],
    ['cancelled', null],
  ])('offers the next step of a %s order: %s', async (status, label) => {
    await card({ order: order({ status }) })
    const next = wrapper.find('[data-testid="staff-order-next"]')
    const cancel = wrapper.find('[data-testid="staff-order-cancel"]')
    if (label === null) {
      expect(next.exists()).toBe(false)
      expect(cancel.exists()).toBe(false)
      return
    }
    expect(next.text()).toBe(label)
    expect(cancel.exists()).toBe(true)
    await next.trigger('click')
    expect(wrapper.emitted('advance')).toEqual([[next.attributes('data-next')]])
  })

  it.each<[Partial<Order>, string]>([
    [{ status: 'placed', payments: [] }, 'Not paid'],
    [{ status: 'placed', payments: [payment({ status: 'waiting' })] }, 'Paying now'],
    [{ status: 'placed', payments: [payment({ status: 'unknown' })] }, 'Payment unclear'],
    [{ status: 'paid', payments: [payment({ status: 'paid' })] }, 'Paid · Alipay'],
    [{ status: 'paid', payments: [] }, 'Paid at counter'],
    [{ status: 'paid', payments: [], subtotal: 0, total: 0 }, 'No payment needed'],
    [{ status: 'preparing', payments: [payment({ status: 'cancelled' })] }, 'Paid at counter'],
    [{ status: 'ready', payments: [payment({ status: 'partially_refunded' })] }, 'Partly refunded'],
  ])('says how the order was paid: %o → %s', async (overrides, label) => {
    await card({ order: order(overrides) })
    expect(wrapper.get('[data-testid="staff-order-payment"]').text()).toBe(label)
  })

  it('marks a newly arrived order', async () => {
    await card({ order: order(), highlighted: true })
    expect(wrapper.get('[data-testid="staff-order"]').classes()).toContain('card--new')
    expect(wrapper.text()).toContain('New')
  })
})

describe('StaffOrdersView', () => {
  let server: MockServer
  const board: Order[] = [
    order({ id: 'o1', number: 1, status: 'placed', tableLabel: 'T1' }),
    order({ id: 'o2', number: 2, status: 'paid', tableLabel: 'T2', payments: [payment({ orderId: 'o2' })] }),
    order({ id: 'o3', number: 3, status: 'preparing', tableLabel: 'T3' }),
    order({ id: 'o4', number: 4, status: 'served', tableLabel: 'T4' }),
  ]

  beforeEach(async () => {
    server = createMockServer()
    server.on('GET /api/staff/orders', () => ({ status: 200, body: board }))
    server.on('PATCH /api/staff/orders/:id', (call, params) => {
      const current = board.find(candidate => candidate.id === params.id)!
      const body = call.body as { status: OrderStatus, reason?: string }
      return { status: 200, body: { ...current, status: body.status, cancelReason: body.reason ?? null, updatedAt: '2030-01-01T13:00:00.000Z' } }
    })
    vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => {
      // One list per status: answer each with the orders of that status.
      const url = new URL(String(input), 'http://kiosk.test')
      const status = url.searchParams.get('status')
      if (url.pathname === '/api/staff/orders' && status) {
        return Promise.resolve(new Response(JSON.stringify(board.filter(candidate => candidate.status === status)), { status: 200 }))
      }
      return server.fetch(input, init)
    })
    ;({ wrapper } = await mountStaff(StaffOrdersView, { pinia: loggedIn(MANAGER) }))
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid="staff-order"]')).toHaveLength(3))
  })

  const column = (status: string) => wrapper.get(`[data-testid="staff-column-${status}"]`)
  const cardOf = (id: string) => wrapper.get(`[data-order-id="${id}"]`)

  it('groups open orders in status columns and keeps finished ones under Done', async () => {
    expect(column('placed').text()).toContain('T1')
    expect(column('paid').text()).toContain('T2')
    expect(column('preparing').text()).toContain('T3')
    expect(column('ready').text()).toContain('Nothing waiting to be served.')
    expect(wrapper.text()).not.toContain('T4')
    await wrapper.get('[data-testid="staff-orders-filter-done"]').trigger('click')
    expect(wrapper.text()).toContain('T4')
  })

  it('shows one status alone when filtered', async () => {
    await wrapper.get('[data-testid="staff-orders-filter-paid"]').trigger('click')
    expect(wrapper.findAll('[data-testid^="staff-column-"]')).toHaveLength(1)
    expect(wrapper.findAll('[data-testid="staff-order"]').map(card => card.attributes('data-order-id'))).toEqual(['o2'])
  })

  it('moves a paid order to the kitchen in one tap', async () => {
    await cardOf('o2').get('[data-testid="staff-order-next"]').trigger('click')
    await vi.waitFor(() => expect(column('preparing').text()).toContain('T2'))
    expect(server.callsTo('PATCH', '/api/staff/orders/o2')[0]?.body).toEqual({ status: 'preparing' })
  })

  it('asks before taking payment at the counter', async () => {
    await cardOf('o1').get('[data-testid="staff-order-next"]').trigger('click')
    const dialog = wrapper.get('[data-testid="staff-counter-dialog"]')
    expect(dialog.text()).toContain('Only confirm once you have the money')
    expect(server.callsTo('PATCH', '/api/staff/orders/o1')).toHaveLength(0)
    await dialog.get('[data-testid="staff-counter-dialog-ok"]').trigger('click')
    await vi.waitFor(() => expect(column('paid').text()).toContain('T1'))
    expect(server.callsTo('PATCH', '/api/staff/orders/o1')[0]?.body).toEqual({ status: 'paid' })
  })

  it('cancels only with a reason, and warns that a paid order is not refunded by cancelling', async () => {
    const dialog = () => wrapper.get('[data-testid="staff-cancel-dialog"]')
    await cardOf('o2').get('[data-testid="staff-order-cancel"]').trigger('click')
    expect(dialog().find('[data-testid="staff-cancel-paid"]').exists()).toBe(true)
    await dialog().get('[data-testid="staff-cancel-confirm"]').trigger('click')
    expect(dialog().text()).toContain('Please give a reason.')
    expect(server.callsTo('PATCH', '/api/staff/orders/o2')).toHaveLength(0)
    await dialog().findAll('.staff-chip')[0]!.trigger('click')
    await dialog().get('[data-testid="staff-cancel-confirm"]').trigger('click')
    await vi.waitFor(() => expect(server.callsTo('PATCH', '/api/staff/orders/o2')).toHaveLength(1))
    expect(server.callsTo('PATCH', '/api/staff/orders/o2')[0]?.body).toEqual({ status: 'cancelled', reason: 'The diner left' })
    await vi.waitFor(() => expect(wrapper.find('[data-testid="staff-cancel-dialog"]').exists()).toBe(false))
  })
})
