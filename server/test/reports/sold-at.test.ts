// What the reports count by is written with the change it records: orders.paid_at when an order becomes
// paid (its QR, a check payment, a free order, the counter) or its tab is settled, refunds.succeeded_at, and
// each sold-out switch. Unpaid, cancelled and pay-first orders on an unsettled check are never sold.
import { describe, expect, it } from 'vitest'
import type { App } from '../../src/app.js'
import { addStaff, loginStaff } from '../auth-helpers.js'
import { orderingApp, orderBody, postOrder, riceLine, RICE } from '../fixtures/orders.js'
import { api, orderStatus, pairedTablet, payAtAlipay, paymentStatus, startApp, startQr, until } from '../payments/fixtures.js'
import { dinerAt, getCheck, orderRice, payCheck } from '../checks/fixtures.js'
import { addDays, todayIn } from '../../src/reports/report-dates.js'
import type { Order } from '#shared/schemas/order.js'
import type { Refund } from '#shared/schemas/payment.js'
import type { SalesReport } from '#shared/schemas/reports.js'

async function soldAt (app: App, orderId: string): Promise<{ paid_at: string | null, updated_at: string, status: string }> {
  return app.db.selectFrom('orders').select(['paid_at', 'updated_at', 'status']).where('id', '=', orderId).executeTakeFirstOrThrow()
}

/** Yesterday and today: a test that runs across the store's midnight still finds what it just sold. */
async function todaysReport (app: App, cookie: string): Promise<SalesReport> {
  const today = todayIn(app.config.store.timezone)
  const response = await app.inject({ method: 'GET', url: `/api/staff/reports/sales?from=${addDays(today, -1)}&to=${today}`, headers: { cookie } })
  expect(response.statusCode, response.body).toBe(200)
  return response.json<SalesReport>()
}

function patchOrder (app: App, staff: string, id: string, payload: object) {
  return app.inject({ method: 'PATCH', url: `/api/staff/orders/${id}`, headers: { cookie: staff }, payload })
}

describe('orders.paid_at and refunds.succeeded_at', () => {
  it('stamps a pay-first order paid by its QR and its refund; unpaid and cancelled orders stay unsold', async () => {
    const { app, base } = await startApp()
    const staff = await loginStaff(app)
    const tablet = await pairedTablet(app)
    const paid = await orderRice(app, tablet.cookie, 2)
    const unpaid = await orderRice(app, tablet.cookie, 1)
    const cancelled = await orderRice(app, tablet.cookie, 3)
    expect((await patchOrder(app, staff, cancelled.id, { status: 'cancelled', reason: 'Changed their mind' })).statusCode).toBe(200)

    const qr = await startQr(base, tablet, paid.id)
    expect(await payAtAlipay(base, qr.body.id)).toBe(200)
    await until(async () => (await orderStatus(app, paid.id)) === 'paid', 10_000, 'order paid')
    const row = await soldAt(app, paid.id)
    // Written by the statement that made it paid.
    expect(row.paid_at).toBe(row.updated_at)
    expect((await soldAt(app, unpaid.id)).paid_at).toBeNull()
    expect((await soldAt(app, cancelled.id)).paid_at).toBeNull()

    const refund = await api<Refund>(base, `/api/staff/payments/${qr.body.id}/refunds`, { method: 'POST', cookie: staff, body: { amount: 100, reason: 'Rice was cold' } })
    expect(refund.body).toMatchObject({ status: 'succeeded' })
    const refundRow = await app.db.selectFrom('refunds').select(['succeeded_at', 'updated_at']).where('id', '=', refund.body.id).executeTakeFirstOrThrow()
    expect(refundRow.succeeded_at).toBe(refundRow.updated_at)

    const report = await todaysReport(app, staff)
    expect(report.totals).toMatchObject({ orders: 1, gross: 2 * RICE.price, refunds: 100, net: 2 * RICE.price - 100 })
    expect(report.byMethod).toEqual([{ method: 'alipay_qr', payments: 1, amount: 2 * RICE.price, refunds: 100 }])
  })

  it('stamps the orders a check payment pays; a pay-first order on an unpaid check is never sold', async () => {
    const { app, base } = await startApp()
    const tablet = await pairedTablet(app)
    const other = await pairedTablet(app)
    const diner = await dinerAt(app, tablet.tableId)
    const tabletOrder = await orderRice(app, tablet.cookie, 2)
    const dinerOrder = await orderRice(app, diner.cookie, 1)
    const waiting = await orderRice(app, other.cookie, 4)

    const all = await payCheck(app, tablet.cookie, { method: 'alipay_qr', scope: 'all' })
    expect(await payAtAlipay(base, all.body.id)).toBe(200)
    await until(async () => (await getCheck(app, tablet.cookie)).body.status === 'closed', 10_000, 'check closed')
    for (const order of [tabletOrder, dinerOrder]) {
      const row = await soldAt(app, order.id)
      expect(row).toMatchObject({ status: 'paid', paid_at: expect.any(String) })
      expect(row.paid_at).toBe(row.updated_at)
    }
    expect((await soldAt(app, waiting.id)).paid_at).toBeNull()
    // Staff close the other table's check without its payment: its order was not sold.
    const staff = await loginStaff(app)
    const close = await app.inject({ method: 'POST', url: `/api/staff/tables/${other.tableId}/check/close`, headers: { cookie: staff }, payload: { reason: 'Walked out' } })
    expect(close.statusCode, close.body).toBe(200)
    expect((await soldAt(app, waiting.id)).paid_at).toBeNull()

    const report = await todaysReport(app, staff)
    expect(report.totals).toMatchObject({ orders: 2, gross: 3 * RICE.price })
    expect(report.totals.byChannel).toEqual([
      { channel: 'tablet', orders: 1, gross: 2 * RICE.price },
      { channel: 'phone', orders: 1, gross: RICE.price },
    ])
    expect(report.byTable).toEqual([expect.objectContaining({ tableId: tablet.tableId, orders: 2, gross: 3 * RICE.price, checks: 1 })])
  })

  it('sells a tab\'s orders when staff close its settled check, not when it is paid, and never a tab closed owing', async () => {
    const { app, base } = await startApp({ PAYMENT_MODE: 'tab' })
    const staff = await loginStaff(app)
    const tablet = await pairedTablet(app)
    const first = await orderRice(app, tablet.cookie, 2)
    const second = await orderRice(app, tablet.cookie, 1)
    const dropped = await orderRice(app, tablet.cookie, 5)
    expect((await patchOrder(app, staff, first.id, { status: 'preparing' })).statusCode).toBe(200)
    expect((await patchOrder(app, staff, dropped.id, { status: 'cancelled', reason: 'Kitchen out of rice' })).statusCode).toBe(200)

    const all = await payCheck(app, tablet.cookie, { method: 'alipay_qr', scope: 'all' })
    expect(all.body.amount).toBe(3 * RICE.price)
    expect(await payAtAlipay(base, all.body.id)).toBe(200)
    await until(async () => (await paymentStatus(app, all.body.id)) === 'paid', 10_000, 'tab paid')
    // Paid, but the check is still open: the tab is settled when staff close it.
    expect((await soldAt(app, first.id)).paid_at).toBeNull()
    expect((await todaysReport(app, staff)).totals.orders).toBe(0)

    const close = await app.inject({ method: 'POST', url: `/api/staff/tables/${tablet.tableId}/check/close`, headers: { cookie: staff }, payload: {} })
    expect(close.statusCode, close.body).toBe(200)
    const check = await app.db.selectFrom('checks').select('closed_at').where('id', '=', close.json<{ id: string }>().id).executeTakeFirstOrThrow()
    expect((await soldAt(app, first.id)).paid_at).toBe(check.closed_at)
    expect((await soldAt(app, second.id)).paid_at).toBe(check.closed_at)
    expect((await soldAt(app, dropped.id)).paid_at).toBeNull()

    // The next tab is closed owing (paid some other way): nothing of it is sold.
    const owed = await orderRice(app, tablet.cookie, 1)
    const closeOwing = await app.inject({ method: 'POST', url: `/api/staff/tables/${tablet.tableId}/check/close`, headers: { cookie: staff }, payload: { reason: 'Paid in cash' } })
    expect(closeOwing.statusCode, closeOwing.body).toBe(200)
    expect((await soldAt(app, owed.id)).paid_at).toBeNull()

    expect((await todaysReport(app, staff)).totals).toMatchObject({ orders: 2, gross: 3 * RICE.price })
  })

  it('stamps a free order when placed (pay-first) and one staff mark paid at the counter', async () => {
    const { app, staff, tablet } = await orderingApp()
    const counter = await postOrder(app, tablet.cookie, orderBody([riceLine(1)]))
    const counterOrder = counter.json<Order>()
    const marked = await patchOrder(app, staff, counterOrder.id, { status: 'paid' })
    expect(marked.statusCode, marked.body).toBe(200)
    const counterRow = await soldAt(app, counterOrder.id)
    expect(counterRow.paid_at).toBe(counterRow.updated_at)

    const price = await app.inject({ method: 'PATCH', url: `/api/staff/menu/items/${RICE.itemId}`, headers: { cookie: staff }, payload: { price: 0 } })
    expect(price.statusCode, price.body).toBe(200)
    const free = (await postOrder(app, tablet.cookie, orderBody([riceLine(2)]))).json<Order>()
    expect(free).toMatchObject({ status: 'paid', total: 0 })
    expect((await soldAt(app, free.id)).paid_at).toBe(free.createdAt)

    const report = await todaysReport(app, staff)
    expect(report.totals).toMatchObject({ orders: 2, gross: RICE.price })
    // The free order needed no payment; the counter's took none through Tablepad.
    expect(report.byMethod).toEqual([{ method: 'none', payments: 1, amount: 0, refunds: 0 }])
  })

  it('does not sell a free tab order before its check is settled', async () => {
    const { app, staff, tablet } = await orderingApp({ PAYMENT_MODE: 'tab' })
    await app.inject({ method: 'PATCH', url: `/api/staff/menu/items/${RICE.itemId}`, headers: { cookie: staff }, payload: { price: 0 } })
    const free = (await postOrder(app, tablet.cookie, orderBody([riceLine(1)]))).json<Order>()
    expect((await soldAt(app, free.id)).paid_at).toBeNull()
    const close = await app.inject({ method: 'POST', url: `/api/staff/tables/${tablet.table.id}/check/close`, headers: { cookie: staff }, payload: {} })
    expect(close.statusCode, close.body).toBe(200)
    expect((await soldAt(app, free.id)).paid_at).toEqual(expect.any(String))
  })
})

describe('sold-out events', () => {
  it('records each real switch of a dish with who made it, from the sold-out switch and the editor', async () => {
    const { app, staff: manager } = await orderingApp()
    const waiter = await addStaff(app, { name: 'Wei', role: 'staff', pin: '135790' })
    const patch = (cookie: string, payload: object) => app.inject({ method: 'PATCH', url: `/api/staff/menu/items/${RICE.itemId}`, headers: { cookie }, payload })
    expect((await patch(waiter.cookie, { available: false })).statusCode).toBe(200)
    // Already sold out: nothing changes, nothing is recorded.
    expect((await patch(waiter.cookie, { available: false })).statusCode).toBe(200)
    expect((await patch(manager, { available: true, price: 350 })).statusCode).toBe(200)
    expect((await patch(manager, { price: 360 })).statusCode).toBe(200)

    const events = await app.db.selectFrom('menu_availability_events').selectAll().orderBy('id').execute()
    const managerId = (await app.db.selectFrom('staff').select('id').where('role', '=', 'manager').executeTakeFirstOrThrow()).id
    expect(events).toEqual([
      { id: expect.any(Number), item_id: RICE.itemId, available: 0, at: expect.any(String), staff_id: waiter.id, store_id: 'default' },
      { id: expect.any(Number), item_id: RICE.itemId, available: 1, at: expect.any(String), staff_id: managerId, store_id: 'default' },
    ])

    const report = await todaysReport(app, manager)
    expect(report.soldOut).toEqual([{ itemId: RICE.itemId, names: expect.objectContaining({ en: expect.any(String) }), at: events[0]!.at, until: events[1]!.at }])
  })
})
