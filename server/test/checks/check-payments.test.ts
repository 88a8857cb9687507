// Check payments paid through the emulator's notifications: covered orders go to the kitchen (pay-first),
// a fully paid check closes itself, and a trade that pays more than the check owes is refunded with an alert.
import { describe, expect, it } from 'vitest'
import { SseClient } from '../sse-client.js'
import { pairedTablet, payAtAlipay, paymentStatus, orderStatus, startApp, startQr, until } from '../payments/fixtures.js'
import { dinerAt, getCheck, orderRice, payCheck, RICE } from './fixtures.js'

describe('paying the check', () => {
  it('pays a diner\'s own orders, then the rest, and closes the pay-first check, live on the diner\'s stream', async () => {
    const { app, base } = await startApp()
    const tablet = await pairedTablet(app)
    const diner = await dinerAt(app, tablet.tableId)
    const tabletOrder = await orderRice(app, tablet.cookie, 2)
    const dinerOrder = await orderRice(app, diner.cookie, 1)
    const checkId = (await getCheck(app, diner.cookie)).body.id

    const stream = await SseClient.open(`${base}/api/events`, { cookie: diner.cookie })
    try {
      const mine = await payCheck(app, diner.cookie, { method: 'alipay_jsapi', scope: 'mine' })
      expect(mine.status).toBe(201)
      const heard = stream.next(message => message.event === 'check.updated' && (message.data as { checkId: string }).checkId === checkId, 10_000)
      expect(await payAtAlipay(base, mine.body.id)).toBe(200)
      await until(async () => (await paymentStatus(app, mine.body.id)) === 'paid', 10_000, 'mine paid')
      await heard
    } finally {
      stream.close()
    }
    // Only the diner's order is paid (to the kitchen); the tablet's still waits.
    expect(await orderStatus(app, dinerOrder.id)).toBe('paid')
    expect(await orderStatus(app, tabletOrder.id)).toBe('placed')
    expect((await getCheck(app, tablet.cookie)).body).toMatchObject({ status: 'open', total: 3 * RICE.price, paid: RICE.price, due: 2 * RICE.price, pending: 0 })

    const rest = await payCheck(app, tablet.cookie, { method: 'alipay_qr', scope: 'all' })
    expect(rest.body.amount).toBe(2 * RICE.price)
    expect(await payAtAlipay(base, rest.body.id)).toBe(200)
    await until(async () => (await getCheck(app, tablet.cookie)).body.status === 'closed', 10_000, 'check closed')
    expect(await orderStatus(app, tabletOrder.id)).toBe('paid')
    expect((await getCheck(app, diner.cookie)).body).toMatchObject({ status: 'closed', paid: 3 * RICE.price, due: 0, closedAt: expect.any(String) })
    // The next order opens a new check.
    await orderRice(app, tablet.cookie, 1)
    expect((await getCheck(app, tablet.cookie)).body).toMatchObject({ status: 'open', total: RICE.price })
    expect((await getCheck(app, tablet.cookie)).body.id).not.toBe(checkId)
  })

  it('refunds what a racing trade paid beyond what the check owed, with an alert, in the commit that marks it paid', async () => {
    const { app, base } = await startApp()
    const tablet = await pairedTablet(app)
    const diner = await dinerAt(app, tablet.tableId)
    const tabletOrder = await orderRice(app, tablet.cookie, 2)
    const dinerOrder = await orderRice(app, diner.cookie, 1)
    // The tablet shows a QR for the whole check, and another for the diner's order alone (a single order's
    // payment, as before checks existed): both are scanned and paid at Alipay.
    const all = await payCheck(app, tablet.cookie, { method: 'alipay_qr', scope: 'all' })
    expect(all.body.amount).toBe(3 * RICE.price)
    const single = await startQr(base, tablet, dinerOrder.id)
    expect(single.status).toBe(201)
    expect(await payAtAlipay(base, single.body.id)).toBe(200)
    await until(async () => (await orderStatus(app, dinerOrder.id)) === 'paid', 10_000, 'single order paid')
    expect(await payAtAlipay(base, all.body.id)).toBe(200)

    await until(async () => (await paymentStatus(app, all.body.id)) === 'partially_refunded', 15_000, 'overpaid part refunded')
    const refunds = await app.db.selectFrom('refunds').select(['amount', 'status', 'reason']).where('payment_id', '=', all.body.id).execute()
    expect(refunds).toEqual([{ amount: RICE.price, status: 'succeeded', reason: 'Paid more than the check owed' }])
    const alerts = await app.db.selectFrom('alerts').select(['kind', 'detail']).where('payment_id', '=', all.body.id).execute()
    expect(alerts.map(alert => [alert.kind, JSON.parse(alert.detail)])).toEqual([['payment.double_payment', expect.objectContaining({ overpaid: RICE.price, checkId: all.body.checkId })]])
    expect(await orderStatus(app, tabletOrder.id)).toBe('paid')
    const check = (await getCheck(app, tablet.cookie)).body
    expect(check).toMatchObject({ status: 'closed', total: 3 * RICE.price, paid: 3 * RICE.price, due: 0 })
    // What the check payment settled, as applied: the tablet's order only.
    expect(await app.db.selectFrom('payment_orders').select(['order_id', 'amount']).where('payment_id', '=', all.body.id).execute())
      .toEqual([{ order_id: tabletOrder.id, amount: 2 * RICE.price }])
  })
})
