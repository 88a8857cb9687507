// Roles: refunds, menu editing and staff accounts are for managers; staff see why a control is missing, and managers get it.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Component } from 'vue'
import type { VueWrapper } from '@vue/test-utils'
import type { StaffMember } from '@shared/schemas/staff'
import { MENU, createMockServer, type MockServer } from '@/__tests__/support'
import StaffNav from '@/staff/components/StaffNav.vue'
import StaffRefundPanel from '@/staff/components/StaffRefundPanel.vue'
import { MANAGER, STAFF, loggedIn, mountStaff, payment } from '@/staff/components/__tests__/staff-support'
import { useStaffPaymentsStore } from '@/staff/stores/staff-payments'
import StaffMembersView from '../StaffMembersView.vue'
import StaffMenuView from '../StaffMenuView.vue'

let server: MockServer
let wrapper: VueWrapper

beforeEach(() => {
  server = createMockServer()
  server.on('GET /api/menu', () => ({ status: 200, body: MENU }))
  server.on('GET /api/staff/members', () => ({ status: 200, body: [MANAGER, STAFF] }))
  vi.stubGlobal('fetch', server.fetch)
})

afterEach(() => {
  wrapper.unmount()
  vi.unstubAllGlobals()
})

async function mountAs (member: StaffMember, component: Component, props: Record<string, unknown> = {}) {
  ;({ wrapper } = await mountStaff(component, { pinia: loggedIn(member), props }))
}

describe('refunds', () => {
  it('are closed to staff, who are told to ask a manager', async () => {
    await mountAs(STAFF, StaffRefundPanel, { payment: payment() })
    expect(wrapper.get('[data-testid="staff-refund-locked"]').text()).toContain('Only managers can give money back')
    expect(wrapper.find('[data-testid="staff-refund-amount"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="staff-refund-submit"]').exists()).toBe(false)
  })

  it('are open to managers: the rest of the payment by default, a reason, a confirmation, then the outcome', async () => {
    server.on('POST /api/staff/payments/:id/refunds', call => ({
      status: 201,
      body: { id: 'ref_1', paymentId: 'pay_1', outRequestNo: 'r1', status: 'succeeded', createdAt: '2030-01-01T12:30:00.000Z', ...(call.body as object) },
    }))
    server.on('GET /api/staff/payments/:id', () => ({ status: 200, body: { payment: payment({ status: 'partially_refunded', refundedAmount: 1000 }), refunds: [], events: [] } }))
    await mountAs(MANAGER, StaffRefundPanel, { payment: payment({ refundedAmount: 0 }) })
    expect(wrapper.find('[data-testid="staff-refund-locked"]').exists()).toBe(false)
    const amount = wrapper.get('[data-testid="staff-refund-amount"]')
    expect((amount.element as HTMLInputElement).value).toBe('94.00')
    await amount.setValue('10')
    await wrapper.get('[data-testid="staff-refund-submit"]').trigger('click')
    expect(wrapper.text()).toContain('Please give a reason.')
    await wrapper.get('[data-testid="staff-refund-reason"]').setValue('Cold soup')
    await wrapper.get('[data-testid="staff-refund-submit"]').trigger('click')
    expect(server.callsTo('POST', '/api/staff/payments/pay_1/refunds')).toHaveLength(0)
    const confirm = wrapper.get('[data-testid="staff-refund-confirm"]')
    expect(confirm.text()).toContain('Give ¥10.00 back to the diner?')
    await confirm.get('[data-testid="staff-refund-confirm-ok"]').trigger('click')
    await vi.waitFor(() => expect(wrapper.find('[data-testid="staff-refund-outcome"]').exists()).toBe(true))
    expect(server.callsTo('POST', '/api/staff/payments/pay_1/refunds')[0]?.body).toEqual({ amount: 1000, reason: 'Cold soup' })
    expect(wrapper.get('[data-testid="staff-refund-outcome"]').text()).toContain('¥10.00 refunded')
    expect(useStaffPaymentsStore().detail?.payment.refundedAmount).toBe(1000)
  })

  it('cannot ask for more than is left', async () => {
    await mountAs(MANAGER, StaffRefundPanel, { payment: payment({ status: 'partially_refunded', refundedAmount: 9000 }) })
    await wrapper.get('[data-testid="staff-refund-amount"]').setValue('5')
    await wrapper.get('[data-testid="staff-refund-reason"]').setValue('Cold soup')
    await wrapper.get('[data-testid="staff-refund-submit"]').trigger('click')
    expect(wrapper.text()).toContain('At most ¥4.00.')
    expect(wrapper.find('[data-testid="staff-refund-confirm"]').exists()).toBe(false)
  })
})

describe('menu editing', () => {
  it('is closed to staff: no editing controls, a sentence saying who can', async () => {
    await mountAs(STAFF, StaffMenuView)
    await vi.waitFor(() => expect(wrapper.find('[data-testid="staff-managers-only"]').exists()).toBe(true))
    expect(wrapper.text()).toContain('Only managers can edit the menu.')
    expect(wrapper.find('[data-testid="staff-category-add"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="staff-dish-edit"]').exists()).toBe(false)
    expect(server.callsTo('GET', '/api/menu')).toHaveLength(0)
  })

  it('is open to managers: every category with its dishes and their edit buttons', async () => {
    await mountAs(MANAGER, StaffMenuView)
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid="staff-menu-category"]')).toHaveLength(2))
    expect(wrapper.find('[data-testid="staff-category-add"]').exists()).toBe(true)
    expect(wrapper.findAll('[data-testid="staff-dish-edit"]')).toHaveLength(3)
    expect(wrapper.find('[data-testid="staff-managers-only"]').exists()).toBe(false)
  })
})

describe('staff accounts', () => {
  it('are closed to staff, and not even listed', async () => {
    await mountAs(STAFF, StaffMembersView)
    await vi.waitFor(() => expect(wrapper.find('[data-testid="staff-managers-only"]').exists()).toBe(true))
    expect(wrapper.find('[data-testid="staff-member-add"]').exists()).toBe(false)
    expect(server.callsTo('GET', '/api/staff/members')).toHaveLength(0)
  })
})

describe('navigation', () => {
  const links = () => wrapper.findAll('[data-testid^="staff-nav-"]').map(link => link.attributes('data-testid'))

  it('leaves the manager screens out for staff', async () => {
    await mountAs(STAFF, StaffNav, { variant: 'side' })
    expect(links()).not.toContain('staff-nav-menu')
    expect(links()).not.toContain('staff-nav-members')
    expect(links()).toContain('staff-nav-soldOut')
  })

  it('shows them to managers', async () => {
    await mountAs(MANAGER, StaffNav, { variant: 'side' })
    expect(links()).toEqual(expect.arrayContaining(['staff-nav-menu', 'staff-nav-members', 'staff-nav-orders', 'staff-nav-payments']))
  })
})
