// A yen store through Alipay Global's MAPI: whole yen in, whole yen out — no "3500.00" ever reaches Alipay.
import { describe, expect, it } from 'vitest'
import { api, orderStatus, payAtAlipay, pairedTablet, paymentStatus, placedOrder, startApp, startQr, until } from './fixtures.js'
import { IS_GLOBAL } from './protocol.js'
import type { Payment, Refund } from '#shared/schemas/payment.js'

interface TradeView { protocol: string, currency: string, totalAmount: string, refundFee: string, state: string }

const INTEGER = /^\d+$/

async function tradeView (base: string, outTradeNo: string): Promise<TradeView> {
  return await (await fetch(`${base}/sandbox/trades/${outTradeNo}`)).json() as TradeView
}

async function staffCookie (base: string): Promise<string> {
  const response = await fetch(`${base}/api/staff/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pin: '246810' }) })
  expect(response.status).toBe(200)
  return (response.headers.get('set-cookie') ?? '').split(';')[0]!
}

describe.skipIf(!IS_GLOBAL)('a JPY store on Alipay Global (MAPI only: the Open Platform takes CNY alone)', () => {
  it('is paid through a MAPI notification and refunded in part and in full, in whole yen', async () => {
    const { app, base } = await startApp({ STORE_CURRENCY: 'JPY' })
    // No poll may find the payment first: the MAPI notification is what pays it.
    await app.reconciler.stop()
    const tablet = await pairedTablet(app)
    const orderId = await placedOrder(app, tablet, 3_500)

    const created = await startQr(base, tablet, orderId)
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ status: 'waiting', amount: 3_500, currency: 'JPY' })
    expect(await tradeView(base, created.body.id)).toMatchObject({ protocol: 'mapi', currency: 'JPY', totalAmount: '3500', state: 'QR_ONLY' })

    expect(await payAtAlipay(base, created.body.id)).toBe(200)
    await until(async () => (await paymentStatus(app, created.body.id)) === 'paid', 10_000, 'paid by the notification')
    expect(await orderStatus(app, orderId)).toBe('paid')
    const paidBy = await app.db.selectFrom('payment_events').select('source').where('payment_id', '=', created.body.id).where('kind', '=', 'paid').execute()
    expect(paidBy.map(row => row.source)).toEqual(['notify'])
    // What Alipay sent: a MAPI trade_status_sync whose total_fee is whole yen.
    const records = await (await fetch(`${base}/sandbox/notifications`)).json() as Array<{ outTradeNo: string, state: string, fields: Record<string, string> }>
    const sent = records.filter(record => record.outTradeNo === created.body.id)
    expect(sent).toMatchObject([{ state: 'delivered', fields: { notify_type: 'trade_status_sync', trade_status: 'TRADE_SUCCESS', total_fee: '3500', trans_currency: 'JPY' } }])

    const cookie = await staffCookie(base)
    const part = await api<Refund>(base, `/api/staff/payments/${created.body.id}/refunds`, { method: 'POST', cookie, body: { amount: 1_200, reason: 'Dish came cold' } })
    expect(part.status).toBe(201)
    expect(part.body).toMatchObject({ status: 'succeeded', amount: 1_200 })
    // The emulator refuses a JPY amount with a decimal point, so a refund it carried out was sent in whole yen.
    const afterPart = await tradeView(base, created.body.id)
    expect(afterPart.refundFee).toBe('1200')
    expect(afterPart.refundFee).toMatch(INTEGER)

    const rest = await api<Refund>(base, `/api/staff/payments/${created.body.id}/refunds`, { method: 'POST', cookie, body: { amount: 2_300, reason: 'Guest left' } })
    expect(rest.body).toMatchObject({ status: 'succeeded', amount: 2_300 })
    const afterAll = await tradeView(base, created.body.id)
    expect(afterAll).toMatchObject({ currency: 'JPY', totalAmount: '3500', refundFee: '3500' })
    expect([afterAll.totalAmount, afterAll.refundFee].every(amount => INTEGER.test(amount))).toBe(true)

    const read = await api<Payment>(base, `/api/payments/${created.body.id}`, { cookie: tablet.cookie })
    expect(read.body).toMatchObject({ status: 'refunded', amount: 3_500, refundedAmount: 3_500, currency: 'JPY' })
  })
})
