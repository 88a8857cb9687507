// Alipay Global: a notification is applied only once Alipay confirms, through notify_verify, that it sent that
// notify_id. A validly signed notification Alipay denies moves nothing, and the payment is still settled by query.
import { describe, expect, it } from 'vitest'
import { orderStatus, pairedTablet, payAtAlipay, paymentStatus, placedOrder, setFaults, startApp, startQr, until } from './fixtures.js'
import { IS_GLOBAL, NOTIFICATION_CONTENT_TYPE as FORM, signedPaidNotification } from './protocol.js'

describe.skipIf(!IS_GLOBAL)('notify_verify (MAPI only: the Open Platform has no such call)', () => {
  it('refuses a signed notification whose notify_id Alipay did not send, and the reconciler still settles the payment', async () => {
    const running = await startApp()
    const tablet = await pairedTablet(running.app)
    const orderId = await placedOrder(running.app, tablet, 4_280)
    await running.app.reconciler.stop()
    // Alipay's own notification is held back, so only the one below reaches the app.
    await setFaults(running.base, { notify: { delayMs: 3_600_000 } })
    const { body: payment } = await startQr(running.base, tablet, orderId)
    expect(await payAtAlipay(running.base, payment.id)).toBe(200)
    const trade = await (await fetch(`${running.base}/sandbox/trades/${payment.id}`)).json() as { tradeNo: string }
    // Signed with the right key, for the right trade and amount, under a notify_id Alipay never made.
    const body = signedPaidNotification(running, { outTradeNo: payment.id, tradeNo: trade.tradeNo, amount: 4_280, notifyId: 'forged-notify-id-0001' })

    expect(await running.app.handleAlipayNotification(body, FORM, '203.0.113.9')).toBe('fail')
    expect(await paymentStatus(running.app, payment.id)).toBe('waiting')
    expect(await orderStatus(running.app, orderId)).toBe('placed')

    // The truth still arrives by query.
    await running.app.reconciler.start()
    await until(async () => await paymentStatus(running.app, payment.id) === 'paid', 10_000, 'the payment paid by the reconciler')
    expect(await orderStatus(running.app, orderId)).toBe('paid')
  })
})
