// Payment test fixtures: a listening app with the built-in emulator, a paired tablet and a placed order.
import { pollUntil } from '../poll.js'
import type { AddressInfo } from 'node:net'
import { afterEach } from 'vitest'
import { buildApp, type App } from '../../src/app.js'
import { createTable } from '../../src/repositories/tables.js'
import { newId, newSecret, nowIso, sha256 } from '../../src/lib/tokens.js'
import { testAppConfig } from '../helper.js'
import { httpCall } from '../http-call.js'
import type { Payment } from '#shared/schemas/payment.js'

export interface RunningApp {
  app: App
  base: string
  dataDir: string
}

const running: App[] = []
afterEach(async () => {
  for (const app of running.splice(0)) await app.close()
})

/** An app listening on loopback, reconciling fast so tests do not wait for Alipay's 3 s cadence. */
export async function startApp (env: Record<string, string> = {}): Promise<RunningApp> {
  const config = await testAppConfig(env)
  const app = await buildApp({ config, payments: { reconcileIntervalMs: 100, pollWhileWaitingMs: 150 } })
  running.push(app)
  await app.listen({ port: 0, host: '127.0.0.1' })
  return { app, base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, dataDir: config.dataDir }
}

export async function stopApp (app: App): Promise<void> {
  const index = running.indexOf(app)
  if (index >= 0) running.splice(index, 1)
  await app.close()
}

export interface Tablet {
  cookie: string
  tableId: string
  deviceId: string
}

/** A tablet paired to a new table, made directly in the database (pairing has its own tests). */
export async function pairedTablet (app: App, label = `T${Math.floor(Math.random() * 1e6)}`): Promise<Tablet> {
  const table = await createTable(app.db, { label })
  const token = newSecret()
  const deviceId = newId('dev')
  await app.db.insertInto('devices').values({
    id: deviceId, name: 'Test tablet', token_hash: sha256(token), table_id: table.id,
    paired_at: nowIso(), last_seen_at: null, app_version: null, created_at: nowIso(),
  }).execute()
  return { cookie: `tp_device=${token}`, tableId: table.id, deviceId }
}

let orderNumber = 1000

/** A placed order of `total` minor units of the store's currency (fen by default) for the tablet's table. */
export async function placedOrder (app: App, tablet: Tablet, total = 4_280): Promise<string> {
  const id = newId('ord')
  const at = nowIso()
  await app.db.insertInto('orders').values({
    id, number: ++orderNumber, client_order_id: crypto.randomUUID(), request_hash: sha256(id), device_id: tablet.deviceId,
    table_id: tablet.tableId, status: 'placed', subtotal: total, total, currency: app.config.store.currency, note: null, cancel_reason: null,
    created_at: at, updated_at: at,
  }).execute()
  await app.db.insertInto('order_lines').values({
    order_id: id, line_no: 1, item_id: 'dish_test', names: JSON.stringify({ en: 'Test dish', 'zh-CN': '测试菜' }),
    quantity: 1, unit_price: total, options: '[]', note: null, diner_id: null, line_total: total,
  }).execute()
  return id
}

/** A JSON call to a listening app. */
export const api = httpCall

export async function startQr (base: string, tablet: Tablet, orderId: string): Promise<{ status: number, body: Payment }> {
  return api<Payment>(base, `/api/orders/${orderId}/payments`, { method: 'POST', body: { method: 'alipay_qr' }, cookie: tablet.cookie })
}

/** The emulator's scan-and-pay shortcut: what a diner's phone does. */
export async function payAtAlipay (base: string, outTradeNo: string): Promise<number> {
  const response = await fetch(`${base}/sandbox/trades/${outTradeNo}/pay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
  await response.text()
  return response.status
}

export async function setFaults (base: string, faults: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${base}/sandbox/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(faults) })
  if (!response.ok) throw new Error(`faults refused: ${response.status} ${await response.text()}`)
}

/** Polls until `check` returns a value, or fails after `timeoutMs`. */
export async function until<T> (check: () => Promise<T | undefined | false>, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  return pollUntil(check, { what, timeoutMs, everyMs: 50 })
}

export async function paymentStatus (app: App, id: string): Promise<string | undefined> {
  return (await app.db.selectFrom('payments').select('status').where('id', '=', id).executeTakeFirst())?.status
}

export async function orderStatus (app: App, id: string): Promise<string | undefined> {
  return (await app.db.selectFrom('orders').select('status').where('id', '=', id).executeTakeFirst())?.status
}
