// /api/staff/orders: the list staff work from, and moving orders along the kitchen flow without races.
import { describe, expect, it } from 'vitest'
import { addStaff } from '../auth-helpers.js'
import { STAFF_COOKIE } from '../../src/lib/cookies.js'
import { orderBody, orderingApp, pairedTablet, placeOrder, recordEvents, riceLine } from '../fixtures/orders.js'
import type { App } from '../../src/app.js'
import { updateOrderStatus } from '../../src/repositories/orders.js'
import type { Order } from '#shared/schemas/order.js'

function patchStatus (app: App, cookie: string, id: string, payload: object) {
  return app.inject({ method: 'PATCH', url: `/api/staff/orders/${id}`, headers: { cookie }, payload })
}

function listOrders (app: App, cookie: string, query = '') {
  return app.inject({ method: 'GET', url: `/api/staff/orders${query}`, headers: { cookie } })
}

describe('GET /api/staff/orders', () => {
  it('lists orders of every table, newest first, filtered by status and limited', async () => {
    const { app, staff, tablet } = await orderingApp()
    const other = await pairedTablet(app, staff)
    const first = await placeOrder(app, tablet.cookie)
    const second = await placeOrder(app, other.cookie, orderBody([riceLine()]))
    const third = await placeOrder(app, tablet.cookie)
    expect((await patchStatus(app, staff, second.id, { status: 'paid' })).statusCode).toBe(200)

    const all = await listOrders(app, staff)
    expect(all.statusCode).toBe(200)
    expect(all.json<Order[]>().map(order => order.number)).toEqual([third.number, second.number, first.number])
    expect(all.json<Order[]>()[1]).toMatchObject({ id: second.id, status: 'paid', tableLabel: other.table.label, payments: [] })

    const placed = await listOrders(app, staff, '?status=placed')
    expect(placed.json<Order[]>().map(order => order.id)).toEqual([third.id, first.id])
    const limited = await listOrders(app, staff, '?limit=1')
    expect(limited.json<Order[]>().map(order => order.id)).toEqual([third.id])
    const none = await listOrders(app, staff, '?status=served')
    expect(none.json()).toEqual([])
  })

  it('refuses unknown statuses, limits out of range and unknown parameters', async () => {
    const { app, staff } = await orderingApp()
    for (const query of ['?status=eaten', '?limit=0', '?limit=501', '?limit=ten', '?table=1']) {
      const response = await listOrders(app, staff, query)
      expect(response.statusCode, query).toBe(400)
      expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED' })
    }
  })

  it('is for staff only: no cookie, a forged cookie or a tablet cookie get 401', async () => {
    const { app, tablet } = await orderingApp()
    for (const cookie of ['', `${STAFF_COOKIE}=forged`, tablet.cookie]) {
      const response = await listOrders(app, cookie)
      expect(response.statusCode).toBe(401)
      expect(response.json()).toMatchObject({ code: 'STAFF_UNAUTHENTICATED' })
    }
  })
})

describe('PATCH /api/staff/orders/:id', () => {
  it('walks an order from placed to served and tells the table and staff at every step', async () => {
    const { app, staff, tablet } = await orderingApp()
    const order = await placeOrder(app, tablet.cookie)
    const events = await recordEvents(app)
    for (const status of ['paid', 'preparing', 'ready', 'served'] as const) {
      const response = await patchStatus(app, staff, order.id, { status })
      expect(response.statusCode, response.body).toBe(200)
      expect(response.json<Order>()).toMatchObject({ id: order.id, status })
    }
    await app.events.settled()
    const updates = events.filter(event => event.event === 'order.updated')
    expect(updates.map(event => [event.audience.kind, (event.data as Order).status])).toEqual([
      ['table', 'paid'], ['staff', 'paid'],
      ['table', 'preparing'], ['staff', 'preparing'],
      ['table', 'ready'], ['staff', 'ready'],
      ['table', 'served'], ['staff', 'served'],
    ])
    // The tablet sees the same status when it asks.
    const seen = await app.inject({ method: 'GET', url: `/api/orders/${order.id}`, headers: { cookie: tablet.cookie } })
    expect(seen.json<Order>().status).toBe('served')
  })

  it('refuses transitions the flow does not allow with 409 INVALID_TRANSITION, changing nothing', async () => {
    const { app, staff, tablet } = await orderingApp()
    const order = await placeOrder(app, tablet.cookie)
    for (const status of ['preparing', 'ready', 'served', 'placed']) {
      const response = await patchStatus(app, staff, order.id, { status })
      expect(response.statusCode, status).toBe(409)
      expect(response.json()).toMatchObject({ code: 'INVALID_TRANSITION', message: `An order cannot go from placed to ${status}` })
    }
    await patchStatus(app, staff, order.id, { status: 'paid' })
    await patchStatus(app, staff, order.id, { status: 'preparing' })
    await patchStatus(app, staff, order.id, { status: 'ready' })
    await patchStatus(app, staff, order.id, { status: 'served' })
    const late = await patchStatus(app, staff, order.id, { status: 'cancelled', reason: 'Too late' })
    expect(late.statusCode).toBe(409)
    const list = await listOrders(app, staff)
    expect(list.json<Order[]>()[0]).toMatchObject({ status: 'served', cancelReason: null })
  })

  it('cancels only with a reason, and keeps the reason on the order', async () => {
    const { app, staff, tablet } = await orderingApp()
    const order = await placeOrder(app, tablet.cookie)
    for (const payload of [{ status: 'cancelled' }, { status: 'cancelled', reason: '   ' }]) {
      const refused = await patchStatus(app, staff, order.id, payload)
      expect(refused.statusCode).toBe(400)
      expect(refused.json()).toMatchObject({ code: 'CANCEL_REASON_REQUIRED' })
    }
    const cancelled = await patchStatus(app, staff, order.id, { status: 'cancelled', reason: 'Guest left before paying' })
    expect(cancelled.statusCode).toBe(200)
    expect(cancelled.json<Order>()).toMatchObject({ status: 'cancelled', cancelReason: 'Guest left before paying' })
    const again = await patchStatus(app, staff, order.id, { status: 'paid' })
    expect(again.statusCode).toBe(409)
  })

  it('lets exactly one of two staff members win when both act on the same order at once', async () => {
    const { app, tablet } = await orderingApp()
    const anna = await addStaff(app, { name: 'Anna', role: 'staff', pin: '1111' })
    const bo = await addStaff(app, { name: 'Bo', role: 'staff', pin: '2222' })
    const order = await placeOrder(app, tablet.cookie)
    const events = await recordEvents(app)
    const [a, b] = await Promise.all([
      patchStatus(app, anna.cookie, order.id, { status: 'paid' }),
      patchStatus(app, bo.cookie, order.id, { status: 'paid' }),
    ])
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409])
    await app.events.settled()
    expect(events.filter(event => event.event === 'order.updated')).toHaveLength(2)
  })

  it('updates only from the status it read, so a change made in between is never overwritten', async () => {
    const { app, staff, tablet } = await orderingApp()
    const order = await placeOrder(app, tablet.cookie)
    await patchStatus(app, staff, order.id, { status: 'paid' })
    // A second writer that still believes the order is placed loses, and the order stays paid.
    expect(await updateOrderStatus(app.db, order.id, 'placed', 'cancelled', new Date().toISOString(), 'stale')).toBe(false)
    const list = await listOrders(app, staff)
    expect(list.json<Order[]>()[0]).toMatchObject({ status: 'paid', cancelReason: null })
  })

  it('answers 404 for an unknown order and 400 for bad bodies or ids', async () => {
    const { app, staff, tablet } = await orderingApp()
    const order = await placeOrder(app, tablet.cookie)
    const unknown = await patchStatus(app, staff, 'ord_000000000000000000000000', { status: 'paid' })
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json()).toMatchObject({ code: 'NOT_FOUND' })
    const bad: object[] = [{ status: 'eaten' }, { status: 'paid', by: 'me' }, {}, { status: 1 }, { status: 'cancelled', reason: 'x'.repeat(201) }]
    for (const payload of bad) {
      const response = await patchStatus(app, staff, order.id, payload)
      expect(response.statusCode, JSON.stringify(payload)).toBe(400)
      expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED' })
    }
    const badId = await patchStatus(app, staff, 'ord$1', { status: 'paid' })
    expect(badId.statusCode).toBe(400)
    const malformed = await app.inject({ method: 'PATCH', url: `/api/staff/orders/${order.id}`, headers: { cookie: staff, 'content-type': 'application/json' }, payload: '{status' })
    expect(malformed.json()).toMatchObject({ code: 'INVALID_JSON' })
    const list = await listOrders(app, staff)
    expect(list.json<Order[]>()[0]!.status).toBe('placed')
  })

  it('is for staff only', async () => {
    const { app, tablet } = await orderingApp()
    const order = await placeOrder(app, tablet.cookie)
    for (const cookie of ['', `${STAFF_COOKIE}=forged`, tablet.cookie]) {
      const response = await patchStatus(app, cookie, order.id, { status: 'paid' })
      expect(response.statusCode).toBe(401)
    }
  })
})
