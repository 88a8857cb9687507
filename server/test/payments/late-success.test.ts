// "Paid late" is judged by the time Alipay says the diner paid, against the QR's own deadline: a diner
// who paid and then tapped Cancel paid in time, however the cancel moved the time we settle the trade.
import { describe, expect, it } from 'vitest'
import { api, orderStatus, paymentStatus, payAtAlipay, pairedTablet, placedOrder, setFaults, startApp, startQr, until } from './fixtures.js'
import { serviceName } from './protocol.js'
import type { App } from '../../src/app.js'
import type { Payment } from '#shared/schemas/payment.js'

async function alertKinds (app: App, paymentId: string): Promise<string[]> {
  return (await app.db.selectFrom('alerts').select('kind').where('payment_id', '=', paymentId).execute()).map(row => row.kind)
}

describe('late success', () => {
  it('is not alerted when the diner paid and then tapped Cancel', async () => {
    const { app, base } = await startApp()
    await setFaults(base, { notify: { drop: true } })
    // No poll finds the payment first: it is the diner's cancel that finds the trade paid.
    await app.reconciler.stop()
    const tablet = await pairedTablet(app)
    const orderId = await placedOrder(app, tablet)
    const { body: payment } = await startQr(base, tablet, orderId)
    expect(await payAtAlipay(base, payment.id)).toBe(200)
    const cancelled = await api<Payment>(base, `/api/payments/${payment.id}/cancel`, { method: 'POST', cookie: tablet.cookie })
    expect(cancelled.body.status).toBe('paid')
    expect(await orderStatus(app, orderId)).toBe('paid')
    expect(await alertKinds(app, payment.id)).not.toContain('payment.late_success')
  })

  it('is alerted when Alipay says the diner paid after the QR deadline, after cancelling', async () => {
    const { app, base } = await startApp()
    // Our cancel cannot get through, so the trade stays payable at Alipay after the diner gave up.
    await setFaults(base, { unavailableRate: 1, methods: [serviceName('cancel')], notify: { drop: true } })
    const tablet = await pairedTablet(app)
    const orderId = await placedOrder(app, tablet)
    const { body: payment } = await startQr(base, tablet, orderId)
    const cancelled = await api<Payment>(base, `/api/payments/${payment.id}/cancel`, { method: 'POST', cookie: tablet.cookie })
    expect(cancelled.body.status).toBe('unknown')
    // The QR's time runs out; then the diner pays anyway.
    await app.db.updateTable('payments').set({ qr_deadline_at: new Date(Date.now() - 60_000).toISOString() }).where('id', '=', payment.id).execute()
    expect(await payAtAlipay(base, payment.id)).toBe(200)
    await app.db.updateTable('payments').set({ next_check_at: new Date().toISOString() }).where('id', '=', payment.id).execute()
    await until(async () => (await paymentStatus(app, payment.id)) === 'paid', 10_000, 'the late payment found')
    expect(await orderStatus(app, orderId)).toBe('paid')
    expect(await alertKinds(app, payment.id)).toContain('payment.late_success')
    // Alipay's Beijing-time send_pay_date is stored as the instant it names (not 8 hours off).
    const row = await app.db.selectFrom('payments').select('paid_at').where('id', '=', payment.id).executeTakeFirstOrThrow()
    expect(Math.abs(Date.parse(row.paid_at!) - Date.now())).toBeLessThan(60_000)
  })
})
