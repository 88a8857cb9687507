// A trade that Alipay reports with another amount than ours is never counted as paid, whichever way we learn of it.
import { describe, expect, it } from 'vitest'
import { orderStatus, pairedTablet, placedOrder, setFaults, startApp, startQr } from './fixtures.js'

describe('paid amount differs from the payment', () => {
  it('parks the payment for a person, leaves the order unpaid and alerts once', async () => {
    const { app, base } = await startApp()
    await setFaults(base, { notify: { drop: true } })
    await app.reconciler.stop()
    const tablet = await pairedTablet(app)
    const orderId = await placedOrder(app, tablet, 4_280)
    const { body: payment } = await startQr(base, tablet, orderId)
    const evidence = { tradeNo: '2026120622001400000000000001', buyerId: null, amount: 4_281, paidAt: null }

    await app.payments.markPaid(payment.id, evidence, 'reconciler')
    await app.payments.markPaid(payment.id, evidence, 'reconciler')

    const row = await app.db.selectFrom('payments').select(['status', 'failure_code', 'next_check_at']).where('id', '=', payment.id).executeTakeFirstOrThrow()
    expect(row).toEqual({ status: 'unknown', failure_code: 'AMOUNT_MISMATCH', next_check_at: null })
    expect(await orderStatus(app, orderId)).toBe('placed')
    const alerts = await app.db.selectFrom('alerts').select('kind').where('payment_id', '=', payment.id).execute()
    expect(alerts).toEqual([{ kind: 'payment.amount_mismatch' }])
  })
})
