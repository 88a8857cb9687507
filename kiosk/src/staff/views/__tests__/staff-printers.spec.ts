// Printers: managers add them by address with a language and the dishes they print, test them and see which cannot be
// reached; staff are told it is a manager's screen; order cards reprint tickets and print receipts; the board warns of a
// printer that is down.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Component } from 'vue'
import type { VueWrapper } from '@vue/test-utils'
import type { Alert } from '@shared/schemas/alert'
import type { Printer } from '@shared/schemas/printer'
import type { StaffMember } from '@shared/schemas/staff'
import { MENU, createMockServer, type MockServer } from '@/__tests__/support'
import StaffOrderPrinting from '@/staff/components/StaffOrderPrinting.vue'
import StaffPrinterAlerts from '@/staff/components/StaffPrinterAlerts.vue'
import { MANAGER, STAFF, loggedIn, mountStaff, order } from '@/staff/components/__tests__/staff-support'
import { useStaffAlertsStore } from '@/staff/stores/staff-alerts'
import StaffPrintersView from '../StaffPrintersView.vue'

const AT = '2030-01-01T12:00:00.000Z'

function printer (overrides: Partial<Printer> = {}): Printer {
  return {
    id: 'prn_kitchen',
    name: 'Kitchen',
    host: '192.168.1.50',
    port: 9100,
    language: 'zh-CN',
    routing: 'rest',
    categoryIds: [],
    state: { queued: 0, failingSince: null, lastError: null, lastPrintedAt: AT },
    createdAt: AT,
    ...overrides,
  }
}

const BAR = printer({
  id: 'prn_bar', name: 'Bar', host: '192.168.1.51', language: 'en', routing: 'categories', categoryIds: ['drinks'],
  state: { queued: 2, failingSince: AT, lastError: 'ECONNREFUSED', lastPrintedAt: null },
})
const COUNTER = printer({ id: 'prn_counter', name: 'Counter', routing: 'none' })

let server: MockServer
let wrapper: VueWrapper

beforeEach(() => {
  server = createMockServer()
  server.on('GET /api/menu', () => ({ status: 200, body: MENU }))
  server.on('GET /api/staff/menu', () => ({ status: 200, body: MENU }))
  vi.stubGlobal('fetch', server.fetch)
})

afterEach(() => {
  wrapper.unmount()
  vi.unstubAllGlobals()
})

async function mountAs (member: StaffMember, component: Component, props: Record<string, unknown> = {}) {
  ;({ wrapper } = await mountStaff(component, { pinia: loggedIn(member), props }))
}

describe('the printers screen', () => {
  it('lists each printer with what it prints, and says which cannot be reached and how many tickets wait', async () => {
    server.on('GET /api/staff/printers', () => ({ status: 200, body: [printer(), BAR] }))
    await mountAs(MANAGER, StaffPrintersView)
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid="staff-printer"]')).toHaveLength(2))
    const [kitchen, bar] = wrapper.findAll('[data-testid="staff-printer"]')
    expect(kitchen!.text()).toContain('192.168.1.50:9100 · Chinese')
    expect(kitchen!.text()).toContain('Prints every dish no other printer takes')
    expect(kitchen!.get('[data-testid="staff-printer-state"]').text()).toContain('Printing. Last printed')
    expect(bar!.attributes('data-failing')).toBe('true')
    await vi.waitFor(() => expect(bar!.text()).toContain('Prints Drinks'))
    expect(bar!.get('[data-testid="staff-printer-state"]').text()).toBe('Cannot be reached since 20:00; 2 tickets wait and print, in order, when it is back.')
  })

  it('works with no printer: it says what printers are for', async () => {
    server.on('GET /api/staff/printers', () => ({ status: 200, body: [] }))
    await mountAs(MANAGER, StaffPrintersView)
    await vi.waitFor(() => expect(wrapper.find('[data-testid="staff-printers-empty"]').exists()).toBe(true))
    expect(wrapper.text()).toContain('No printers yet.')
  })

  it('adds a bar printer for some categories, and will not save one without a category', async () => {
    server.on('GET /api/staff/printers', () => ({ status: 200, body: [] }))
    server.on('POST /api/staff/printers', call => ({ status: 201, body: printer({ id: 'prn_new', ...(call.body as object) }) }))
    await mountAs(MANAGER, StaffPrintersView)
    await vi.waitFor(() => expect(wrapper.find('[data-testid="staff-printers-empty"]').exists()).toBe(true))
    await wrapper.get('[data-testid="staff-printer-add"]').trigger('click')
    await wrapper.get('[data-testid="staff-printer-name"]').setValue('Bar')
    await wrapper.get('[data-testid="staff-printer-host"]').setValue(' 192.168.1.51 ')
    await wrapper.get('[data-testid="staff-printer-language-en"] input').setValue(true)
    await wrapper.get('[data-testid="staff-printer-routing-categories"] input').setValue(true)
    await wrapper.get('[data-testid="staff-printer-dialog-save"]').trigger('click')
    expect(wrapper.text()).toContain('Choose at least one category.')
    expect(server.callsTo('POST', '/api/staff/printers')).toHaveLength(0)

    await vi.waitFor(() => expect(wrapper.find('[data-testid="staff-printer-category-drinks"]').exists()).toBe(true))
    await wrapper.get('[data-testid="staff-printer-category-drinks"] input').setValue(true)
    await wrapper.get('[data-testid="staff-printer-dialog-save"]').trigger('click')
    await vi.waitFor(() => expect(server.callsTo('POST', '/api/staff/printers')).toHaveLength(1))
    expect(server.callsTo('POST', '/api/staff/printers')[0]!.body).toEqual({
      name: 'Bar', host: '192.168.1.51', port: 9100, language: 'en', routing: 'categories', categoryIds: ['drinks'],
    })
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid="staff-printer"]')).toHaveLength(1))
  })

  it('refuses an address with a scheme or a path before asking the server', async () => {
    server.on('GET /api/staff/printers', () => ({ status: 200, body: [] }))
    await mountAs(MANAGER, StaffPrintersView)
    await vi.waitFor(() => expect(wrapper.find('[data-testid="staff-printers-empty"]').exists()).toBe(true))
    await wrapper.get('[data-testid="staff-printer-add"]').trigger('click')
    await wrapper.get('[data-testid="staff-printer-name"]').setValue('Kitchen')
    await wrapper.get('[data-testid="staff-printer-host"]').setValue('http://192.168.1.50/')
    await wrapper.get('[data-testid="staff-printer-dialog-save"]').trigger('click')
    expect(wrapper.text()).toContain('Enter the address alone')
    expect(server.callsTo('POST', '/api/staff/printers')).toHaveLength(0)
  })

  it('prints a test page', async () => {
    server.on('GET /api/staff/printers', () => ({ status: 200, body: [printer()] }))
    server.on('POST /api/staff/printers/:id/test', () => ({ status: 202, body: { jobs: [{ id: 1, printerId: 'prn_kitchen' }] } }))
    await mountAs(MANAGER, StaffPrintersView)
    await vi.waitFor(() => expect(wrapper.find('[data-testid="staff-printer-test"]').exists()).toBe(true))
    await wrapper.get('[data-testid="staff-printer-test"]').trigger('click')
    await vi.waitFor(() => expect(server.callsTo('POST', '/api/staff/printers/prn_kitchen/test')).toHaveLength(1))
  })

  it('is closed to staff, who are told who can set printers up', async () => {
    await mountAs(STAFF, StaffPrintersView)
    await vi.waitFor(() => expect(wrapper.find('[data-testid="staff-managers-only"]').exists()).toBe(true))
    expect(wrapper.text()).toContain('Only managers can set up printers.')
    expect(server.callsTo('GET', '/api/staff/printers')).toHaveLength(0)
  })
})

describe('an order card\'s print buttons', () => {
  it('reprint the kitchen tickets and print the receipt on the counter\'s printer', async () => {
    server.on('GET /api/staff/printers', () => ({ status: 200, body: [printer(), COUNTER] }))
    server.on('POST /api/staff/orders/:id/print', () => ({ status: 202, body: { jobs: [{ id: 2, printerId: 'prn_kitchen' }] } }))
    server.on('POST /api/staff/orders/:id/receipt', () => ({ status: 202, body: { jobs: [{ id: 3, printerId: 'prn_counter' }] } }))
    await mountAs(STAFF, StaffOrderPrinting, { order: order() })
    await vi.waitFor(() => expect(wrapper.find('[data-testid="staff-order-reprint"]').exists()).toBe(true))
    await wrapper.get('[data-testid="staff-order-reprint"]').trigger('click')
    await vi.waitFor(() => expect(server.callsTo('POST', '/api/staff/orders/ord_1/print')).toHaveLength(1))
    expect(server.callsTo('POST', '/api/staff/orders/ord_1/print')[0]!.body).toEqual({})
    // One print request at a time: the buttons wait for the answer.
    await vi.waitFor(() => expect(wrapper.get('[data-testid="staff-order-receipt"]').attributes('disabled')).toBeUndefined())
    await wrapper.get('[data-testid="staff-order-receipt"]').trigger('click')
    await vi.waitFor(() => expect(server.callsTo('POST', '/api/staff/orders/ord_1/receipt')).toHaveLength(1))
    expect(server.callsTo('POST', '/api/staff/orders/ord_1/receipt')[0]!.body).toEqual({ printerId: 'prn_counter' })
  })

  it('show nothing without printers, and no reprint for a pay-first order not paid yet', async () => {
    server.on('GET /api/staff/printers', () => ({ status: 200, body: [] }))
    await mountAs(STAFF, StaffOrderPrinting, { order: order() })
    await vi.waitFor(() => expect(server.callsTo('GET', '/api/staff/printers')).toHaveLength(1))
    expect(wrapper.find('[data-testid="staff-order-printing"]').exists()).toBe(false)
    wrapper.unmount()

    server.on('GET /api/staff/printers', () => ({ status: 200, body: [printer()] }))
    await mountAs(STAFF, StaffOrderPrinting, { order: order({ status: 'placed' }) })
    await vi.waitFor(() => expect(wrapper.find('[data-testid="staff-order-receipt"]').exists()).toBe(true))
    expect(wrapper.find('[data-testid="staff-order-reprint"]').exists()).toBe(false)
  })
})

describe('the board\'s printer warning', () => {
  it('names the printer that cannot be reached while its alert is open, and goes away once it prints again', async () => {
    await mountAs(STAFF, StaffPrinterAlerts)
    const alert: Alert = {
      id: 'alert_1', kind: 'printer.unreachable', severity: 'warning', paymentId: null, orderId: null,
      detail: { printerId: 'prn_bar', name: 'Bar', host: '192.168.1.51', port: 9100, code: 'ECONNREFUSED' }, createdAt: AT, acknowledgedAt: null,
    }
    const alerts = useStaffAlertsStore()
    alerts.receive(alert)
    await vi.waitFor(() => expect(wrapper.find('[data-testid="staff-printer-alert"]').exists()).toBe(true))
    expect(wrapper.text()).toContain('The printer Bar (192.168.1.51:9100) did not take its tickets')
    alerts.receive({ ...alert, acknowledgedAt: AT })
    await vi.waitFor(() => expect(wrapper.find('[data-testid="staff-printer-alerts"]').exists()).toBe(false))
  })
})
