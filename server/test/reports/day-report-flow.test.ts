// The Z-report over real payments: an order paid by QR through the built-in emulator and refunded by a
// manager appears on today's report as the payment flow stamped it (orders.paid_at, refunds.succeeded_at),
// and a refund made after the day was closed shows as a change since the close.
import { describe, expect, it } from 'vitest'
import { loginStaff } from '../auth-helpers.js'
import { api, pairedTablet, payAtAlipay, paymentStatus, placedOrder, startApp, startQr, until } from '../payments/fixtures.js'
import { todayIn } from '../../src/reports/report-dates.js'
import type { DayReport } from '#shared/schemas/reports.js'

describe('the Z-report of a day with real payments', () => {
  it('counts a QR payment and its refund on the day they happened, and flags a refund after the close', async () => {
    const { app, base } = await startApp({ DEMO_SEED: 'false' })
    const tablet = await pairedTablet(app, 'T9')
    const orderId = await placedOrder(app, tablet, 5_000)
    const { body: payment } = await startQr(base, tablet, orderId)
    expect(await payAtAlipay(base, payment.id)).toBe(200)
    await until(async () => (await paymentStatus(app, payment.id)) === 'paid', 10_000, 'the payment')
    const cookie = await loginStaff(app)
    const today = todayIn(app.config.store.timezone)
    const report = async () => (await api<DayReport>(base, `/api/staff/reports/days/${today}`, { cookie })).body

    const paid = await report()
    expect(paid.figures.totals).toEqual({ orders: 1, gross: 5_000, refunds: 0, net: 5_000 })
    expect(paid.figures.byMethod).toEqual([{ method: 'alipay_qr', payments: 1, amount: 5_000, refunds: 0 }])

    const closed = await api<DayReport>(base, `/api/staff/reports/days/${today}/close`, { method: 'POST', cookie })
    expect(closed.status).toBe(200)

    const refund = await api<{ status: string }>(base, `/api/staff/payments/${payment.id}/refunds`, { method: 'POST', cookie, body: { amount: 1_200, reason: 'Dish came cold' } })
    expect(refund.body.status).toBe('succeeded')

    const after = await report()
    expect(after.changedSinceClose).toBe(true)
    expect(after.figures.totals.refunds).toBe(0)
    const reopened = await api<DayReport>(base, `/api/staff/reports/days/${today}/reopen`, { method: 'POST', cookie, body: { reason: 'Refund after the close' } })
    expect(reopened.body.figures.refunds).toEqual([
      expect.objectContaining({ amount: 1_200, reason: 'Dish came cold', staffName: 'Manager', orderNumber: expect.any(Number) }),
    ])
    expect(reopened.body.figures.totals).toEqual({ orders: 1, gross: 5_000, refunds: 1_200, net: 3_800 })
  })
})
