// Payments filtered by state and store days; tables named in both languages (the console shows the one for its language).
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import type { Table } from '@shared/schemas/table'
import { createMockServer, type MockServer } from '@/__tests__/support'
import StaffPaymentsView from '@/staff/views/StaffPaymentsView.vue'
import StaffTablesView from '@/staff/views/StaffTablesView.vue'
import { useStaffPaymentsStore } from '@/staff/stores/staff-payments'
import { MANAGER, loggedIn, mountStaff, payment } from './staff-support'

let server: MockServer
let wrapper: VueWrapper

afterEach(() => {
  wrapper.unmount()
  vi.unstubAllGlobals()
})

function serve (): MockServer {
  server = createMockServer()
  server.on('GET /api/staff/orders', () => ({ status: 200, body: [] }))
  server.on('GET /api/staff/payments', () => ({ status: 200, body: [payment()] }))
  server.on('GET /api/staff/devices', () => ({ status: 200, body: [] }))
  server.on('GET /api/staff/settings/payment-mode', () => ({ status: 200, body: { mode: 'pay_first' } }))
  vi.stubGlobal('fetch', server.fetch)
  return server
}

const paymentQueries = () => server.callsTo('GET', '/api/staff/payments').map(call => Object.fromEntries(new URLSearchParams(call.search)))

describe('payments by store days', () => {
  it('asks for the days picked, with the state, and all days again on request', async () => {
    serve()
    ;({ wrapper } = await mountStaff(StaffPaymentsView, { pinia: loggedIn(MANAGER), path: '/staff/payments' }))
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid="staff-payment-row"]')).toHaveLength(1))
    await wrapper.get('[data-testid="staff-payments-filter"]').setValue('paid')
    await wrapper.get('[data-testid="staff-payments-from"]').setValue('2030-01-01')
    await wrapper.get('[data-testid="staff-payments-from"]').trigger('change')
    await wrapper.get('[data-testid="staff-payments-to"]').setValue('2030-01-02')
    await wrapper.get('[data-testid="staff-payments-to"]').trigger('change')
    await vi.waitFor(() => expect(paymentQueries().at(-1)).toEqual({ status: 'paid', from: '2030-01-01', to: '2030-01-02', limit: '200' }))
    await wrapper.get('[data-testid="staff-payments-all-days"]').trigger('click')
    await vi.waitFor(() => expect(paymentQueries().at(-1)).toEqual({ status: 'paid', limit: '200' }))
  })

  it('adds a live payment only when it belongs to the days shown (the store\'s calendar)', () => {
    loggedIn(MANAGER)
    const payments = useStaffPaymentsStore()
    payments.days = { from: '2030-01-02', to: '2030-01-02' }
    // 23:30 UTC on 1 Jan is 07:30 on 2 Jan in Shanghai, the store's zone.
    payments.receive(payment({ id: 'in', createdAt: '2030-01-01T23:30:00.000Z' }))
    payments.receive(payment({ id: 'out', createdAt: '2030-01-01T12:00:00.000Z' }))
    expect(payments.list.map(entry => entry.id)).toEqual(['in'])
  })
})

describe('tables in two languages', () => {
  const TABLES: Table[] = [
    { id: 't1', label: 'Window 1', labelZh: '窗边 1', code: 'abc', seats: 4 },
    { id: 't2', label: 'Bar', labelZh: null, code: 'def', seats: 2 },
  ]

  async function tablesView (locale: 'en' | 'zh-CN') {
    serve()
    server.on('GET /api/staff/tables', () => ({ status: 200, body: TABLES }))
    server.on('POST /api/staff/tables', call => ({ status: 201, body: { id: 't3', code: 'ghi', seats: 4, ...(call.body as object) } }))
    ;({ wrapper } = await mountStaff(StaffTablesView, { pinia: loggedIn(MANAGER), path: '/staff/tables', locale }))
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid="staff-table"]')).toHaveLength(2))
  }

  const names = () => wrapper.findAll('[data-testid="staff-table-name"]').map(name => name.text())

  it('shows the Chinese name in Chinese when a table has one, the label otherwise', async () => {
    await tablesView('zh-CN')
    expect(names()).toEqual(['Bar', '窗边 1'])
    expect(wrapper.get('[data-table-id="t1"] [data-testid="staff-table-other-name"]').text()).toBe('Window 1')
  })

  it('shows the label in English, with the Chinese name under it', async () => {
    await tablesView('en')
    expect(names()).toEqual(['Bar', 'Window 1'])
    expect(wrapper.get('[data-table-id="t1"] [data-testid="staff-table-other-name"]').text()).toBe('窗边 1')
  })

  it('adds a table with both names; a blank Chinese name is none', async () => {
    await tablesView('en')
    await wrapper.get('[data-testid="staff-table-add"]').trigger('click')
    await wrapper.get('[data-testid="staff-table-label"]').setValue('Terrace')
    await wrapper.get('[data-testid="staff-table-label-zh"]').setValue(' 露台 ')
    await wrapper.get('[data-testid="staff-table-add-dialog"] form').trigger('submit')
    await vi.waitFor(() => expect(server.callsTo('POST', '/api/staff/tables')).toHaveLength(1))
    expect(server.callsTo('POST', '/api/staff/tables')[0]?.body).toEqual({ label: 'Terrace', labelZh: '露台' })
  })
})
