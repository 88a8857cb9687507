// The orders screen beyond the live board: finished orders with the unpaid cancelled ones folded away, the server's own cancel
// reason in words, and a search for any order by number, table, dish and store days.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import type { Order } from '@shared/schemas/order'
import { createMockServer, type MockServer } from '@/__tests__/support'
import StaffOrdersView from '@/staff/views/StaffOrdersView.vue'
import { MANAGER, loggedIn, mountStaff, order, payment } from './staff-support'

const DONE: Order[] = [
  order({ id: 's1', number: 11, status: 'served', tableLabel: 'T1', updatedAt: '2030-01-01T12:05:00.000Z' }),
  order({ id: 'c1', number: 12, status: 'cancelled', tableLabel: 'T2', cancelReason: 'payment_abandoned', updatedAt: '2030-01-01T12:04:00.000Z' }),
  order({ id: 'c2', number: 13, status: 'cancelled', tableLabel: 'T3', cancelReason: 'The diner left', updatedAt: '2030-01-01T12:03:00.000Z' }),
  order({
    id: 'c3', number: 14, status: 'cancelled', tableLabel: 'T4', cancelReason: 'A dish ran out', updatedAt: '2030-01-01T12:02:00.000Z',
    payments: [payment({ orderId: 'c3', status: 'refunded', refundedAmount: 9400 })],
  }),
]
const FOUND = order({ id: 'old', number: 7, status: 'served', tableLabel: 'Window', createdAt: '2029-12-30T04:00:00.000Z', updatedAt: '2029-12-30T05:00:00.000Z' })

let server: MockServer
let wrapper: VueWrapper

beforeEach(async () => {
  server = createMockServer()
  server.on('GET /api/staff/orders', (call) => {
    const query = new URLSearchParams(call.search)
    if (query.has('q') || query.has('from')) return { status: 200, body: [FOUND] }
    return { status: 200, body: DONE.filter(candidate => candidate.status === query.get('status')) }
  })
  vi.stubGlobal('fetch', server.fetch)
  ;({ wrapper } = await mountStaff(StaffOrdersView, { pinia: loggedIn(MANAGER) }))
  await vi.waitFor(() => expect(wrapper.find('[data-testid="staff-orders-filter-done"]').exists()).toBe(true))
})

afterEach(() => {
  wrapper.unmount()
  vi.unstubAllGlobals()
})

const shownIds = () => wrapper.findAll('[data-testid="staff-order"]').filter(card => card.isVisible()).map(card => card.attributes('data-order-id'))

describe('the finished orders', () => {
  it('fold orders cancelled before anyone paid behind an "n cancelled" toggle; paid ones that were cancelled stay in sight', async () => {
    await wrapper.get('[data-testid="staff-orders-filter-done"]').trigger('click')
    await vi.waitFor(() => expect(shownIds()).toEqual(['s1', 'c3']))
    const toggle = wrapper.get('[data-testid="staff-done-cancelled-toggle"]')
    expect(toggle.text()).toBe('Show 2 orders cancelled unpaid')
    expect(toggle.attributes('aria-expanded')).toBe('false')
    await toggle.trigger('click')
    expect(shownIds()).toEqual(['s1', 'c3', 'c1', 'c2'])
    expect(toggle.attributes('aria-expanded')).toBe('true')
    expect(toggle.text()).toBe('Hide 2 orders cancelled unpaid')
  })

  it('word the server\'s own reason (nobody paid in time), and staff\'s reasons as typed', async () => {
    await wrapper.get('[data-testid="staff-orders-filter-done"]').trigger('click')
    await wrapper.get('[data-testid="staff-done-cancelled-toggle"]').trigger('click')
    const reason = (id: string) => wrapper.get(`[data-order-id="${id}"] [data-testid="staff-order-cancel-reason"]`).text()
    expect(reason('c1')).toBe('Cancelled: Not paid in time — cancelled automatically')
    expect(reason('c2')).toBe('Cancelled: The diner left')
  })
})

describe('finding an order', () => {
  it('asks the server by text and store days, and shows what it found', async () => {
    await wrapper.get('[data-testid="staff-orders-filter-search"]').trigger('click')
    expect(wrapper.text()).toContain('Old orders are found too.')
    await wrapper.get('[data-testid="staff-order-search-text"]').setValue(' mapo ')
    await wrapper.get('[data-testid="staff-order-search-from"]').setValue('2029-12-30')
    await wrapper.get('[data-testid="staff-order-search-to"]').setValue('2029-12-31')
    await wrapper.get('[data-testid="staff-order-search"] form').trigger('submit')
    await vi.waitFor(() => expect(shownIds()).toEqual(['old']))
    const asked = server.calls.filter(call => call.path === '/api/staff/orders' && call.search.includes('q='))
    expect(Object.fromEntries(new URLSearchParams(asked[0]!.search))).toEqual({ q: 'mapo', from: '2029-12-30', to: '2029-12-31', limit: '100' })
    expect(wrapper.get('[data-testid="staff-order-search-count"]').text()).toBe('1 order found.')
  })

  it('refuses a range that ends before it starts, in words, without asking', async () => {
    await wrapper.get('[data-testid="staff-orders-filter-search"]').trigger('click')
    await wrapper.get('[data-testid="staff-order-search-from"]').setValue('2029-12-31')
    await wrapper.get('[data-testid="staff-order-search-to"]').setValue('2029-12-30')
    const before = server.calls.length
    await wrapper.get('[data-testid="staff-order-search"] form').trigger('submit')
    expect(wrapper.text()).toContain('The first day is after the last one.')
    expect(server.calls.length).toBe(before)
  })
})
