// Two stores in one PostgreSQL database (issue 16 phase B): a payment of store B goes through the shared emulator
// and is settled by the process's one reconciler, which claims across stores and hands the row to B's services;
// store A's events and alerts hear nothing of it. B's notifications are routed to B by their out_trade_no.
import { describe, expect, it } from 'vitest'
import type { App } from '../../src/app.js'
import type { HubEvent } from '../../src/lib/event-hub.js'
import { newId, newSecret, nowIso, sha256 } from '../../src/lib/tokens.js'
import { findOrderRow } from '../../src/repositories/orders.js'
import { getPayment } from '../../src/repositories/payments.js'
import { createStore } from '../../src/repositories/stores.js'
import { createTable } from '../../src/repositories/tables.js'
import type { StoreContext } from '../../src/stores/store-context.js'
import { payAtAlipay, setFaults, startApp, until } from '../payments/fixtures.js'

/** A placed order of store B's, on a table and tablet of its own, written through its scoped handle. */
async function placedOrderIn (store: StoreContext, total: number): Promise<string> {
  const table = await createTable(store.db, { label: `B${Math.floor(Math.random() * 1e6)}` })
  const deviceId = newId('dev')
  await store.db.insertInto('devices').values({
    id: deviceId, name: 'Store B tablet', token_hash: sha256(newSecret()), table_id: table.id,
    paired_at: nowIso(), last_seen_at: null, app_version: null, created_at: nowIso(),
  }).execute()
  const id = newId('ord')
  const at = nowIso()
  await store.db.insertInto('orders').values({
    id, number: 1, client_order_id: crypto.randomUUID(), request_hash: sha256(id), device_id: deviceId,
    table_id: table.id, status: 'placed', subtotal: total, total, currency: store.settings.currency, note: null, cancel_reason: null,
    created_at: at, updated_at: at,
  }).execute()
  await store.db.insertInto('order_lines').values({
    order_id: id, line_no: 1, item_id: 'dish_test', names: JSON.stringify({ en: 'Test dish', 'zh-CN': '测试菜' }),
    quantity: 1, unit_price: total, options: '[]', note: null, diner_id: null, line_total: total,
  }).execute()
  return id
}

async function secondStore (app: App): Promise<StoreContext> {
  const row = await createStore(app.database.db, { slug: 'store-b', name: 'Store B' }, null)
  return app.stores.get(row.id)
}

/** A QR payment of a new order of `store`'s, opened at the emulator. */
async function openPayment (store: StoreContext, total: number): Promise<{ orderId: string, paymentId: string }> {
  const orderId = await placedOrderIn(store, total)
  const order = await findOrderRow(store.db, orderId)
  const { payment } = await store.payments.startQrPayment(order!)
  return { orderId, paymentId: payment.id }
}

async function sourcesOf (store: StoreContext, paymentId: string): Promise<string[]> {
  const rows = await store.db.selectFrom('payment_events').select('source').where('payment_id', '=', paymentId).execute()
  return rows.map(row => row.source)
}

describe('two stores\' payments', () => {
  it('settles store B\'s payment by the one reconciler, and store A hears nothing of it', async () => {
    const { app, base } = await startApp()
    const storeA = app.store
    const storeB = await secondStore(app)
    const heardByA: HubEvent[] = []
    const heardByB: HubEvent[] = []
    storeA.events.subscribe(event => { heardByA.push(event) })
    storeB.events.subscribe(event => { heardByB.push(event) })
    // No notification arrives: only the reconciler's query can settle the payment.
    await setFaults(base, { notify: { drop: true } })

    const { orderId, paymentId } = await openPayment(storeB, 3_600)
    expect(await payAtAlipay(base, paymentId)).toBe(200)

    await until(async () => (await getPayment(storeB.db, paymentId))?.status === 'paid', 15_000, 'store B\'s payment paid')
    expect(await sourcesOf(storeB, paymentId)).toContain('reconciler')
    expect((await getPayment(app.database.db, paymentId))?.store_id).toBe(storeB.id)
    await app.events.settled()
    expect(heardByB.some(event => JSON.stringify(event.data).includes(orderId))).toBe(true)
    expect(heardByB.every(event => event.storeId === storeB.id)).toBe(true)

    // Store A: not its payment, no event, no alert.
    expect(await getPayment(storeA.db, paymentId)).toBeUndefined()
    expect(heardByA).toEqual([])
    expect((await storeA.alerts.page({ limit: 10, includeAcknowledged: true })).alerts).toEqual([])
  })

  it('routes store B\'s notification to store B', async () => {
    const { app, base } = await startApp()
    const storeB = await secondStore(app)
    await app.reconciler.stop()

    const { paymentId } = await openPayment(storeB, 2_400)
    expect(await payAtAlipay(base, paymentId)).toBe(200)

    await until(async () => (await getPayment(storeB.db, paymentId))?.status === 'paid', 15_000, 'store B\'s payment paid by its notification')
    expect(await sourcesOf(storeB, paymentId)).toContain('notify')
    expect((await app.store.alerts.page({ limit: 10, includeAcknowledged: true })).alerts).toEqual([])
  })
})
