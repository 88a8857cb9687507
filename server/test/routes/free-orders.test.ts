// Orders that come to 0 (free dishes only): no Alipay payment, straight to the kitchen, never a 500.
import { describe, expect, it } from 'vitest'
import type { App } from '../../src/app.js'
import { MAPO, RICE, mapoLine, orderBody, orderingApp, postOrder, recordEvents, riceLine } from '../fixtures/orders.js'
import { placedOrder } from '../payments/fixtures.js'
import type { Order } from '#shared/schemas/order.js'

async function setPrice (app: App, manager: string, itemId: string, price: number): Promise<void> {
  const response = await app.inject({ method: 'PATCH', url: `/api/staff/menu/items/${itemId}`, headers: { cookie: manager }, payload: { price } })
  expect(response.statusCode, response.body).toBe(200)
}

function startPayment (app: App, cookie: string, orderId: string) {
  return app.inject({ method: 'POST', url: `/api/orders/${orderId}/payments`, headers: { cookie }, payload: { method: 'alipay_qr' } })
}

async function paymentRows (app: App): Promise<number> {
  return (await app.db.selectFrom('payments').select('id').execute()).length
}

describe('free orders', () => {
  it('sends an order that comes to 0 straight to the kitchen, with no payment to make', async () => {
    const { app, staff, tablet } = await orderingApp()
    await setPrice(app, staff, RICE.itemId, 0)
    const events = await recordEvents(app)

    const response = await postOrder(app, tablet.cookie, orderBody([riceLine(2)]))
    expect(response.statusCode, response.body).toBe(201)
    const order = response.json<Order>()
    expect(order).toMatchObject({ status: 'paid', total: 0, subtotal: 0, payments: [] })
    await app.events.settled()
    // The kitchen board and the table hear of it as an order ready to prepare.
    expect(events.filter(event => event.event.startsWith('order.')).map(event => [event.event, (event.data as Order).status])).toEqual([['order.created', 'paid'], ['order.updated', 'paid']])

    const payment = await startPayment(app, tablet.cookie, order.id)
    expect(payment.statusCode, payment.body).toBe(409)
    expect(payment.json()).toMatchObject({ code: 'ORDER_NEEDS_NO_PAYMENT' })
    expect(await paymentRows(app)).toBe(0)

    const preparing = await app.inject({ method: 'PATCH', url: `/api/staff/orders/${order.id}`, headers: { cookie: staff }, payload: { status: 'preparing' } })
    expect(preparing.statusCode, preparing.body).toBe(200)
  })

  it('charges an order with free and priced dishes as usual', async () => {
    const { app, staff, tablet } = await orderingApp()
    await setPrice(app, staff, RICE.itemId, 0)
    const response = await postOrder(app, tablet.cookie, orderBody([mapoLine(), riceLine(3)]))
    expect(response.statusCode, response.body).toBe(201)
    expect(response.json<Order>()).toMatchObject({ status: 'placed', total: MAPO.price })
  })

  it('answers 409 for a QR of a placed order that comes to 0, and staff can still settle it', async () => {
    const { app, staff, tablet } = await orderingApp()
    // Stored as `placed` the way orders were before free ones skipped payment.
    const orderId = await placedOrder(app, { cookie: tablet.cookie, tableId: tablet.table.id, deviceId: tablet.deviceId }, 0)

    const payment = await startPayment(app, tablet.cookie, orderId)
    expect(payment.statusCode, payment.body).toBe(409)
    expect(payment.json()).toMatchObject({ code: 'ORDER_NEEDS_NO_PAYMENT' })
    expect(await paymentRows(app)).toBe(0)

    const settled = await app.inject({ method: 'PATCH', url: `/api/staff/orders/${orderId}`, headers: { cookie: staff }, payload: { status: 'paid' } })
    expect(settled.statusCode, settled.body).toBe(200)
    expect(settled.json<Order>()).toMatchObject({ status: 'paid', payments: [] })
  })
})
