// Test support for the staff console specs: i18n with the console's messages, a router, server-shaped orders and payments.
import { mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { createMemoryHistory, createRouter, type Router } from 'vue-router'
import type { Component } from 'vue'
import type { Locale } from '@shared/schemas/common'
import type { Order } from '@shared/schemas/order'
import type { Payment } from '@shared/schemas/payment'
import type { StaffMember, StaffStore } from '@shared/schemas/staff'
import { createKioskI18n } from '@/core/i18n'
import { installStaffMessages } from '@/staff/i18n'
import { useStaffSessionStore } from '@/staff/stores/staff-session'
import { STAFF_ROUTES } from '@/staff/views/routes'

export function staffI18n (locale: Locale = 'en') {
  const i18n = createKioskI18n(locale)
  installStaffMessages(i18n.global)
  return i18n
}

export function staffRouter (): Router {
  return createRouter({ history: createMemoryHistory(), routes: [{ path: '/staff', children: STAFF_ROUTES }, { path: '/', component: { render: () => null } }] })
}

export const MANAGER: StaffMember = { id: 'stf_manager', name: 'Mei', role: 'manager' }
export const STAFF: StaffMember = { id: 'stf_staff', name: 'Wang', role: 'staff' }
/** The store every session answer names (GET/POST /api/staff/session: `{ staff, store }`). */
export const STORE: StaffStore = { id: 'default', slug: 'default', name: 'Golden Lotus', currency: 'CNY', timezone: 'Asia/Shanghai' }

/** A fresh Pinia with someone logged in (or nobody), as the session answer left it. */
export function loggedIn (member: StaffMember | null, store: StaffStore = STORE): Pinia {
  const pinia = createPinia()
  setActivePinia(pinia)
  const session = useStaffSessionStore()
  session.member = member
  session.store = member === null ? null : store
  session.checked = true
  return pinia
}

export interface StaffMountOptions {
  pinia: Pinia
  props?: Record<string, unknown>
  /** Where the router stands (the console's screens read the route). */
  path?: string
  locale?: Locale
}

/** Mounts a console component with Pinia, the console's i18n and a router at `path`. */
export async function mountStaff (component: Component, options: StaffMountOptions): Promise<{ wrapper: VueWrapper, router: Router }> {
  const router = staffRouter()
  await router.push(options.path ?? '/staff/orders')
  const wrapper: VueWrapper = mount(component, {
    props: options.props,
    attachTo: document.body,
    global: { plugins: [options.pinia, staffI18n(options.locale), router], stubs: { teleport: true } },
  })
  return { wrapper, router }
}

const AT = '2030-01-01T12:00:00.000Z'
const text = (en: string, zh: string) => ({ en, 'zh-CN': zh })

export function order (overrides: Partial<Order> = {}): Order {
  return {
    id: 'ord_1',
    number: 42,
    clientOrderId: '00000000-0000-4000-8000-000000000001',
    tableId: 'tbl_5',
    tableLabel: 'Table 5',
    status: 'paid',
    lines: [
      {
        itemId: 'mapo',
        names: text('Mapo tofu', '麻婆豆腐'),
        quantity: 2,
        unitPrice: 4100,
        options: [
          { id: 'hot', groupId: 'spice', names: text('Hot', '特辣'), priceDelta: 0 },
          { id: 'rice', groupId: 'extras', names: text('Rice', '米饭'), priceDelta: 300 },
        ],
        note: 'No coriander',
        lineTotal: 8200,
      },
      { itemId: 'tea', names: text('Jasmine tea', '茉莉花茶'), quantity: 1, unitPrice: 1200, options: [], note: null, lineTotal: 1200 },
    ],
    subtotal: 9400,
    total: 9400,
    currency: 'CNY',
    note: null,
    cancelReason: null,
    createdAt: AT,
    updatedAt: AT,
    payments: [],
    ...overrides,
  }
}

export function payment (overrides: Partial<Payment> = {}): Payment {
  return {
    id: 'pay_1',
    orderId: 'ord_1',
    checkId: null,
    method: 'alipay_qr',
    status: 'paid',
    amount: 9400,
    refundedAmount: 0,
    currency: 'CNY',
    qrCode: null,
    tradeNo: '2030010122001400000000000001',
    expiresAt: null,
    failureCode: null,
    createdAt: AT,
    updatedAt: AT,
    ...overrides,
  }
}
