// GET /api/staff/orders?since=: a board that reconnects fetches only the orders created or moved since it last looked.
import { describe, expect, it } from 'vitest'
import { orderingApp, placeOrder } from '../fixtures/orders.js'
import type { App } from '../../src/app.js'
import type { Order } from '#shared/schemas/order.js'

async function board (app: App, staff: string, query: string): Promise<Order[]> {
  const response = await app.inject({ method: 'GET', url: `/api/staff/orders?${query}`, headers: { cookie: staff } })
  expect(response.statusCode, response.body).toBe(200)
  return response.json<Order[]>()
}

/** Waits (without a fixed sleep) until the clock has moved past `iso`, so the next write is strictly later. */
async function clockPast (iso: string): Promise<void> {
  while (Date.now() <= Date.parse(iso)) await new Promise(resolve => setImmediate(resolve))
}

describe('GET /api/staff/orders?since=', () => {
  it('lists only orders created or moved along after the moment, in any time zone notation', async () => {
    const { app, staff, tablet } = await orderingApp()
    const first = await placeOrder(app, tablet.cookie)
    await clockPast(first.updatedAt)
    const second = await placeOrder(app, tablet.cookie)
    expect((await board(app, staff, `since=${encodeURIComponent(first.updatedAt)}`)).map(order => order.id)).toEqual([second.id])

    await clockPast(second.updatedAt)
    const moved = await app.inject({ method: 'PATCH', url: `/api/staff/orders/${first.id}`, headers: { cookie: staff }, payload: { status: 'paid' } })
    expect(moved.statusCode).toBe(200)
    expect((await board(app, staff, `since=${encodeURIComponent(second.updatedAt)}`)).map(order => order.id)).toEqual([first.id])
    // The same moment written for Shanghai (+08:00) means the same thing.
    const shanghai = new Date(Date.parse(second.updatedAt) + 8 * 3_600_000).toISOString().replace('Z', '+08:00')
    expect((await board(app, staff, `since=${encodeURIComponent(shanghai)}&status=paid`)).map(order => order.id)).toEqual([first.id])
    expect(await board(app, staff, `since=${encodeURIComponent(moved.json<Order>().updatedAt)}`)).toEqual([])
    expect(await board(app, staff, 'since=1970-01-01T00%3A00%3A00Z')).toHaveLength(2)
  })

  it('refuses a since that is not a timestamp', async () => {
    const { app, staff } = await orderingApp()
    for (const since of ['yesterday', '2024-13-01T00:00:00Z', '12345']) {
      const response = await app.inject({ method: 'GET', url: `/api/staff/orders?since=${since}`, headers: { cookie: staff } })
      expect(response.statusCode, since).toBe(400)
    }
  })
})
