// GET /api/table/check and POST /api/table/check/payments: who sees which check, and what each scope asks for.
import { describe, expect, it } from 'vitest'
import { pairedTablet, startApp } from '../payments/fixtures.js'
import { countPayments, dinerAt, getCheck, orderRice, payCheck, RICE } from './fixtures.js'

describe('the table check', () => {
  it('shows every order at the table with who placed it, worded for the asker, and to nobody else', async () => {
    const { app } = await startApp()
    const tablet = await pairedTablet(app)
    const other = await pairedTablet(app)
    expect(await getCheck(app, tablet.cookie)).toMatchObject({ status: 404, body: { code: 'CHECK_NOT_FOUND' } })

    const first = await dinerAt(app, tablet.tableId)
    const second = await dinerAt(app, tablet.tableId)
    const fromTablet = await orderRice(app, tablet.cookie, 2)
    const fromFirst = await orderRice(app, first.cookie, 1)
    const fromSecond = await orderRice(app, second.cookie, 3)
    expect(fromFirst.lines[0]!.dinerId).toBe(first.id)

    const seen = await getCheck(app, second.cookie)
    expect(seen.status).toBe(200)
    expect(seen.body).toMatchObject({
      tableId: tablet.tableId, status: 'open', paymentMode: 'pay-first', currency: 'CNY',
      total: 6 * RICE.price, paid: 0, due: 6 * RICE.price, pending: 0, split: null, payments: [], closedAt: null,
      diners: [
        { id: first.id, number: 1, label: 'Diner 1', isMe: false },
        { id: second.id, number: 2, label: 'Diner 2', isMe: true },
      ],
    })
    expect(seen.body.orders.map(order => [order.id, order.dinerId, order.due])).toEqual([
      [fromTablet.id, null, 2 * RICE.price], [fromFirst.id, first.id, RICE.price], [fromSecond.id, second.id, 3 * RICE.price],
    ])
    const fromTheTablet = await getCheck(app, tablet.cookie)
    expect(fromTheTablet.body.id).toBe(seen.body.id)
    expect(fromTheTablet.body.diners.every(diner => !diner.isMe)).toBe(true)

    // Another table's tablet or diner: no check of theirs, and this one is not disclosed.
    expect(await getCheck(app, other.cookie)).toMatchObject({ status: 404, body: { code: 'CHECK_NOT_FOUND' } })
    const elsewhere = await dinerAt(app, other.tableId)
    expect(await getCheck(app, elsewhere.cookie)).toMatchObject({ status: 404, body: { code: 'CHECK_NOT_FOUND' } })
    expect((await app.inject({ method: 'GET', url: `/api/orders/${fromFirst.id}`, headers: { cookie: elsewhere.cookie } })).statusCode).toBe(404)
    expect((await app.inject({ method: 'GET', url: `/api/orders/${fromTablet.id}`, headers: { cookie: first.cookie } })).statusCode).toBe(200)
    // No session at all: the tablet's error as today.
    expect((await app.inject({ method: 'GET', url: '/api/table/check' })).statusCode).toBe(401)
  })

  it('asks mine, all and even parts for exactly what is due, and refuses before any trade what would overpay', async () => {
    const { app } = await startApp()
    const tablet = await pairedTablet(app)
    const diner = await dinerAt(app, tablet.tableId)
    await orderRice(app, tablet.cookie, 3)
    const dinerOrder = await orderRice(app, diner.cookie, 2)

    expect(await payCheck(app, tablet.cookie, { method: 'alipay_jsapi', scope: 'all' })).toMatchObject({ status: 422, body: { code: 'JSAPI_NEEDS_DINER' } })

    const mine = await payCheck(app, diner.cookie, { method: 'alipay_jsapi', scope: 'mine' })
    expect(mine).toMatchObject({ status: 201, body: { orderId: null, checkId: expect.any(String), method: 'alipay_jsapi', status: 'waiting', amount: 2 * RICE.price, tradeNo: expect.any(String), qrCode: null } })
    const covers = await app.db.selectFrom('payment_orders').selectAll().where('payment_id', '=', mine.body.id).execute()
    expect(covers).toEqual([{ payment_id: mine.body.id, order_id: dinerOrder.id, amount: 2 * RICE.price, store_id: 'default' }])
    expect(await payCheck(app, diner.cookie, { method: 'alipay_jsapi', scope: 'mine' })).toMatchObject({ status: 409, body: { code: 'NOTHING_DUE' } })

    // An even split of what is left once the open payment ends: 3 × 300 of 900.
    const base = 3 * RICE.price
    const part1 = await payCheck(app, tablet.cookie, { method: 'alipay_qr', scope: 'even', parts: 3 })
    expect(part1).toMatchObject({ status: 201, body: { amount: Math.floor(base / 3), qrCode: expect.any(String) } })
    expect(await payCheck(app, tablet.cookie, { method: 'alipay_qr', scope: 'even', parts: 2 })).toMatchObject({ status: 409, body: { code: 'SPLIT_IN_PROGRESS' } })
    const part2 = await payCheck(app, diner.cookie, { method: 'alipay_jsapi', scope: 'even' })
    const part3 = await payCheck(app, tablet.cookie, { method: 'alipay_qr', scope: 'even', parts: 3 })
    expect([part2.status, part3.status]).toEqual([201, 201])
    expect(part1.body.amount + part2.body.amount + part3.body.amount).toBe(base)

    const check = await getCheck(app, tablet.cookie)
    expect(check.body).toMatchObject({ total: 5 * RICE.price, due: 5 * RICE.price, pending: 5 * RICE.price, split: { parts: 3, base, paidParts: 0 } })

    // Everything due is held by open payments: nothing more may be asked for, and no trade is made.
    const before = await countPayments(app)
    expect(await payCheck(app, tablet.cookie, { method: 'alipay_qr', scope: 'all' })).toMatchObject({ status: 409, body: { code: 'NOTHING_DUE' } })
    expect(await payCheck(app, tablet.cookie, { method: 'alipay_qr', scope: 'mine' })).toMatchObject({ status: 409, body: { code: 'CHECK_OVERPAY' } })
    expect(await countPayments(app)).toBe(before)

    // A part given up is offered again, for the same amount.
    await app.inject({ method: 'POST', url: `/api/payments/${part2.body.id}/cancel`, headers: { cookie: diner.cookie } })
    expect(await payCheck(app, diner.cookie, { method: 'alipay_jsapi', scope: 'even', parts: 3 })).toMatchObject({ status: 201, body: { amount: part2.body.amount } })
  })

  it('lets the tablet pay one diner\'s part by QR, and nobody else name a diner', async () => {
    const { app } = await startApp()
    const tablet = await pairedTablet(app)
    const first = await dinerAt(app, tablet.tableId)
    const second = await dinerAt(app, tablet.tableId)
    await orderRice(app, tablet.cookie, 3)
    const firstOrder = await orderRice(app, first.cookie, 2)
    await orderRice(app, second.cookie, 1)

    const forFirst = await payCheck(app, tablet.cookie, { method: 'alipay_qr', scope: 'mine', dinerId: first.id })
    expect(forFirst).toMatchObject({ status: 201, body: { amount: 2 * RICE.price, qrCode: expect.any(String) } })
    const covers = await app.db.selectFrom('payment_orders').select('order_id').where('payment_id', '=', forFirst.body.id).execute()
    expect(covers).toEqual([{ order_id: firstOrder.id }])

    const before = await countPayments(app)
    // A phone pays only its own part, and a diner goes only with "mine".
    expect(await payCheck(app, second.cookie, { method: 'alipay_jsapi', scope: 'mine', dinerId: first.id })).toMatchObject({ status: 400, body: { code: 'BAD_REQUEST' } })
    expect(await payCheck(app, tablet.cookie, { method: 'alipay_qr', scope: 'all', dinerId: second.id })).toMatchObject({ status: 400, body: { code: 'BAD_REQUEST' } })
    // Someone not at this check has nothing due here.
    expect(await payCheck(app, tablet.cookie, { method: 'alipay_qr', scope: 'mine', dinerId: 'din_not_here' })).toMatchObject({ status: 409, body: { code: 'NOTHING_DUE' } })
    expect(await countPayments(app)).toBe(before)
  })
})
