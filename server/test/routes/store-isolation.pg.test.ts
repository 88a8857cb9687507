// Two stores in one PostgreSQL database: what one store's staff and tablets reach through the API is their own
// store's, never the other's. Store A is the default store (demo menu, a paired tablet, an order, a payment,
// an alert, a printer); store B is created on the root handle with its own manager, table and tablet. Each route
// family gets one case: another store's rows answer like missing ones (404) or are simply not listed.
import { describe, expect, it } from 'vitest'
import type { App } from '../../src/app.js'
import { forStore } from '../../src/db/store-scope.js'
import { STAFF_COOKIE } from '../../src/lib/cookies.js'
import { newSecret, nowIso } from '../../src/lib/tokens.js'
import { createSession, createStaff } from '../../src/repositories/staff.js'
import { createTable } from '../../src/repositories/tables.js'
import { insertPrinter } from '../../src/repositories/printers.js'
import { todayIn } from '../../src/reports/report-dates.js'
import { orderBody, placeOrder, postOrder, riceLine, RICE } from '../fixtures/orders.js'
import { pairedTablet, registerTablet, type RegisteredTablet } from '../auth-helpers.js'
import { startApp } from '../payments/fixtures.js'
import type { Table } from '#shared/schemas/table.js'
import type { Order } from '#shared/schemas/order.js'
import { AlertKindEnum } from '#shared/schemas/alert.js'

interface TwoStores {
  app: App
  a: { staff: string, tablet: RegisteredTablet & { table: Table }, order: Order, paymentId: string }
  b: { staff: string, table: Table, tablet: RegisteredTablet }
}

/** Two apps, several stores and the demo menu per case: well beyond the usual 20 s on a busy 2-core runner. */
const TIMEOUT_MS = 120_000

/** A manager's session in `storeId`, made as the login would: a staff_sessions row through the store's handle. */
async function storeSession (app: App, storeId: string, pin: string): Promise<string> {
  const db = forStore(app.database.db, storeId)
  const member = await createStaff(db, { name: `Manager ${storeId}`, role: 'manager', pin })
  const token = newSecret()
  await createSession(db, member.id, token, 3600)
  return `${STAFF_COOKIE}=${token}`
}

async function twoStores (): Promise<TwoStores> {
  // Sessions are made directly: with two stores the login needs a store's slug, which is the login's own test.
  // Listening: a QR payment reaches the built-in Alipay emulator over loopback.
  const { app } = await startApp()
  const staff = await storeSession(app, 'default', '864201')
  const tablet = await pairedTablet(app, staff)
  const order = await placeOrder(app, tablet.cookie, orderBody([riceLine(2)]))
  const paying = await app.inject({ method: 'POST', url: `/api/orders/${order.id}/payments`, headers: { cookie: tablet.cookie }, payload: { method: 'alipay_qr' } })
  expect(paying.statusCode, paying.body).toBe(201)
  await app.store.alerts.raise({ kind: AlertKindEnum.PAYMENT_UNKNOWN, paymentId: paying.json<{ id: string }>().id })
  await insertPrinter(app.db, { name: 'Kitchen', host: '127.0.0.1', port: 9100, language: 'en', routing: 'rest' })

  await app.database.db.insertInto('stores').values({ id: 'b', slug: 'store-b', name: 'Store B', sealed_settings: null, created_at: nowIso() }).execute()
  const bStaff = await storeSession(app, 'b', '975310')
  const bTable = await createTable(forStore(app.database.db, 'b'), { label: 'B1' })
  const bTablet = await registerTablet(app)
  const paired = await app.inject({ method: 'POST', url: '/api/staff/devices/pair', headers: { cookie: bStaff }, payload: { pairingCode: bTablet.pairingCode, tableId: bTable.id } })
  expect(paired.statusCode, paired.body).toBe(200)
  return {
    app,
    a: { staff, tablet, order, paymentId: paying.json<{ id: string }>().id },
    b: { staff: bStaff, table: bTable, tablet: bTablet },
  }
}

function get (app: App, url: string, cookie: string) {
  return app.inject({ method: 'GET', url, headers: { cookie } })
}

describe('two stores in one database', () => {
  it("keeps each store's staff to their own tables, tablets, orders, menu, payments, alerts, reports and printers", { timeout: TIMEOUT_MS }, async () => {
    const { app, a, b } = await twoStores()
    const aTableId = a.tablet.table.id

    // Tables: B lists only its own; A's table is missing to B.
    expect((await get(app, '/api/staff/tables', b.staff)).json<Table[]>().map(table => table.label)).toEqual(['B1'])
    expect((await app.inject({ method: 'PATCH', url: `/api/staff/tables/${aTableId}`, headers: { cookie: b.staff }, payload: { label: 'Mine' } })).statusCode).toBe(404)
    expect((await app.inject({ method: 'DELETE', url: `/api/staff/tables/${aTableId}`, headers: { cookie: b.staff } })).statusCode).toBe(404)
    expect((await get(app, `/api/staff/tables/${aTableId}/check`, b.staff)).statusCode).toBe(404)

    // Devices: B sees its own tablet only, and cannot rename, unpair or move A's, nor pair onto A's table.
    expect((await get(app, '/api/staff/devices', b.staff)).json<Array<{ id: string }>>().map(device => device.id)).toEqual([b.tablet.deviceId])
    expect((await app.inject({ method: 'PATCH', url: `/api/staff/devices/${a.tablet.deviceId}`, headers: { cookie: b.staff }, payload: { name: 'Stolen' } })).statusCode).toBe(404)
    expect((await app.inject({ method: 'POST', url: `/api/staff/devices/${a.tablet.deviceId}/unpair`, headers: { cookie: b.staff } })).statusCode).toBe(404)
    const loose = await registerTablet(app)
    expect((await app.inject({ method: 'POST', url: '/api/staff/devices/pair', headers: { cookie: b.staff }, payload: { pairingCode: loose.pairingCode, tableId: aTableId } })).statusCode).toBe(404)
    // A tablet no store holds yet is claimed only by the code it shows: with two stores no staff list shows it.
    expect((await get(app, '/api/staff/devices', b.staff)).json<Array<{ id: string }>>().map(device => device.id)).toEqual([b.tablet.deviceId])
    expect((await get(app, '/api/staff/devices', a.staff)).json<Array<{ id: string }>>().map(device => device.id)).toEqual([a.tablet.deviceId])
    expect((await app.inject({ method: 'PATCH', url: `/api/staff/devices/${loose.deviceId}`, headers: { cookie: b.staff }, payload: { name: 'Mine' } })).statusCode).toBe(404)

    // Orders: none of A's in B's list, and A's order cannot be moved by B.
    expect((await get(app, '/api/staff/orders', b.staff)).json()).toEqual([])
    expect((await app.inject({ method: 'PATCH', url: `/api/staff/orders/${a.order.id}`, headers: { cookie: b.staff }, payload: { status: 'cancelled', reason: 'nope' } })).statusCode).toBe(404)
    expect((await app.inject({ method: 'POST', url: `/api/staff/orders/${a.order.id}/print`, headers: { cookie: b.staff }, payload: {} })).statusCode).toBe(404)

    // Menu: A's dishes are not B's to mark sold out or edit.
    expect((await app.inject({ method: 'PATCH', url: `/api/staff/menu/items/${RICE.itemId}`, headers: { cookie: b.staff }, payload: { available: false } })).statusCode).toBe(404)
    expect((await app.inject({ method: 'PATCH', url: `/api/staff/menu/items/${RICE.itemId}`, headers: { cookie: b.staff }, payload: { price: 1 } })).statusCode).toBe(404)
    expect((await app.inject({ method: 'DELETE', url: `/api/staff/menu/items/${RICE.itemId}`, headers: { cookie: b.staff } })).statusCode).toBe(404)

    // Payments: B lists none, and A's payment is missing to B (detail, refund, re-query).
    expect((await get(app, '/api/staff/payments', b.staff)).json()).toEqual([])
    expect((await get(app, `/api/staff/payments/${a.paymentId}`, b.staff)).statusCode).toBe(404)
    expect((await app.inject({ method: 'POST', url: `/api/staff/payments/${a.paymentId}/refunds`, headers: { cookie: b.staff }, payload: { amount: 1, reason: 'x' } })).statusCode).toBe(404)
    expect((await app.inject({ method: 'POST', url: `/api/staff/payments/${a.paymentId}/query`, headers: { cookie: b.staff } })).statusCode).toBe(404)

    // Alerts: A's alert is not on B's board, and B cannot acknowledge it.
    const aAlerts = (await get(app, '/api/staff/alerts', a.staff)).json<{ alerts: Array<{ id: string }> }>().alerts
    expect(aAlerts.length).toBeGreaterThan(0)
    expect((await get(app, '/api/staff/alerts', b.staff)).json()).toMatchObject({ alerts: [] })
    expect((await app.inject({ method: 'POST', url: `/api/staff/alerts/${aAlerts[0]!.id}/ack`, headers: { cookie: b.staff } })).statusCode).toBe(404)

    // Reports: B's day has none of A's sales (an order A's staff mark paid at the counter).
    const sold = await placeOrder(app, a.tablet.cookie, orderBody([riceLine(1)]))
    const paid = await app.inject({ method: 'PATCH', url: `/api/staff/orders/${sold.id}`, headers: { cookie: a.staff }, payload: { status: 'paid' } })
    expect(paid.statusCode, paid.body).toBe(200)
    const today = todayIn(app.store.settings.timezone)
    const bSales = (await get(app, `/api/staff/reports/sales?from=${today}&to=${today}`, b.staff)).json<{ totals: { orders: number } }>()
    const aSales = (await get(app, `/api/staff/reports/sales?from=${today}&to=${today}`, a.staff)).json<{ totals: { orders: number } }>()
    expect(aSales.totals.orders).toBeGreaterThan(0)
    expect(bSales.totals.orders).toBe(0)

    // Printers: A's printer is not B's.
    const aPrinters = (await get(app, '/api/staff/printers', a.staff)).json<Array<{ id: string }>>()
    expect(aPrinters).toHaveLength(1)
    expect((await get(app, '/api/staff/printers', b.staff)).json()).toEqual([])
    expect((await app.inject({ method: 'POST', url: `/api/staff/printers/${aPrinters[0]!.id}/test`, headers: { cookie: b.staff } })).statusCode).toBe(404)

    // Settings: B's payment mode is B's; A's stays as it was.
    const aMode = (await get(app, '/api/staff/settings/payment-mode', a.staff)).json<{ mode: string }>().mode
    const other = aMode === 'tab' ? 'pay-first' : 'tab'
    expect((await app.inject({ method: 'PUT', url: '/api/staff/settings/payment-mode', headers: { cookie: b.staff }, payload: { mode: other } })).statusCode).toBe(200)
    expect((await get(app, '/api/staff/settings/payment-mode', a.staff)).json()).toEqual({ mode: aMode })
    expect((await get(app, '/api/staff/settings/payment-mode', b.staff)).json()).toEqual({ mode: other })

    // A's own staff still reach all of it.
    expect((await get(app, `/api/staff/payments/${a.paymentId}`, a.staff)).statusCode).toBe(200)
  })

  it("keeps a store's tablet to its own menu, orders and payments", { timeout: TIMEOUT_MS }, async () => {
    const { app, a, b } = await twoStores()

    // B's tablet is told B's store and table, and reads B's (empty) menu, not A's demo dishes.
    const me = (await get(app, '/api/devices/me', b.tablet.cookie)).json<{ store: { name: string }, table: { label: string } }>()
    expect(me).toMatchObject({ store: { name: 'Store B' }, table: { label: 'B1' } })
    const menu = (await get(app, '/api/menu', b.tablet.cookie)).json<{ items: Array<{ id: string }> }>()
    expect(menu.items.map(item => item.id)).not.toContain(RICE.itemId)

    // It cannot order A's dishes, nor see or pay A's order and payment.
    const ordered = await postOrder(app, b.tablet.cookie, orderBody([riceLine(1)]))
    expect(ordered.statusCode, ordered.body).toBe(422)
    expect((await get(app, `/api/orders/${a.order.id}`, b.tablet.cookie)).statusCode).toBe(404)
    expect((await app.inject({ method: 'POST', url: `/api/orders/${a.order.id}/payments`, headers: { cookie: b.tablet.cookie }, payload: { method: 'alipay_qr' } })).statusCode).toBe(404)
    expect((await app.inject({ method: 'POST', url: `/api/orders/${a.order.id}/abandon`, headers: { cookie: b.tablet.cookie } })).statusCode).toBe(404)
    expect((await get(app, `/api/payments/${a.paymentId}`, b.tablet.cookie)).statusCode).toBe(404)
    expect((await app.inject({ method: 'POST', url: `/api/payments/${a.paymentId}/cancel`, headers: { cookie: b.tablet.cookie } })).statusCode).toBe(404)
    // Its table's check is its own: nothing ordered there yet.
    expect((await get(app, '/api/table/check', b.tablet.cookie)).statusCode).toBe(404)
    // A's tablet still sees its own order.
    expect((await get(app, `/api/orders/${a.order.id}`, a.tablet.cookie)).statusCode).toBe(200)
  })
})
