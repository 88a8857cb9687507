// POST /api/orders arriving together share one commit (the database's commit group): each still gets its own answer.
import { describe, expect, it, vi } from 'vitest'
import { countOrders, orderBody, orderingApp, postOrder, recordEvents, riceLine } from '../fixtures/orders.js'
import { TEST_DATABASE } from '../helper.js'
import type { Order } from '#shared/schemas/order.js'

describe('POST /api/orders, many at once', () => {
  it('answers every order, stores a repeated clientOrderId once, numbers them apart and refuses a bad one alone', async () => {
    const { app, tablet } = await orderingApp()
    const events = await recordEvents(app)
    const transactions = vi.spyOn(app.db, 'transaction')
    const repeated = orderBody()
    const bodies = [
      ...Array.from({ length: 18 }, () => orderBody([riceLine()])),
      repeated,
      repeated,
      orderBody([{ itemId: 'dish_unicorn_steak', quantity: 1, optionIds: [] }]),
    ]
    const responses = await Promise.all(bodies.map(body => postOrder(app, tablet.cookie, body)))

    // The repeat is answered 200 with the order the first one stored: on SQLite the first posted (one commit group,
    // in order); on PostgreSQL the two run side by side and either may be first.
    const statuses = responses.map(response => response.statusCode)
    const repeats = TEST_DATABASE === 'sqlite' ? statuses.slice(18, 20) : statuses.slice(18, 20).sort().reverse()
    expect([...statuses.slice(0, 18), ...repeats, statuses[20]]).toEqual([...Array<number>(19).fill(201), 200, 422])
    const orders = responses.slice(0, 20).map(response => response.json<Order>())
    expect(orders[18]!.id).toBe(orders[19]!.id)
    const distinct = new Set(orders.map(order => order.id))
    expect(distinct.size).toBe(19)
    expect(new Set(orders.map(order => order.number)).size).toBe(19)
    expect(await countOrders(app)).toBe(19)
    // Published once per stored order, after its commit.
    await app.events.settled()
    expect(events.filter(event => event.event === 'order.created')).toHaveLength(19)
    // Grouped on SQLite: fewer transactions than orders. (On PostgreSQL each write is a transaction of its own:
    // db/group-commit.ts.)
    if (TEST_DATABASE === 'sqlite') expect(transactions.mock.calls.length).toBeLessThan(19)
    await app.close()
  })
})
