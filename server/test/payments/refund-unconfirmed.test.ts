// A refund Alipay never confirms is retried for as long as it takes, and after a day staff are told, once.
import { describe, expect, it } from 'vitest'
import { pairedTablet, paymentStatus, payAtAlipay, placedOrder, setFaults, startApp, startQr, until } from './fixtures.js'
import { serviceNames } from './protocol.js'
import type { App } from '../../src/app.js'

const DAY_AND_AN_HOUR_MS = 25 * 3600_000

async function refundAlerts (app: App, paymentId: string) {
  return app.db.selectFrom('alerts').select(['kind', 'detail']).where('payment_id', '=', paymentId).where('kind', '=', 'refund.failed').execute()
}

describe('a refund whose outcome stays unknown', () => {
  it('keeps being retried and, after a day, raises one "not confirmed" alert', async () => {
    const { app, base } = await startApp()
    const tablet = await pairedTablet(app)
    const orderId = await placedOrder(app, tablet)
    const { body: payment } = await startQr(base, tablet, orderId)
    expect(await payAtAlipay(base, payment.id)).toBe(200)
    await until(async () => (await paymentStatus(app, payment.id)) === 'paid', 10_000, 'the payment found paid')

    // Alipay cannot be reached for refunds: every try ends unknown.
    await setFaults(base, { unavailableRate: 1, methods: serviceNames('refund', 'refundQuery') })
    const refund = await app.refunds.requestRefund(payment.id, 1_000, 'Cold soup', null)
    expect(refund.status).toBe('unknown')
    expect(await refundAlerts(app, payment.id)).toEqual([])

    // A day later the next try is still unknown: it stays open (retried) and staff hear of it.
    await app.db.updateTable('refunds').set({ created_at: new Date(Date.now() - DAY_AND_AN_HOUR_MS).toISOString(), next_check_at: new Date().toISOString() })
      .where('id', '=', refund.id).execute()
    const [alert] = await until(async () => { const rows = await refundAlerts(app, payment.id); return rows.length > 0 && rows }, 10_000, 'the alert')
    expect(JSON.parse(alert!.detail)).toMatchObject({ refundId: refund.id, unconfirmed: true })
    const row = await app.db.selectFrom('refunds').select(['status', 'next_check_at']).where('id', '=', refund.id).executeTakeFirstOrThrow()
    expect(row.status).toBe('unknown')
    expect(row.next_check_at).not.toBeNull()

    // Another failed try does not repeat the alert.
    await app.db.updateTable('refunds').set({ next_check_at: new Date().toISOString() }).where('id', '=', refund.id).execute()
    await until(async () => {
      const events = await app.db.selectFrom('payment_events').select('kind').where('payment_id', '=', payment.id).where('kind', '=', 'refund-unknown').execute()
      return events.length >= 3
    }, 10_000, 'a third unknown try')
    expect(await refundAlerts(app, payment.id)).toHaveLength(1)
  })
})
