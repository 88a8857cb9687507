// Fixtures for the staff console specs: consoles logged in without spending logins, members of a role, the dishes these specs may touch.
import { randomUUID } from 'node:crypto'
import { request, type APIRequestContext, type Browser, type BrowserContext, type Page } from '@playwright/test'
import { test as tabletTest, expect } from '../support/tablet.js'
import { baseUrl, newTable, pairDevice, type TableInfo } from '../support/staff-api.js'
import type { Menu, MenuItem } from '../support/menu.js'
import type { Order } from '../../shared/src/schemas/order.js'
import type { Payment } from '../../shared/src/schemas/payment.js'

export { expect }

export const PHONE = { width: 390, height: 844 } as const
export const DESKTOP = { width: 1440, height: 900 } as const

export interface Console { context: BrowserContext, page: Page }
export interface ConsoleOptions {
  viewport?: { width: number, height: number }
  /** Cookies of a logged-in API context; none opens the console at its PIN screen. */
  session?: APIRequestContext | null
  locale?: string
  /** The device's clock zone; the store's (Asia/Shanghai, the server's STORE_TIMEZONE) by default. */
  timezoneId?: string
}

/**
 * A browser profile with the console open at `path`. The session is copied from an API login:
 * logins are rate-limited per address and every spec shares the server, so specs log in sparingly.
 */
export async function openConsole (browser: Browser, path: string, options: ConsoleOptions = {}): Promise<Console> {
  const storageState = options.session ? await options.session.storageState() : undefined
  const context = await browser.newContext({
    baseURL: baseUrl(),
    viewport: options.viewport ?? DESKTOP,
    locale: options.locale ?? 'en-US',
    timezoneId: options.timezoneId ?? 'Asia/Shanghai',
    ...(storageState ? { storageState } : {}),
  })
  const page = await context.newPage()
  await page.goto(path)
  await expect(page.getByTestId('staff-console')).toHaveAttribute('data-session', options.session ? 'in' : 'out')
  return { context, page }
}

export interface Member { id: string, name: string, role: 'manager' | 'staff', pin: string }

/** A new staff member with a PIN nobody else has (a clash answers 409 PIN_IN_USE: another is drawn). */
export async function newMember (staff: APIRequestContext, role: Member['role'], name = `E2E ${role} ${Math.random().toString(36).slice(2, 7)}`): Promise<Member> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const pin = String(100_000 + Math.floor(Math.random() * 900_000))
    const response = await staff.post('/api/staff/members', { data: { name, role, pin } })
    if (response.status() === 409) continue
    if (!response.ok()) throw new Error(`member not created: ${response.status()} ${await response.text()}`)
    const member = await response.json() as { id: string }
    return { id: member.id, name, role, pin }
  }
  throw new Error('no free PIN after 5 tries')
}

/** An API context logged in with `pin` (one login). */
export async function apiSession (pin: string): Promise<APIRequestContext> {
  const context = await request.newContext({ baseURL: baseUrl() })
  const login = await context.post('/api/staff/session', { data: { pin } })
  if (!login.ok()) throw new Error(`login failed: ${login.status()} ${await login.text()}`)
  return context
}

/**
 * Dishes these specs may order or switch off without disturbing the tablet specs, which use the
 * first plain dishes and the last one. Taken by position among all plain dishes (sold out or not),
 * so the choice does not shift while another spec has a dish switched off.
 */
export function consoleDishes (menu: Menu): { ordered: MenuItem, switched: MenuItem } {
  const plain = menu.items.filter(item => item.optionGroups.length === 0)
  const ordered = plain[4]
  const switched = plain[5]
  if (!ordered || !switched || plain.length < 8) throw new Error('the demo menu has too few plain dishes')
  return { ordered, switched }
}

export interface ApiTablet { device: APIRequestContext, table: TableInfo }

/** A tablet without a browser (its cookie in an API context), paired to a new table: for orders a test only needs to exist. */
export async function apiTablet (staff: APIRequestContext): Promise<ApiTablet> {
  const device = await request.newContext({ baseURL: baseUrl() })
  const registered = await device.post('/api/devices', { data: {} })
  if (!registered.ok()) throw new Error(`device not registered: ${registered.status()} ${await registered.text()}`)
  const { pairingCode } = await registered.json() as { pairingCode: string }
  const table = await newTable(staff, 'Console')
  await pairDevice(staff, pairingCode, table.id)
  return { device, table }
}

/** Places an order of `quantity` × `item` from the tablet. */
export async function apiOrder (tablet: ApiTablet, item: MenuItem, quantity = 1): Promise<Order> {
  const response = await tablet.device.post('/api/orders', {
    data: { clientOrderId: randomUUID(), lines: [{ itemId: item.id, quantity, optionIds: [] }] },
  })
  if (!response.ok()) throw new Error(`order refused: ${response.status()} ${await response.text()}`)
  return await response.json() as Order
}

/** Opens the order's Alipay QR payment and has the emulated diner pay it; resolves once the server says paid. */
export async function apiPay (tablet: ApiTablet, order: Order): Promise<Payment> {
  const created = await tablet.device.post(`/api/orders/${order.id}/payments`, { data: { method: 'alipay_qr' } })
  if (!created.ok()) throw new Error(`payment not created: ${created.status()} ${await created.text()}`)
  const payment = await created.json() as Payment
  const paid = await tablet.device.post(`/sandbox/trades/${payment.id}/pay`, { data: {} })
  if (!paid.ok()) throw new Error(`sandbox did not pay: ${paid.status()} ${await paid.text()}`)
  await expect.poll(async () => {
    const response = await tablet.device.get(`/api/payments/${payment.id}`)
    return (await response.json() as Payment).status
  }, { message: 'the server learns the payment', timeout: 20_000 }).toBe('paid')
  return payment
}

interface ConsoleFixtures {
  /** Opens the console logged in as the worker's manager (or at the PIN screen); closed after the test. */
  console: (path: string, options?: ConsoleOptions) => Promise<Console>
}

// Named through the tablet fixtures' own type: their interfaces are not exported.
export const test: ReturnType<typeof tabletTest.extend<ConsoleFixtures>> = tabletTest.extend<ConsoleFixtures>({
  console: async ({ browser, staff }, use) => {
    const opened: BrowserContext[] = []
    await use(async (path, options = {}) => {
      const session = options.session === undefined ? staff : options.session
      const result = await openConsole(browser, path, { ...options, session })
      opened.push(result.context)
      return result
    })
    await Promise.all(opened.map(context => context.close()))
  },
})
