// What tablets and staff do over HTTP against any one process of a cluster: sign in, pair, read the menu, order, pay.
import { httpCall, type Answer } from '../http-call.js'
import { randomUUID } from 'node:crypto'
import { TEST_STAFF_PIN } from '../helper.js'

export type { Answer }

/** A JSON call to one of the processes. */
export const call = httpCall

function expectStatus<T> (answer: Answer<T>, status: number, what: string): T {
  if (answer.status !== status) throw new Error(`${what}: HTTP ${answer.status} (expected ${status}) ${JSON.stringify(answer.body)}`)
  return answer.body
}

/** The first cookie a response set, as `name=value`. */
async function cookieOf (base: string, path: string, body: unknown, status: number, what: string): Promise<{ cookie: string, body: unknown }> {
  const response = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  const text = await response.text()
  if (response.status !== status) throw new Error(`${what}: HTTP ${response.status} ${text}`)
  const cookie = response.headers.get('set-cookie')?.split(';')[0]
  if (!cookie) throw new Error(`${what}: no cookie`)
  return { cookie, body: JSON.parse(text) as unknown }
}

/**
 * A staff session in the store `store` (its short name): on PostgreSQL the demo seeds two stores (the default one
 * and "riverside"), so a login names its store. The default store's first manager (STAFF_PIN) by default.
 */
export async function staffLogin (base: string, pin = TEST_STAFF_PIN, store = 'default'): Promise<string> {
  return (await cookieOf(base, '/api/staff/session', { pin, store }, 200, 'staff login')).cookie
}

export interface Tablet {
  deviceId: string
  tableId: string
  cookie: string
}

/** A tablet registered and paired (by staff) to a new table, all through `base`; its cookie works on every process. */
export async function pairTablet (base: string, staffCookie: string, label: string): Promise<Tablet> {
  const registered = await cookieOf(base, '/api/devices', { name: label }, 201, 'tablet registration')
  const { deviceId, pairingCode } = registered.body as { deviceId: string, pairingCode: string }
  const table = expectStatus(await call<{ id: string }>(base, '/api/staff/tables', { method: 'POST', cookie: staffCookie, body: { label } }), 201, 'table')
  expectStatus(await call(base, '/api/staff/devices/pair', { method: 'POST', cookie: staffCookie, body: { pairingCode, tableId: table.id } }), 200, 'pairing')
  return { deviceId, tableId: table.id, cookie: registered.cookie }
}

/** A dish of the demo menu that needs no choice. */
export async function orderableDish (base: string, tablet: Tablet): Promise<string> {
  const menu = expectStatus(await call<{ items: Array<{ id: string, available: boolean, optionGroups: Array<{ min: number }> }> }>(base, '/api/menu', { cookie: tablet.cookie }), 200, 'menu')
  const dish = menu.items.find(item => item.available && item.optionGroups.every(group => group.min === 0))
  if (!dish) throw new Error('the demo menu has no dish without required choices')
  return dish.id
}

export interface PlacedOrder {
  id: string
  status: string
  total: number
}

export function orderBody (dishId: string, clientOrderId: string = randomUUID()): object {
  return { clientOrderId, lines: [{ itemId: dishId, quantity: 1, optionIds: [] }] }
}

export async function placeOrder (base: string, tablet: Tablet, body: object): Promise<Answer<PlacedOrder>> {
  return call<PlacedOrder>(base, '/api/orders', { method: 'POST', cookie: tablet.cookie, body })
}

/** The tablet's QR payment for an order (the out_trade_no at Alipay is the payment id). */
export async function startQrPayment (base: string, tablet: Tablet, orderId: string): Promise<{ id: string, status: string }> {
  return expectStatus(await call<{ id: string, status: string }>(base, `/api/orders/${orderId}/payments`, {
    method: 'POST', cookie: tablet.cookie, body: { method: 'alipay_qr' },
  }), 201, 'QR payment')
}

export async function orderStatus (base: string, tablet: Tablet, orderId: string): Promise<string> {
  return expectStatus(await call<PlacedOrder>(base, `/api/orders/${orderId}`, { cookie: tablet.cookie }), 200, 'order').status
}
