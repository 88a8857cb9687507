// Cancel and refund in one confirmed step: a manager gets "Cancel and refund ¥X" for a paid order, others are told to ask a
// manager, and the refund's outcome shows live on the order's card (and as a notice) from the payment and alert events.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import type { Alert } from '@shared/schemas/alert'
import type { Order, OrderStatus } from '@shared/schemas/order'
import type { StaffMember } from '@shared/schemas/staff'
import { createMockServer, type MockServer } from '@/__tests__/support'
import StaffOrdersView from '@/staff/views/StaffOrdersView.vue'
import { useStaffCancelRefundsStore } from '@/staff/stores/staff-cancel-refunds'
import { useStaffNoticesStore } from '@/staff/stores/staff-notices'
import { useStaffOrdersStore } from '@/staff/stores/staff-orders'
import { MANAGER, STAFF, loggedIn, mountStaff, order, payment } from './staff-support'

const LATER = '2030-01-01T13:00:00.000Z'
const PAID = order({ id: 'o2', number: 2, status: 'paid', tableLabel: 'T2', payments: [payment({ id: 'pay_2', orderId: 'o2', amount: 9400, refundedAmount: 1000, status: 'partially_refunded' })] })
const COUNTER = order({ id: 'o3', number: 3, status: 'preparing', tableLabel: 'T3', payments: [] })

let server: MockServer
let wrapper: VueWrapper

async function board (member: StaffMember): Promise<void> {
  server = createMockServer()
  const orders: Order[] = [PAID, COUNTER]
  server.on('PATCH /api/staff/orders/:id', (call, params) => {
    const current = orders.find(candidate => candidate.id === params.id)!
    const body = call.body as { status: OrderStatus, reason?: string, refund?: boolean }
    return { status: 200, body: { ...current, status: body.status, cancelReason: body.reason ?? null, updatedAt: LATER } }
  })
  vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://kiosk.test')
    const status = url.searchParams.get('status')
    if (url.pathname === '/api/staff/orders' && status) {
      return Promise.resolve(new Response(JSON.stringify(orders.filter(candidate => candidate.status === status)), { status: 200 }))
    }
    return server.fetch(input, init)
  })
  ;({ wrapper } = await mountStaff(StaffOrdersView, { pinia: loggedIn(member) }))
  await vi.waitFor(() => expect(wrapper.findAll('[data-testid="staff-order"]')).toHaveLength(2))
}

const dialog = () => wrapper.get('[data-testid="staff-cancel-dialog"]')

async function openCancel (id: string): Promise<void> {
  await wrapper.get(`[data-order-id="${id}"]`).get('[data-testid="staff-order-cancel"]').trigger('click')
  await dialog().findAll('.staff-chip')[0]!.trigger('click')
}

afterEach(() => {
  wrapper.unmount()
  vi.unstubAllGlobals()
})

describe('cancel and refund, for a manager', () => {
  beforeEach(() => board(MANAGER))

  it('offers "Cancel and refund" with what is still refundable, and sends both in one request', async () => {
    await openCancel('o2')
    const refund = dialog().get('[data-testid="staff-cancel-refund"]')
    // 94.00 paid, 10.00 already refunded: 84.00 left to give back.
    expect(refund.text()).toBe('Cancel and refund ¥84.00')
    expect(dialog().get('[data-testid="staff-cancel-confirm"]').text()).toBe('Cancel without refund')
    await refund.trigger('click')
    await vi.waitFor(() => expect(server.callsTo('PATCH', '/api/staff/orders/o2')).toHaveLength(1))
    expect(server.callsTo('PATCH', '/api/staff/orders/o2')[0]?.body).toEqual({ status: 'cancelled', reason: 'The diner left', refund: true })
    await vi.waitFor(() => expect(wrapper.find('[data-testid="staff-cancel-dialog"]').exists()).toBe(false))
    expect(useStaffNoticesStore().notices.map(notice => notice.key)).toContain('console.cancelRefund.sentNotice')
  })

  it('still cancels without a refund when asked to', async () => {
    await openCancel('o2')
    await dialog().get('[data-testid="staff-cancel-confirm"]').trigger('click')
    await vi.waitFor(() => expect(server.callsTo('PATCH', '/api/staff/orders/o2')).toHaveLength(1))
    expect(server.callsTo('PATCH', '/api/staff/orders/o2')[0]?.body).toEqual({ status: 'cancelled', reason: 'The diner left' })
    expect(useStaffCancelRefundsStore().byOrder.o2).toBeUndefined()
  })

  it('lets Enter pick neither way for a paid order: the manager taps one', async () => {
    await openCancel('o2')
    await dialog().get('form').trigger('submit')
    await dialog().get('[data-testid="staff-cancel-refund"]').trigger('click')
    await vi.waitFor(() => expect(wrapper.find('[data-testid="staff-cancel-dialog"]').exists()).toBe(false))
    // One request, the one tapped: Enter sent nothing.
    expect(server.callsTo('PATCH', '/api/staff/orders/o2').map(call => call.body)).toEqual([{ status: 'cancelled', reason: 'The diner left', refund: true }])
  })

  it('still cancels on Enter when there is only one way (paid at the counter)', async () => {
    await openCancel('o3')
    await dialog().get('form').trigger('submit')
    await vi.waitFor(() => expect(server.callsTo('PATCH', '/api/staff/orders/o3')).toHaveLength(1))
  })

  it('offers no refund for an order paid at the counter (no Alipay payment to refund)', async () => {
    await openCancel('o3')
    expect(dialog().find('[data-testid="staff-cancel-refund"]').exists()).toBe(false)
    expect(dialog().get('[data-testid="staff-cancel-confirm"]').text()).toBe('Cancel order')
  })

  it('shows the refund as sent, then as it ends: given back (payment.updated) …', async () => {
    await openCancel('o2')
    await dialog().get('[data-testid="staff-cancel-refund"]').trigger('click')
    await wrapper.get('[data-testid="staff-orders-filter-done"]').trigger('click')
    const state = () => wrapper.get('[data-order-id="o2"] [data-testid="staff-cancel-refund-state"]')
    await vi.waitFor(() => expect(state().attributes('data-outcome')).toBe('sent'))
    expect(state().text()).toBe('Refund of ¥84.00 sent — waiting for Alipay.')
    const refunded = payment({ id: 'pay_2', orderId: 'o2', amount: 9400, refundedAmount: 9400, status: 'refunded', updatedAt: LATER })
    useStaffOrdersStore().receivePayment(refunded)
    useStaffCancelRefundsStore().receivePayment(refunded)
    await vi.waitFor(() => expect(state().attributes('data-outcome')).toBe('succeeded'))
    expect(state().text()).toBe('¥84.00 refunded.')
    expect(wrapper.get('[data-order-id="o2"] [data-testid="staff-order-payment"]').text()).toBe('Refunded')
    expect(useStaffNoticesStore().notices.map(notice => notice.key)).toContain('console.cancelRefund.succeededNotice')
  })

  it('… or refused by Alipay (alert.raised refund.failed), pointing to the alert', async () => {
    await openCancel('o2')
    await dialog().get('[data-testid="staff-cancel-refund"]').trigger('click')
    await vi.waitFor(() => expect(wrapper.find('[data-testid="staff-cancel-dialog"]').exists()).toBe(false))
    expect(useStaffCancelRefundsStore().byOrder.o2?.outcome).toBe('sent')
    const alert: Alert = {
      id: 'alr_1', kind: 'refund.failed', severity: 'critical', paymentId: 'pay_2', orderId: 'o2', detail: {}, createdAt: LATER, acknowledgedAt: null,
    }
    useStaffCancelRefundsStore().receiveAlert(alert)
    await wrapper.get('[data-testid="staff-orders-filter-done"]').trigger('click')
    const state = wrapper.get('[data-order-id="o2"] [data-testid="staff-cancel-refund-state"]')
    expect(state.attributes('data-outcome')).toBe('failed')
    expect(state.find('a').attributes('href')).toBe('/staff/alerts')
  })

  it('… even when Alipay refused at once and the alert came before the server\'s answer', async () => {
    const alert: Alert = {
      id: 'alr_2', kind: 'refund.failed', severity: 'critical', paymentId: 'pay_2', orderId: 'o2', detail: {}, createdAt: LATER, acknowledgedAt: null,
    }
    // The server's first refund attempt runs before it answers the PATCH: its alert.raised overtakes the answer.
    server.on('PATCH /api/staff/orders/:id', () => {
      useStaffCancelRefundsStore().receiveAlert(alert)
      return { status: 200, body: { ...PAID, status: 'cancelled', cancelReason: 'The diner left', updatedAt: LATER } }
    })
    await openCancel('o2')
    await dialog().get('[data-testid="staff-cancel-refund"]').trigger('click')
    await vi.waitFor(() => expect(server.callsTo('PATCH', '/api/staff/orders/o2')).toHaveLength(1))
    await vi.waitFor(() => expect(wrapper.find('[data-testid="staff-cancel-dialog"]').exists()).toBe(false))
    expect(useStaffCancelRefundsStore().byOrder.o2?.outcome).toBe('failed')
  })
})

describe('cancel and refund, for staff', () => {
  beforeEach(() => board(STAFF))

  it('tells why there is no refund button: only a manager can refund', async () => {
    await openCancel('o2')
    expect(dialog().find('[data-testid="staff-cancel-refund"]').exists()).toBe(false)
    expect(dialog().get('[data-testid="staff-cancel-refund-managers"]').text()).toBe('Only a manager can refund — ask a manager.')
    expect(dialog().get('[data-testid="staff-cancel-confirm"]').text()).toBe('Cancel order')
  })
})
