// Totals above what one Alipay payment can take are refused when priced and when paid, never a 500.
import { describe, expect, it } from 'vitest'
import type { App } from '../../src/app.js'
import { RICE, countOrders, orderBody, orderingApp, placeOrder, postOrder, riceLine } from '../fixtures/orders.js'
import { placedOrder } from '../payments/fixtures.js'
import { MAX_ORDER_TOTAL } from '#shared/pricing.js'

async function setPrice (app: App, manager: string, itemId: string, price: number): Promise<void> {
  const response = await app.inject({ method: 'PATCH', url: `/api/staff/menu/items/${itemId}`, headers: { cookie: manager }, payload: { price } })
  expect(response.statusCode, response.body).toBe(200)
}

describe('order total limit', () => {
  it('refuses an order above the maximum with 422 ORDER_TOTAL_TOO_LARGE and stores nothing', async () => {
    const { app, staff, tablet } = await orderingApp()
    await setPrice(app, staff, RICE.itemId, MAX_ORDER_TOTAL)

    const tooLarge = await postOrder(app, tablet.cookie, orderBody([riceLine(2)]))
    expect(tooLarge.statusCode, tooLarge.body).toBe(422)
    expect(tooLarge.json()).toMatchObject({ code: 'ORDER_TOTAL_TOO_LARGE' })
    expect(await countOrders(app)).toBe(0)

    // Exactly the maximum is still an order, and the refused one used up no order number.
    const largest = await placeOrder(app, tablet.cookie, orderBody([riceLine(1)]))
    expect(largest).toMatchObject({ total: MAX_ORDER_TOTAL, number: 1 })
  })

  it('refuses to start a payment above the maximum before any payment row is written', async () => {
    const { app, tablet } = await orderingApp()
    // An order stored before the limit was enforced at pricing.
    const orderId = await placedOrder(app, { cookie: tablet.cookie, tableId: tablet.table.id, deviceId: tablet.deviceId }, MAX_ORDER_TOTAL + 1)

    const response = await app.inject({ method: 'POST', url: `/api/orders/${orderId}/payments`, headers: { cookie: tablet.cookie }, payload: { method: 'alipay_qr' } })
    expect(response.statusCode, response.body).toBe(422)
    expect(response.json()).toMatchObject({ code: 'ORDER_TOTAL_TOO_LARGE' })
    expect(await app.db.selectFrom('payments').select('id').execute()).toEqual([])
  })
})
