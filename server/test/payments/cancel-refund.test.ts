// Cancel and refund in one step (issue 15): PATCH /api/staff/orders/:id {status:'cancelled', reason, refund:true}
// by a manager cancels a paid order and records the full refund of its payment in the same transaction; the
// refund machinery sends it and the console hears the outcome through payment.updated.
import { describe, expect, it } from 'vitest'
import { api, orderStatus, pairedTablet, payAtAlipay, paymentStatus, placedOrder, setFaults, startApp, startQr, until, type RunningApp } from './fixtures.js'
import { serviceNames } from './protocol.js'
import { TEST_STAFF_PIN } from '../helper.js'
import { orderRice, payCheck, RICE } from '../checks/fixtures.js'
import type { Order } from '#shared/schemas/order.js'
import type { Payment } from '#shared/schemas/payment.js'

async function login (base: string, pin = TEST_STAFF_PIN): Promise<string> {
  const response = await fetch(`${base}/api/staff/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pin, store: 'default' }) })
  expect(response.status).toBe(200)
  return (response.headers.get('set-cookie') ?? '').split(';')[0]!
}

/** An order paid by QR at Alipay (notification delivered), with its payment. */
async function paidOrder (running: RunningApp, total = 4_280): Promise<{ orderId: string, payment: Payment }> {
  const tablet = await pairedTablet(running.app)
  const orderId = await placedOrder(running.app, tablet, total)
  const { body: payment } = await startQr(running.base, tablet, orderId)
  expect(await payAtAlipay(running.base, payment.id)).toBe(200)
  await until(async () => (await orderStatus(running.app, orderId)) === 'paid', 10_000, 'the order paid')
  return { orderId, payment }
}

function cancelWithRefund (base: string, cookie: string, orderId: string, extra: Record<string, unknown> = {}) {
  return api<Order & { code?: string }>(base, `/api/staff/orders/${orderId}`, { method: 'PATCH', cookie, body: { status: 'cancelled', reason: 'Dish never came', refund: true, ...extra } })
}

describe('PATCH /api/staff/orders/:id with refund:true', () => {
  it('cancels a paid order and refunds its payment in full; staff hear the refund through payment.updated', async () => {
    const running = await startApp()
    const { orderId, payment } = await paidOrder(running)
    const staffPayments: Payment[] = []
    running.app.events.subscribe(event => { if (event.event === 'payment.updated' && event.audience.kind === 'staff') staffPayments.push(event.data as Payment) })

    const response = await cancelWithRefund(running.base, await login(running.base), orderId)
    expect(response.status).toBe(200)
    expect(response.body).toMatchObject({ id: orderId, status: 'cancelled', cancelReason: 'Dish never came' })
    await until(async () => (await paymentStatus(running.app, payment.id)) === 'refunded', 10_000, 'the payment refunded')
    const refunds = await running.app.db.selectFrom('refunds').selectAll().where('payment_id', '=', payment.id).execute()
    expect(refunds).toMatchObject([{ amount: 4_280, status: 'succeeded', reason: 'Dish never came' }])
    expect(refunds[0]!.staff_id).not.toBeNull()
    const trade = await (await fetch(`${running.base}/sandbox/trades/${payment.id}`)).json() as { refundFee: string }
    expect(trade.refundFee).toBe('42.80')
    await until(async () => staffPayments.some(item => item.id === payment.id && item.status === 'refunded'), 5_000, 'payment.updated to staff')
  })

  it('records the refund with the cancel even when Alipay cannot be reached; the reconciler sends it later', async () => {
    const running = await startApp()
    const { orderId, payment } = await paidOrder(running)
    await setFaults(running.base, { unavailableRate: 1, methods: serviceNames('refund', 'refundQuery') })
    const response = await cancelWithRefund(running.base, await login(running.base), orderId)
    expect(response.status).toBe(200)
    expect(await orderStatus(running.app, orderId)).toBe('cancelled')
    const [recorded] = await running.app.db.selectFrom('refunds').selectAll().where('payment_id', '=', payment.id).execute()
    expect(recorded).toMatchObject({ amount: 4_280, out_request_no: recorded!.id })
    expect(['pending', 'unknown']).toContain(recorded!.status)

    await setFaults(running.base, {})
    await running.app.db.updateTable('refunds').set({ next_check_at: new Date().toISOString() }).where('id', '=', recorded!.id).execute()
    await until(async () => (await paymentStatus(running.app, payment.id)) === 'refunded', 10_000, 'the refund sent by the reconciler')
  })

  it('refunds only the order\'s part of a check payment that paid several orders', async () => {
    const running = await startApp()
    const tablet = await pairedTablet(running.app)
    const one = await orderRice(running.app, tablet.cookie, 1)
    const two = await orderRice(running.app, tablet.cookie, 2)
    const paying = await payCheck(running.app, tablet.cookie, { method: 'alipay_qr', scope: 'all' })
    expect(paying.status).toBe(201)
    expect(paying.body.amount).toBe(3 * RICE.price)
    expect(await payAtAlipay(running.base, paying.body.id)).toBe(200)
    await until(async () => (await orderStatus(running.app, two.id)) === 'paid', 10_000, 'the check payment applied')

    const response = await cancelWithRefund(running.base, await login(running.base), two.id)
    expect(response.status).toBe(200)
    await until(async () => (await paymentStatus(running.app, paying.body.id)) === 'partially_refunded', 10_000, 'the share refunded')
    const refunds = await running.app.db.selectFrom('refunds').select(['amount', 'status']).where('payment_id', '=', paying.body.id).execute()
    expect(refunds).toEqual([{ amount: 2 * RICE.price, status: 'succeeded' }])
    expect(await orderStatus(running.app, one.id)).toBe('paid')
  })

  it('refuses (409 REFUND_NOT_ALLOWED) once a check payment that paid several orders was partly refunded: that refund may have been this order\'s share', async () => {
    const running = await startApp()
    const tablet = await pairedTablet(running.app)
    await orderRice(running.app, tablet.cookie, 1)
    const two = await orderRice(running.app, tablet.cookie, 2)
    const paying = await payCheck(running.app, tablet.cookie, { method: 'alipay_qr', scope: 'all' })
    expect(await payAtAlipay(running.base, paying.body.id)).toBe(200)
    await until(async () => (await orderStatus(running.app, two.id)) === 'paid', 10_000, 'the check payment applied')
    const manager = await login(running.base)
    // Staff already gave back order two's share by hand, from Payments.
    const byHand = await api(running.base, `/api/staff/payments/${paying.body.id}/refunds`, { method: 'POST', cookie: manager, body: { amount: 2 * RICE.price, reason: 'Rice was cold' } })
    expect(byHand.status).toBe(201)

    const response = await cancelWithRefund(running.base, manager, two.id)
    expect(response).toMatchObject({ status: 409, body: { code: 'REFUND_NOT_ALLOWED' } })
    expect(response.body).toMatchObject({ message: expect.stringContaining('by hand from Payments') })
    expect(await orderStatus(running.app, two.id)).toBe('paid')
    const refunds = await running.app.db.selectFrom('refunds').select('amount').where('payment_id', '=', paying.body.id).execute()
    expect(refunds).toEqual([{ amount: 2 * RICE.price }])
  })

  it('is for managers only: other staff get 403 STAFF_FORBIDDEN and nothing changes', async () => {
    const running = await startApp()
    const { orderId, payment } = await paidOrder(running)
    const manager = await login(running.base)
    const added = await api(running.base, '/api/staff/members', { method: 'POST', cookie: manager, body: { name: 'Lin', role: 'staff', pin: '135790' } })
    expect(added.status).toBe(201)
    const response = await cancelWithRefund(running.base, await login(running.base, '135790'), orderId)
    expect(response).toMatchObject({ status: 403, body: { code: 'STAFF_FORBIDDEN' } })
    expect(await orderStatus(running.app, orderId)).toBe('paid')
    expect(await running.app.db.selectFrom('refunds').select('id').where('payment_id', '=', payment.id).execute()).toEqual([])
  })

  it('answers 409 ORDER_NOT_PAID for an order with nothing paid through Alipay, and changes nothing', async () => {
    const running = await startApp()
    const manager = await login(running.base)
    const tablet = await pairedTablet(running.app)
    const unpaid = await placedOrder(running.app, tablet)
    expect(await cancelWithRefund(running.base, manager, unpaid)).toMatchObject({ status: 409, body: { code: 'ORDER_NOT_PAID' } })
    expect(await orderStatus(running.app, unpaid)).toBe('placed')

    // Paid at the counter: no trade to refund.
    const counter = await placedOrder(running.app, tablet)
    expect((await api(running.base, `/api/staff/orders/${counter}`, { method: 'PATCH', cookie: manager, body: { status: 'paid' } })).status).toBe(200)
    expect(await cancelWithRefund(running.base, manager, counter)).toMatchObject({ status: 409, body: { code: 'ORDER_NOT_PAID' } })
    expect(await orderStatus(running.app, counter)).toBe('paid')
  })

  it('answers 409 ORDER_NOT_PAID when the payment was already refunded in full', async () => {
    const running = await startApp()
    const { orderId, payment } = await paidOrder(running, 1_000)
    const manager = await login(running.base)
    const refunded = await api(running.base, `/api/staff/payments/${payment.id}/refunds`, { method: 'POST', cookie: manager, body: { amount: 1_000, reason: 'Goodwill' } })
    expect(refunded.status).toBe(201)
    expect(await cancelWithRefund(running.base, manager, orderId)).toMatchObject({ status: 409, body: { code: 'ORDER_NOT_PAID' } })
    expect(await orderStatus(running.app, orderId)).toBe('paid')
  })

  it('refuses refund without cancelling (400) and needs a reason (400)', async () => {
    const running = await startApp()
    const { orderId } = await paidOrder(running)
    const manager = await login(running.base)
    expect(await cancelWithRefund(running.base, manager, orderId, { status: 'preparing' })).toMatchObject({ status: 400, body: { code: 'BAD_REQUEST' } })
    expect(await cancelWithRefund(running.base, manager, orderId, { reason: '  ' })).toMatchObject({ status: 400, body: { code: 'CANCEL_REASON_REQUIRED' } })
    expect(await orderStatus(running.app, orderId)).toBe('paid')
  })
})
