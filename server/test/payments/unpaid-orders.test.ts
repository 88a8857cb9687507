// Orphaned unpaid orders (issue 15): in pay-first an order whose payment ran out or was cancelled, or that never
// got one, and that nobody tried to pay for within UNPAID_ORDER_TTL_S is cancelled by itself (payment_abandoned)
// and leaves the board; a tablet's idle reset cancels its order at once. An open payment or a tab is never touched,
// and a payment that still arrives afterwards is refunded by the late-payment rules.
import { describe, expect, it } from 'vitest'
import { api, orderStatus, pairedTablet, payAtAlipay, paymentStatus, setFaults, startApp, startQr, until, type RunningApp, type Tablet } from './fixtures.js'
import { NOTIFICATION_CONTENT_TYPE as FORM, emulatorNotifyId, serviceNames, signedPaidNotification } from './protocol.js'
import { configFailure, testConfig } from '../helper.js'
import { orderBody, recordEvents, riceLine } from '../fixtures/orders.js'
import type { App } from '../../src/app.js'
import { choosePaymentMode } from '../../src/services/payment-mode.js'
import { cancelAbandonedOrder } from '../../src/services/unpaid-orders.js'
import type { Order } from '#shared/schemas/order.js'
import type { Payment } from '#shared/schemas/payment.js'

const TTL_S = 600

/** An order of one bowl of rice (3.00) placed by the tablet through the API: it joins the table's check. */
async function placed (running: RunningApp, tablet: Tablet): Promise<Order> {
  const response = await api<Order>(running.base, '/api/orders', { method: 'POST', cookie: tablet.cookie, body: orderBody([riceLine()]) })
  expect(response.status).toBe(201)
  return response.body
}

/** A pass of the sweep as if `seconds` had gone by since now. */
function sweepAfter (app: App, seconds: number): Promise<string[]> {
  return app.unpaidOrderSweep!.run(Date.now() + seconds * 1000)
}

async function cancelReason (app: App, orderId: string): Promise<string | null | undefined> {
  return (await app.db.selectFrom('orders').select('cancel_reason').where('id', '=', orderId).executeTakeFirst())?.cancel_reason
}

/** A payment that ended (the diner cancelled it): nothing runs for the order any more. */
async function cancelledPayment (running: RunningApp, tablet: Tablet, orderId: string): Promise<Payment> {
  const { body: payment } = await startQr(running.base, tablet, orderId)
  const cancelled = await api<Payment>(running.base, `/api/payments/${payment.id}/cancel`, { method: 'POST', cookie: tablet.cookie })
  expect(cancelled.body.status).toBe('cancelled')
  return cancelled.body
}

describe('the sweep of unpaid orders', () => {
  it('cancels an order whose payment ended more than the TTL ago, and tells its table and staff', async () => {
    const running = await startApp()
    const tablet = await pairedTablet(running.app)
    const order = await placed(running, tablet)
    await cancelledPayment(running, tablet, order.id)
    const seen = await recordEvents(running.app)

    // Within the TTL the diner may still try again.
    expect(await sweepAfter(running.app, TTL_S - 5)).toEqual([])
    expect(await orderStatus(running.app, order.id)).toBe('placed')

    expect(await sweepAfter(running.app, TTL_S + 5)).toEqual([order.id])
    expect(await orderStatus(running.app, order.id)).toBe('cancelled')
    expect(await cancelReason(running.app, order.id)).toBe('payment_abandoned')
    await running.app.events.settled()
    const updates = seen.filter(event => event.event === 'order.updated').map(event => event.data as Order)
    // Once to the table's screens, once to staff.
    expect(updates).toHaveLength(2)
    expect(updates[0]).toMatchObject({ id: order.id, status: 'cancelled', cancelReason: 'payment_abandoned' })
    // Gone from the board's list of orders to be paid.
    const cookie = await staffCookie(running.base)
    const board = await api<Order[]>(running.base, '/api/staff/orders?status=placed', { cookie })
    expect(board.body.map(item => item.id)).not.toContain(order.id)
  })

  it('cancels an order that never got a payment, once the TTL has passed since it was placed', async () => {
    const running = await startApp()
    const tablet = await pairedTablet(running.app)
    const order = await placed(running, tablet)
    expect(await sweepAfter(running.app, TTL_S - 5)).toEqual([])
    expect(await sweepAfter(running.app, TTL_S + 5)).toEqual([order.id])
  })

  it('leaves an order alone while a payment of it is open, however old', async () => {
    const running = await startApp()
    const tablet = await pairedTablet(running.app)
    const order = await placed(running, tablet)
    const { body: payment } = await startQr(running.base, tablet, order.id)
    expect(payment.status).toBe('waiting')
    expect(await sweepAfter(running.app, 10 * TTL_S)).toEqual([])
    expect(await orderStatus(running.app, order.id)).toBe('placed')
  })

  it('leaves an order on a tab alone', async () => {
    const running = await startApp({ PAYMENT_MODE: 'tab' })
    const tablet = await pairedTablet(running.app)
    const order = await placed(running, tablet)
    expect(await sweepAfter(running.app, 10 * TTL_S)).toEqual([])
    expect(await orderStatus(running.app, order.id)).toBe('placed')
  })

  it('leaves an order alone when a check payment of its table is open (a phone diner paying)', async () => {
    const running = await startApp()
    const tablet = await pairedTablet(running.app)
    const order = await placed(running, tablet)
    const check = await running.app.db.selectFrom('orders').select('check_id').where('id', '=', order.id).executeTakeFirstOrThrow()
    const at = new Date().toISOString()
    await running.app.db.insertInto('payments').values({
      id: 'pay_check_open', order_id: null, check_id: check.check_id, scope: 'all', method: 'alipay_jsapi', status: 'waiting', amount: order.total,
      currency: order.currency, qr_code: null, trade_no: null, buyer_id: null, buyer_open_id: null, expires_at: at, qr_deadline_at: at,
      failure_code: null, paid_at: null, next_check_at: null, unknown_since: null, created_at: at, updated_at: at,
    }).execute()
    expect(await sweepAfter(running.app, 10 * TTL_S)).toEqual([])
  })

  it('never cancels an order a paid check payment covers part of (an even split, one share paid)', async () => {
    const running = await startApp()
    const tablet = await pairedTablet(running.app)
    const order = await placed(running, tablet)
    await paidShare(running.app, order, 'pay_check_share')
    expect(await sweepAfter(running.app, 10 * TTL_S)).toEqual([])
    const response = await api(running.base, `/api/orders/${order.id}/abandon`, { method: 'POST', cookie: tablet.cookie })
    expect(response).toMatchObject({ status: 409, body: { code: 'CONFLICT' } })
    expect(await orderStatus(running.app, order.id)).toBe('placed')
  })

  it('keeps to the mode the order was placed in: a check opened in pay-first is swept after a switch to tab', async () => {
    const running = await startApp()
    const tablet = await pairedTablet(running.app)
    const order = await placed(running, tablet)
    await choosePaymentMode(running.app.db, 'tab')
    expect(await sweepAfter(running.app, TTL_S + 5)).toEqual([order.id])
  })

  it('is off with UNPAID_ORDER_TTL_S=0, and the variable is checked at start', async () => {
    const running = await startApp({ UNPAID_ORDER_TTL_S: '0' })
    expect(running.app.unpaidOrderSweep).toBeNull()
    expect(testConfig({ UNPAID_ORDER_TTL_S: '45' }).unpaidOrderTtlS).toBe(45)
    expect(testConfig({}).unpaidOrderTtlS).toBe(600)
    for (const value of ['5', '29', '86401', '10m', '-1']) {
      const error = configFailure({ UNPAID_ORDER_TTL_S: value })
      expect(error.variable).toBe('UNPAID_ORDER_TTL_S')
      expect(error.message).toContain('0 (never)')
    }
  })

  it('runs on the reconciler\'s timer', async () => {
    const running = await startApp({ UNPAID_ORDER_TTL_S: '30' })
    const tablet = await pairedTablet(running.app)
    const order = await placed(running, tablet)
    // Placed a minute ago (as the sweep sees it); the next due tick cancels it.
    await running.app.db.updateTable('orders').set({ created_at: new Date(Date.now() - 60_000).toISOString() }).where('id', '=', order.id).execute()
    await until(async () => (await orderStatus(running.app, order.id)) === 'cancelled', 10_000, 'the order swept by the timer')
  })
})

describe('settling open payments after the cancel', () => {
  it('failing is logged, and the cancel still reaches the table and staff', async () => {
    const running = await startApp()
    const tablet = await pairedTablet(running.app)
    const order = await placed(running, tablet)
    const recorded = await recordEvents(running.app)
    const logged: unknown[] = []
    const deps = {
      db: running.app.db,
      events: running.app.events,
      payments: { abandonOpenPayments: async () => { throw new Error('database is locked') } },
      log: { error: (fields: unknown) => { logged.push(fields) } },
    }
    const cancelled = await cancelAbandonedOrder(deps, order.id, null)
    expect(cancelled).toMatchObject({ id: order.id, status: 'cancelled' })
    await running.app.events.settled()
    const seen = recorded.filter(event => event.event === 'order.updated').map(event => (event.data as Order).status)
    expect(seen).toEqual(['cancelled', 'cancelled'])
    expect(logged).toEqual([expect.objectContaining({ orderId: order.id })])
  })
})

describe('a payment arriving for an auto-cancelled order', () => {
  it('is refunded in full and staff are told, as for any cancelled order', async () => {
    const running = await startApp()
    const { app, base } = running
    // The diner pays at the last instant; Alipay's word of it is still on its way, no poll finds it.
    await app.reconciler.stop()
    await setFaults(base, { notify: { delayMs: 3_600_000 } })
    const tablet = await pairedTablet(app)
    const order = await placed(running, tablet)
    const { body: payment } = await startQr(base, tablet, order.id)
    expect(await payAtAlipay(base, payment.id)).toBe(200)
    const notifyId = await until(() => emulatorNotifyId(base, payment.id), 5_000, "the emulator's notification")
    // What we knew: the trade was closed (its QR ran out) — so the order looked abandoned.
    await app.db.updateTable('payments').set({ status: 'closed', next_check_at: null }).where('id', '=', payment.id).execute()
    expect(await sweepAfter(app, TTL_S + 5)).toEqual([order.id])

    const trade = await (await fetch(`${base}/sandbox/trades/${payment.id}`)).json() as { tradeNo: string }
    const body = signedPaidNotification(running, { outTradeNo: payment.id, tradeNo: trade.tradeNo, amount: order.total, notifyId })
    expect(await app.handleAlipayNotification(body, FORM, '203.0.113.9')).toBe('success')
    expect(await orderStatus(app, order.id)).toBe('cancelled')
    await until(async () => (await paymentStatus(app, payment.id)) === 'refunded', 10_000, 'the late payment refunded')
    const refunds = await app.db.selectFrom('refunds').select(['amount', 'status']).where('payment_id', '=', payment.id).execute()
    expect(refunds).toEqual([{ amount: order.total, status: 'succeeded' }])
    const kinds = (await app.db.selectFrom('alerts').select('kind').where('payment_id', '=', payment.id).execute()).map(row => row.kind)
    expect(kinds).toContain('payment.paid_after_cancel')
  })
})

describe('POST /api/orders/:id/abandon (the tablet\'s idle reset)', () => {
  it('cancels the tablet\'s unpaid order at once, settling a QR still open, and answers a repeat the same', async () => {
    const running = await startApp()
    const tablet = await pairedTablet(running.app)
    const order = await placed(running, tablet)
    const { body: payment } = await startQr(running.base, tablet, order.id)
    const first = await api<Order>(running.base, `/api/orders/${order.id}/abandon`, { method: 'POST', cookie: tablet.cookie })
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject({ id: order.id, status: 'cancelled', cancelReason: 'payment_abandoned' })
    expect(await paymentStatus(running.app, payment.id)).toBe('cancelled')
    const again = await api<Order>(running.base, `/api/orders/${order.id}/abandon`, { method: 'POST', cookie: tablet.cookie })
    expect(again.status).toBe(200)
    expect(again.body.status).toBe('cancelled')
  })

  it('refuses a paid order (409) and another tablet\'s order (404)', async () => {
    const running = await startApp()
    await setFaults(running.base, { notify: { drop: true } })
    const tablet = await pairedTablet(running.app)
    const other = await pairedTablet(running.app)
    const order = await placed(running, tablet)
    const notMine = await api(running.base, `/api/orders/${order.id}/abandon`, { method: 'POST', cookie: other.cookie })
    expect(notMine).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } })

    // Paid just before the reset: the cancel of the QR finds it paid, and the order stays paid.
    await running.app.reconciler.stop()
    const { body: payment } = await startQr(running.base, tablet, order.id)
    expect(await payAtAlipay(running.base, payment.id)).toBe(200)
    const paid = await api(running.base, `/api/orders/${order.id}/abandon`, { method: 'POST', cookie: tablet.cookie })
    expect(paid).toMatchObject({ status: 409, body: { code: 'INVALID_TRANSITION' } })
    expect(await orderStatus(running.app, order.id)).toBe('paid')
  })

  it('leaves the order (409 CONFLICT) while Alipay cannot say whether its QR was paid', async () => {
    const running = await startApp()
    await running.app.reconciler.stop()
    const tablet = await pairedTablet(running.app)
    const order = await placed(running, tablet)
    const { body: payment } = await startQr(running.base, tablet, order.id)
    await setFaults(running.base, { unavailableRate: 1, methods: serviceNames('query', 'cancel') })
    const response = await api(running.base, `/api/orders/${order.id}/abandon`, { method: 'POST', cookie: tablet.cookie })
    expect(response).toMatchObject({ status: 409, body: { code: 'CONFLICT' } })
    expect(await paymentStatus(running.app, payment.id)).toBe('unknown')
    expect(await orderStatus(running.app, order.id)).toBe('placed')
  })

  it('refuses an order on a tab (409): the kitchen has it and the check is paid at the end', async () => {
    const running = await startApp({ PAYMENT_MODE: 'tab' })
    const tablet = await pairedTablet(running.app)
    const order = await placed(running, tablet)
    const response = await api(running.base, `/api/orders/${order.id}/abandon`, { method: 'POST', cookie: tablet.cookie })
    expect(response).toMatchObject({ status: 409, body: { code: 'INVALID_TRANSITION' } })
  })
})

/** A check payment, paid and ended long ago, that covered a third of the order (one share of an even split). */
async function paidShare (app: App, order: Order, id: string): Promise<void> {
  const check = await app.db.selectFrom('orders').select('check_id').where('id', '=', order.id).executeTakeFirstOrThrow()
  const at = new Date(Date.now() - 2 * TTL_S * 1000).toISOString()
  const share = Math.floor(order.total / 3)
  await app.db.insertInto('payments').values({
    id, order_id: null, check_id: check.check_id, scope: 'even', method: 'alipay_jsapi', status: 'paid', amount: share,
    currency: order.currency, qr_code: null, trade_no: `trade_${id}`, buyer_id: null, buyer_open_id: null, expires_at: at, qr_deadline_at: at,
    failure_code: null, paid_at: at, next_check_at: null, unknown_since: null, created_at: at, updated_at: at,
  }).execute()
  await app.db.insertInto('payment_orders').values({ payment_id: id, order_id: order.id, amount: share }).execute()
}

async function staffCookie (base: string): Promise<string> {
  const response = await fetch(`${base}/api/staff/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pin: '246810' }) })
  return (response.headers.get('set-cookie') ?? '').split(';')[0]!
}
