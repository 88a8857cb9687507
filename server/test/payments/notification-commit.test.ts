// A notification's event row commits with the transition it makes (one commit per change): if the
// transition cannot commit, neither does the row, and Alipay is answered `fail` so it sends it again.
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { orderStatus, pairedTablet, payAtAlipay, paymentStatus, placedOrder, setFaults, startApp, startQr, until, type RunningApp } from './fixtures.js'
import { NOTIFICATION_CONTENT_TYPE as FORM, emulatorNotifyId, signedPaidNotification } from './protocol.js'

async function eventKinds (running: RunningApp, paymentId: string): Promise<string[]> {
  const rows = await running.app.db.selectFrom('payment_events').select('kind').where('payment_id', '=', paymentId).orderBy('id').execute()
  return rows.map(row => row.kind)
}

describe('a verified notification', () => {
  it('writes its event only together with the transition, and is applied once when sent again', async () => {
    const running = await startApp()
    const tablet = await pairedTablet(running.app)
    const orderId = await placedOrder(running.app, tablet, 4_280)
    // The diner pays at Alipay, whose notification stays queued there (so its notify_id is one Alipay sent, as the
    // MAPI's notify_verify requires); no poll finds the payment first: the notification below is what pays it.
    await running.app.reconciler.stop()
    await setFaults(running.base, { notify: { delayMs: 3_600_000 } })
    const { body: payment } = await startQr(running.base, tablet, orderId)
    expect(payment.status).toBe('waiting')
    expect(await payAtAlipay(running.base, payment.id)).toBe(200)
    const notifyId = await until(() => emulatorNotifyId(running.base, payment.id), 5_000, 'the emulator\'s notification')
    const trade = await (await fetch(`${running.base}/sandbox/trades/${payment.id}`)).json() as { tradeNo: string }
    const body = signedPaidNotification(running, { outTradeNo: payment.id, tradeNo: trade.tradeNo, amount: 4_280, notifyId })

    // The order's move to paid fails inside the transaction: the whole change rolls back.
    await sql`create trigger refuse_paid before update of status on orders begin select raise(abort, 'refused for the test'); end`.execute(running.app.db)
    // (The route answers `fail` to a handler that throws: Alipay sends it again later.)
    await expect(running.app.handleAlipayNotification(body, FORM, '203.0.113.9')).rejects.toThrow('refused for the test')
    expect(await eventKinds(running, payment.id)).not.toContain('notification')
    expect(await paymentStatus(running.app, payment.id)).toBe('waiting')

    await sql`drop trigger refuse_paid`.execute(running.app.db)
    expect(await running.app.handleAlipayNotification(body, FORM, '203.0.113.9')).toBe('success')
    expect(await paymentStatus(running.app, payment.id)).toBe('paid')
    expect(await orderStatus(running.app, orderId)).toBe('paid')
    // A replay appends its row and changes nothing else.
    expect(await running.app.handleAlipayNotification(body, FORM, '203.0.113.9')).toBe('success')
    const kinds = await eventKinds(running, payment.id)
    expect(kinds.filter(kind => kind === 'notification')).toHaveLength(2)
    expect(kinds.filter(kind => kind === 'paid')).toHaveLength(1)
    expect(kinds.indexOf('notification')).toBe(kinds.indexOf('paid') - 1)
  })
})
