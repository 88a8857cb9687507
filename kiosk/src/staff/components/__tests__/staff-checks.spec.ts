// Tables' checks in the console: the payment mode managers switch, the board in tab mode, check payments (no single
// order) in the payments screens, and closing a table's check (with a reason while something is due).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import type { PaymentMode } from '@shared/schemas/check'
import type { Order, OrderStatus } from '@shared/schemas/order'
import type { Table } from '@shared/schemas/table'
import { createMockServer, type MockServer } from '@/__tests__/support'
import StaffOrdersView from '@/staff/views/StaffOrdersView.vue'
import StaffPaymentView from '@/staff/views/StaffPaymentView.vue'
import StaffPaymentsView from '@/staff/views/StaffPaymentsView.vue'
import StaffTablesView from '@/staff/views/StaffTablesView.vue'
import { useStaffNoticesStore } from '@/staff/stores/staff-notices'
import { MANAGER, STAFF, loggedIn, mountStaff, order, payment } from './staff-support'

const TABLE: Table = { id: 'tbl_5', label: 'Table 5', code: 'k3Xq9', seats: 4 }
const CHECK_PAYMENT = payment({ id: 'pay_check', orderId: null, checkId: 'chk_1', amount: 5000 })

let server: MockServer
let wrapper: VueWrapper
let mode: PaymentMode

beforeEach(() => {
  mode = 'pay-first'
  server = createMockServer()
  server.on('GET /api/staff/settings/payment-mode', () => ({ status: 200, body: { mode } }))
  server.on('PUT /api/staff/settings/payment-mode', (call) => {
    mode = (call.body as { mode: PaymentMode }).mode
    return { status: 200, body: { mode } }
  })
  server.on('GET /api/staff/tables', () => ({ status: 200, body: [TABLE] }))
  server.on('GET /api/staff/devices', () => ({ status: 200, body: [] }))
  server.on('GET /api/staff/orders', () => ({ status: 200, body: [] }))
  vi.stubGlobal('fetch', server.fetch)
})

afterEach(() => {
  wrapper.unmount()
  vi.unstubAllGlobals()
})

describe('payment mode', () => {
  it('a manager switches tables to pay at the end', async () => {
    ;({ wrapper } = await mountStaff(StaffTablesView, { pinia: loggedIn(MANAGER), path: '/staff/tables' }))
    await vi.waitFor(() => expect(wrapper.find('[data-testid="staff-payment-mode"]').attributes('data-mode')).toBe('pay-first'))
    const tab = wrapper.get<HTMLInputElement>('[data-testid="staff-payment-mode-tab"]')
    expect(tab.element.disabled).toBe(false)

    await tab.setValue(true)
    await vi.waitFor(() => expect(server.callsTo('PUT', '/api/staff/settings/payment-mode')).toHaveLength(1))
    expect(server.callsTo('PUT', '/api/staff/settings/payment-mode')[0]!.body).toEqual({ mode: 'tab' })
    await vi.waitFor(() => expect(wrapper.get('[data-testid="staff-payment-mode"]').attributes('data-mode')).toBe('tab'))
    expect(useStaffNoticesStore().notices.map(notice => [notice.tone, notice.key, notice.params])).toEqual([
      ['success', 'console.paymentMode.saved', { mode: 'Pay at the end (tab)' }],
    ])
  })

  it('others see the mode in force but cannot change it', async () => {
    mode = 'tab'
    ;({ wrapper } = await mountStaff(StaffTablesView, { pinia: loggedIn(STAFF), path: '/staff/tables' }))
    await vi.waitFor(() => expect(wrapper.get('[data-testid="staff-payment-mode"]').attributes('data-mode')).toBe('tab'))
    expect(wrapper.get<HTMLInputElement>('[data-testid="staff-payment-mode-pay-first"]').element.disabled).toBe(true)
    expect(wrapper.get('[data-testid="staff-payment-mode-managers"]').text()).toBe('Only managers can change how tables pay.')
  })
})

describe('the board in tab mode', () => {
  const board: Order[] = [
    order({ id: 'o1', number: 1, status: 'placed', tableLabel: 'T1' }),
    order({ id: 'o3', number: 3, status: 'preparing', tableLabel: 'T3' }),
  ]

  beforeEach(() => {
    mode = 'tab'
    server.on('PATCH /api/staff/orders/:id', (call, params) => {
      const current = board.find(candidate => candidate.id === params.id)!
      return { status: 200, body: { ...current, status: (call.body as { status: OrderStatus }).status, updatedAt: '2030-01-01T13:00:00.000Z' } }
    })
    vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input), 'http://kiosk.test')
      const status = url.searchParams.get('status')
      if (url.pathname === '/api/staff/orders' && status) {
        return Promise.resolve(new Response(JSON.stringify(board.filter(candidate => candidate.status === status)), { status: 200 }))
      }
      return server.fetch(input, init)
    })
  })

  it('shows a placed order to prepare, and starts it without a payment', async () => {
    ;({ wrapper } = await mountStaff(StaffOrdersView, { pinia: loggedIn(STAFF) }))
    await vi.waitFor(() => expect(wrapper.get('[data-testid="staff-column-paid"]').text()).toContain('T1'))
    expect(wrapper.find('[data-testid="staff-column-placed"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="staff-orders-filter-placed"]').exists()).toBe(false)

    const next = wrapper.get('[data-order-id="o1"] [data-testid="staff-order-next"]')
    expect(next.text()).toBe('Start preparing')
    await next.trigger('click')
    await vi.waitFor(() => expect(wrapper.get('[data-testid="staff-column-preparing"]').text()).toContain('T1'))
    expect(server.callsTo('PATCH', '/api/staff/orders/o1')[0]?.body).toEqual({ status: 'preparing' })
    expect(wrapper.find('[data-testid="staff-counter-dialog"]').exists()).toBe(false)
  })
})

describe('check payments', () => {
  it('are listed as the table\'s check, not an order', async () => {
    server.on('GET /api/staff/payments', () => ({ status: 200, body: [CHECK_PAYMENT, payment({ id: 'pay_order' })] }))
    ;({ wrapper } = await mountStaff(StaffPaymentsView, { pinia: loggedIn(STAFF), path: '/staff/payments' }))
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid="staff-payment-row"]')).toHaveLength(2))
    const row = wrapper.get('[data-payment-id="pay_check"]')
    expect(row.text()).toContain('Table check')
    expect(row.attributes('data-check-id')).toBe('chk_1')
    expect(row.attributes('data-order-id')).toBeUndefined()
  })

  it('say "Table check" in their detail', async () => {
    server.on('GET /api/staff/payments/:id', () => ({ status: 200, body: { payment: CHECK_PAYMENT, refunds: [], events: [] } }))
    ;({ wrapper } = await mountStaff(StaffPaymentView, { pinia: loggedIn(STAFF), path: '/staff/payments/pay_check', props: { id: 'pay_check' } }))
    await vi.waitFor(() => expect(wrapper.find('[data-testid="staff-payment-check"]').exists()).toBe(true))
    expect(wrapper.get('[data-testid="staff-payment-check"]').text()).toBe('Table check')
  })
})

describe('closing a table\'s check', () => {
  async function openDialog (): Promise<void> {
    ;({ wrapper } = await mountStaff(StaffTablesView, { pinia: loggedIn(STAFF), path: '/staff/tables' }))
    await vi.waitFor(() => expect(wrapper.find('[data-testid="staff-table-close-check"]').exists()).toBe(true))
    await wrapper.get('[data-testid="staff-table-close-check"]').trigger('click')
  }
  const dialog = () => wrapper.find('[data-testid="staff-close-check-dialog"]')

  it('closes a settled check at once', async () => {
    server.on('POST /api/staff/tables/:id/check/close', () => ({ status: 200, body: {} }))
    await openDialog()
    await dialog().get('[data-testid="staff-close-check-confirm"]').trigger('submit')
    await vi.waitFor(() => expect(dialog().exists()).toBe(false))
    expect(server.callsTo('POST', '/api/staff/tables/tbl_5/check/close')[0]!.body).toEqual({})
    expect(useStaffNoticesStore().notices.map(notice => [notice.key, notice.params])).toEqual([['console.closeCheck.closed', { table: 'Table 5' }]])
  })

  it('asks how it was settled while something is due, then closes it with that reason', async () => {
    server.on('POST /api/staff/tables/:id/check/close', call => (call.body as { reason?: string }).reason
      ? { status: 200, body: {} }
      : { status: 409, body: { code: 'CHECK_NOT_SETTLED', message: 'due' } })
    await openDialog()
    await dialog().get('form').trigger('submit')
    await vi.waitFor(() => expect(dialog().find('[data-testid="staff-close-check-due"]').exists()).toBe(true))
    expect(dialog().get('[data-testid="staff-close-check-due"]').text()).toContain('Something is still due on this check')

    await dialog().get('form').trigger('submit')
    expect(dialog().text()).toContain('Say how it was settled.')
    expect(server.callsTo('POST', '/api/staff/tables/tbl_5/check/close')).toHaveLength(1)

    await dialog().get('[data-testid="staff-close-check-reason-paidAtCounter"]').trigger('click')
    await dialog().get('form').trigger('submit')
    await vi.waitFor(() => expect(dialog().exists()).toBe(false))
    expect(server.callsTo('POST', '/api/staff/tables/tbl_5/check/close')[1]!.body).toEqual({ reason: 'Paid at the counter' })
  })
})
