// Staff changing an order while its QR is showing: the QR stops being payable, and a payment that slips through is returned.
import { describe, expect, it } from 'vitest'
import {
  api, orderStatus, paymentStatus, payAtAlipay, pairedTablet, placedOrder, setFaults, startApp, startQr, until,
} from './fixtures.js'

async function staffCookie (base: string): Promise<string> {
  const response = await fetch(`${base}/api/staff/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pin: '246810' }) })
  return (response.headers.get('set-cookie') ?? '').split(';')[0]!
}

describe('order changes during payment', () => {
  it('cancelling an order cancels its open QR', async () => {
    const { app, base } = await startApp()
    const tablet = await pairedTablet(app)
    const orderId = await placedOrder(app, tablet)
    const { body: payment } = await startQr(base, tablet, orderId)
    const cookie = await staffCookie(base)
    const cancel = await api(base, `/api/staff/orders/${orderId}`, { method: 'PATCH', cookie, body: { status: 'cancelled', reason: 'Guest left' } })
    expect(cancel.status).toBe(200)
    expect(await paymentStatus(app, payment.id)).toBe('cancelled')
    expect(await payAtAlipay(base, payment.id)).not.toBe(200)
  })

  it('a QR payment after payment at the counter is refunded and staff are told', async () => {
    const { app, base } = await startApp()
    await setFaults(base, { notify: { drop: true } })
    const tablet = await pairedTablet(app)
    const orderId = await placedOrder(app, tablet, 2_500)
    const { body: payment } = await startQr(base, tablet, orderId)
    const cookie = await staffCookie(base)
    // The diner pays by phone at the same moment staff take cash: our cancel finds the trade paid
    // (no poll of the reconciler finds it first).
    await app.reconciler.stop()
    await payAtAlipay(base, payment.id)
    const counter = await api(base, `/api/staff/orders/${orderId}`, { method: 'PATCH', cookie, body: { status: 'paid' } })
    expect(counter.status).toBe(200)
    await until(async () => (await paymentStatus(app, payment.id)) === 'refunded', 10_000, 'second payment refunded')
    expect(await orderStatus(app, orderId)).toBe('paid')
    const kinds = (await app.db.selectFrom('alerts').select('kind').execute()).map(row => row.kind)
    expect(kinds).toContain('payment.double_payment')
  })
})
