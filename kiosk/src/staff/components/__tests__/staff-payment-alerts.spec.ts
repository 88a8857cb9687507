// A payment's page and the alerts: stuck payments can be asked about again, failures and alerts are explained with what to do.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import type { Alert } from '@shared/schemas/alert'
import type { StaffPaymentDetail } from '@shared/schemas/payment'
import { createMockServer, type MockServer } from '@/__tests__/support'
import StaffAlertsView from '@/staff/views/StaffAlertsView.vue'
import StaffPaymentView from '@/staff/views/StaffPaymentView.vue'
import { STAFF, loggedIn, mountStaff, payment } from './staff-support'

let server: MockServer
let wrapper: VueWrapper

beforeEach(() => {
  server = createMockServer()
  server.on('GET /api/staff/orders', () => ({ status: 200, body: [] }))
  vi.stubGlobal('fetch', server.fetch)
})

afterEach(() => {
  wrapper.unmount()
  vi.unstubAllGlobals()
})

function detail (overrides: Partial<StaffPaymentDetail> = {}): StaffPaymentDetail {
  return {
    payment: payment({ status: 'unknown', tradeNo: null }),
    refunds: [],
    events: [
      { at: '2030-01-01T12:00:00.000Z', source: 'api', kind: 'created', detail: { amount: 9400 } },
      { at: '2030-01-01T12:02:00.000Z', source: 'reconciler', kind: 'unknown', detail: { step: 'query', reason: 'timeout' } },
      { at: '2030-01-01T12:03:00.000Z', source: 'gateway', kind: 'something-new', detail: {} },
    ],
    ...overrides,
  }
}

describe('StaffPaymentView', () => {
  async function openPayment (body: StaffPaymentDetail): Promise<void> {
    server.on('GET /api/staff/payments/:id', () => ({ status: 200, body }))
    ;({ wrapper } = await mountStaff(StaffPaymentView, { pinia: loggedIn(STAFF), props: { id: 'pay_1' }, path: '/staff/payments/pay_1' }))
    await vi.waitFor(() => expect(wrapper.find('[data-testid="staff-payment-detail"]').exists()).toBe(true))
  }

  it('lets anyone ask Alipay again about an unknown payment, and shows what it says now', async () => {
    await openPayment(detail())
    expect(wrapper.text()).toContain('Alipay has not told us yet whether the diner paid.')
    server.on('POST /api/staff/payments/:id/query', () => ({ status: 200, body: payment({ status: 'paid' }) }))
    server.on('GET /api/staff/payments/:id', () => ({ status: 200, body: detail({ payment: payment({ status: 'paid' }) }) }))
    await wrapper.get('[data-testid="staff-payment-requery"]').trigger('click')
    await vi.waitFor(() => expect(wrapper.get('[data-testid="staff-payment-detail"]').attributes('data-status')).toBe('paid'))
    expect(server.callsTo('POST', '/api/staff/payments/pay_1/query')).toHaveLength(1)
    // Paid now: nothing left to ask.
    expect(wrapper.find('[data-testid="staff-payment-requery"]').exists()).toBe(false)
  })

  it('tells the history in words, keeping codes it does not know', async () => {
    await openPayment(detail())
    const history = wrapper.get('[data-testid="staff-payment-events"]').text()
    expect(history).toContain('Payment started')
    expect(history).toContain('Outcome unknown')
    expect(history).toContain('automatic check')
    expect(history).toContain('something-new')
  })

  it('explains a failure from its code, with what to do (staff-failure-words.spec.ts words every code)', async () => {
    await openPayment(detail({ payment: payment({ status: 'cancelled', failureCode: 'EXPIRED' }) }))
    const failure = wrapper.get('[data-testid="staff-payment-failure"]').text()
    expect(failure).toContain('The QR code expired before the diner paid. Nothing was charged.')
    expect(failure).toContain('Start a new payment if the diner still wants to pay.')
    expect(failure).toContain('(EXPIRED)')
  })
})

describe('StaffAlertsView', () => {
  const alert = (overrides: Partial<Alert> = {}): Alert => ({
    id: 'alr_1',
    kind: 'payment.unknown',
    severity: 'warning',
    paymentId: 'pay_1',
    orderId: 'ord_1',
    detail: { outTradeNo: 'pay_1' },
    createdAt: '2030-01-01T12:00:00.000Z',
    acknowledgedAt: null,
    ...overrides,
  })

  it('explains each alert with what to do, and acknowledges it', async () => {
    server.on('GET /api/staff/alerts', () => ({ status: 200, body: { alerts: [alert()], nextCursor: null } }))
    server.on('POST /api/staff/alerts/:id/ack', () => ({ status: 200, body: alert({ acknowledgedAt: '2030-01-01T12:05:00.000Z' }) }))
    ;({ wrapper } = await mountStaff(StaffAlertsView, { pinia: loggedIn(STAFF), path: '/staff/alerts' }))
    await vi.waitFor(() => expect(wrapper.find('[data-testid="staff-alert"]').exists()).toBe(true))
    const card = wrapper.get('[data-testid="staff-alert"]')
    expect(card.text()).toContain('A payment is still unclear')
    expect(card.text()).toContain('Alipay has not confirmed this payment')
    expect(card.text()).toContain('Check the diner\'s Alipay app before serving')
    await card.get('[data-testid="staff-alert-ack"]').trigger('click')
    // Done ones leave the list (and the count in the navigation); they can still be shown.
    await vi.waitFor(() => expect(wrapper.find('[data-testid="staff-alerts-empty"]').exists()).toBe(true))
    expect(server.callsTo('POST', '/api/staff/alerts/alr_1/ack')).toHaveLength(1)
    server.on('GET /api/staff/alerts', () => ({ status: 200, body: { alerts: [alert({ acknowledgedAt: '2030-01-01T12:05:00.000Z' })], nextCursor: null } }))
    await wrapper.get('[data-testid="staff-alerts-all"]').trigger('click')
    await vi.waitFor(() => expect(wrapper.find('[data-testid="staff-alert"]').exists()).toBe(true))
    expect(wrapper.get('[data-testid="staff-alert"]').attributes('data-acknowledged')).toBe('true')
    expect(wrapper.find('[data-testid="staff-alert-ack"]').exists()).toBe(false)
  })

  it('words each alert in the console\'s language, and a kind it does not know in general words', async () => {
    const refundFailed = alert({ kind: 'refund.failed' })
    const unknownKind = { ...alert({ id: 'alr_2' }), kind: 'something.new' } as unknown as Alert
    server.on('GET /api/staff/alerts', () => ({ status: 200, body: { alerts: [refundFailed, unknownKind], nextCursor: null } }))
    ;({ wrapper } = await mountStaff(StaffAlertsView, { pinia: loggedIn(STAFF), path: '/staff/alerts', locale: 'zh-CN' }))
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid="staff-alert"]')).toHaveLength(2))
    const [refund, other] = wrapper.findAll('[data-testid="staff-alert"]')
    expect(refund!.text()).toContain('有一笔退款失败')
    expect(refund!.text()).toContain('退款未能完成')
    expect(other!.text()).toContain('有情况需要查看')
  })

  it('loads older alerts page by page with "Show more", passing the cursor it was given', async () => {
    const newer = Array.from({ length: 2 }, (_, i) => alert({ id: `alr_new_${i}`, createdAt: `2030-01-01T12:0${5 - i}:00.000Z` }))
    const older = alert({ id: 'alr_old', createdAt: '2030-01-01T11:00:00.000Z' })
    server.on('GET /api/staff/alerts', (call) => ({
      status: 200,
      body: new URLSearchParams(call.search).get('before') === 'cursor_1'
        ? { alerts: [older], nextCursor: null }
        : { alerts: newer, nextCursor: 'cursor_1' },
    }))
    ;({ wrapper } = await mountStaff(StaffAlertsView, { pinia: loggedIn(STAFF), path: '/staff/alerts' }))
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid="staff-alert"]')).toHaveLength(2))
    const more = wrapper.get('[data-testid="staff-alerts-more"]')
    expect(more.text()).toBe('Show older alerts')
    await more.trigger('click')
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid="staff-alert"]')).toHaveLength(3))
    expect(wrapper.findAll('[data-testid="staff-alert"]').map(card => card.attributes('data-alert-id'))).toEqual(['alr_new_0', 'alr_new_1', 'alr_old'])
    // The last page: nothing more to show.
    expect(wrapper.find('[data-testid="staff-alerts-more"]').exists()).toBe(false)
    expect(server.callsTo('GET', '/api/staff/alerts').map(call => call.search)).toEqual(['', '?before=cursor_1'])
  })
})
