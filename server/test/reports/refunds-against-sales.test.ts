// Which refunds lower the sales, over real payments through the built-in emulator. An order sold and then
// refunded and cancelled by staff stays sold on its day and its refund counts against it (net 0, the money
// kept); the refund Tablepad makes by itself of a second payment for an order already paid at the counter
// gives back money that was never a sale: it is in its method's refunds and on the Z-report's list, but
// lowers no sales total.
import { describe, expect, it } from 'vitest'
import type { App } from '../../src/app.js'
import { loginStaff } from '../auth-helpers.js'
import { api, orderStatus, pairedTablet, payAtAlipay, paymentStatus, placedOrder, setFaults, startApp, startQr, until } from '../payments/fixtures.js'
import { dayFigures } from '../../src/reports/day-figures.js'
import { addDays, todayIn } from '../../src/reports/report-dates.js'
import type { Refund } from '#shared/schemas/payment.js'
import type { DayFigures, SalesReport } from '#shared/schemas/reports.js'

/** Yesterday and today: a test that runs across the store's midnight still finds what it just sold. */
async function recentReport (app: App, cookie: string): Promise<SalesReport> {
  const today = todayIn(app.config.store.timezone)
  const response = await app.inject({ method: 'GET', url: `/api/staff/reports/sales?from=${addDays(today, -1)}&to=${today}`, headers: { cookie } })
  expect(response.statusCode, response.body).toBe(200)
  return response.json<SalesReport>()
}

/** The Z-report figures of the store's day on which `instant` fell. */
async function figuresOfDayOf (app: App, instant: string): Promise<DayFigures> {
  const { timezone } = app.config.store
  return dayFigures(app.db, todayIn(timezone, new Date(instant)), timezone)
}

async function paidAt (app: App, orderId: string): Promise<string> {
  return (await app.db.selectFrom('orders').select('paid_at').where('id', '=', orderId).executeTakeFirstOrThrow()).paid_at!
}

describe('refunds against sales', () => {
  it('keeps an order sold, then refunded and cancelled by staff, in gross; its refund brings net to what was kept', async () => {
    const { app, base } = await startApp()
    const cookie = await loginStaff(app)
    const tablet = await pairedTablet(app)
    const orderId = await placedOrder(app, tablet, 3_000)
    const { body: payment } = await startQr(base, tablet, orderId)
    expect(await payAtAlipay(base, payment.id)).toBe(200)
    await until(async () => (await orderStatus(app, orderId)) === 'paid', 10_000, 'order paid')

    const refund = await api<Refund>(base, `/api/staff/payments/${payment.id}/refunds`, { method: 'POST', cookie, body: { amount: 3_000, reason: 'Kitchen out of fish' } })
    expect(refund.body).toMatchObject({ status: 'succeeded' })
    const cancel = await app.inject({ method: 'PATCH', url: `/api/staff/orders/${orderId}`, headers: { cookie }, payload: { status: 'cancelled', reason: 'Kitchen out of fish' } })
    expect(cancel.statusCode, cancel.body).toBe(200)

    const report = await recentReport(app, cookie)
    expect(report.totals).toMatchObject({ orders: 1, gross: 3_000, refunds: 3_000, net: 0 })
    expect(report.byMethod).toEqual([{ method: 'alipay_qr', payments: 1, amount: 3_000, refunds: 3_000 }])
    const figures = await figuresOfDayOf(app, await paidAt(app, orderId))
    expect(figures.totals).toEqual({ orders: 1, gross: 3_000, refunds: 3_000, net: 0 })
    expect(figures.cancelled.map(order => order.orderId)).toEqual([orderId])
  })

  it('leaves the automatic refund of a double payment out of the sales totals, but not out of its method', async () => {
    const { app, base } = await startApp()
    await setFaults(base, { notify: { drop: true } })
    const cookie = await loginStaff(app)
    const tablet = await pairedTablet(app)
    const orderId = await placedOrder(app, tablet, 2_500)
    const { body: payment } = await startQr(base, tablet, orderId)
    // The diner pays by phone while staff take cash at the counter (as in payments/order-changes.test.ts):
    // the QR payment is a second payment for a paid order, and Tablepad refunds it by itself.
    await app.reconciler.stop()
    await payAtAlipay(base, payment.id)
    const counter = await app.inject({ method: 'PATCH', url: `/api/staff/orders/${orderId}`, headers: { cookie }, payload: { status: 'paid' } })
    expect(counter.statusCode, counter.body).toBe(200)
    const refund = await until(async () => app.db.selectFrom('refunds').selectAll().where('payment_id', '=', payment.id)
      .where('status', '=', 'succeeded').executeTakeFirst(), 10_000, 'second payment refunded')
    expect(refund).toMatchObject({ staff_id: null, amount: 2_500 })
    expect(await paymentStatus(app, payment.id)).toBe('refunded')

    const report = await recentReport(app, cookie)
    expect(report.totals).toMatchObject({ orders: 1, gross: 2_500, refunds: 0, net: 2_500 })
    expect(report.byDay.reduce((sum, day) => sum + day.refunds, 0)).toBe(0)
    expect(report.byMethod).toEqual([{ method: 'alipay_qr', payments: 1, amount: 2_500, refunds: 2_500 }])

    const figures = await figuresOfDayOf(app, refund.succeeded_at!)
    expect(figures.totals).toMatchObject({ refunds: 0 })
    expect(figures.refunds).toEqual([expect.objectContaining({ refundId: refund.id, amount: 2_500, staffName: null })])
    expect(figures.byMethod).toEqual([expect.objectContaining({ method: 'alipay_qr', refunds: 2_500 })])
  })
})
