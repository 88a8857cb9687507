// A new order is answered from what was written, not read again: it must be exactly the stored order.
import { describe, expect, it } from 'vitest'
import { loadItemsById, loadMenuContent } from '../../src/repositories/menu.js'
import { DAN_DAN, mapoLine, orderBody, orderingApp, placeOrder, recordEvents, riceLine } from '../fixtures/orders.js'
import type { Order } from '#shared/schemas/order.js'

describe('a placed order as answered', () => {
  it('equals the order read back, in the answer and in the events', async () => {
    const { app, tablet } = await orderingApp()
    const events = await recordEvents(app)
    const body = orderBody([
      { ...mapoLine(2), note: ' less oil ' },
      { itemId: DAN_DAN.itemId, quantity: 1, optionIds: [DAN_DAN.extras.pork, DAN_DAN.spice.mild] },
      riceLine(1),
    ], { note: 'window seat' })
    const placed = await placeOrder(app, tablet.cookie, body)
    const read = await app.inject({ method: 'GET', url: `/api/orders/${placed.id}`, headers: { cookie: tablet.cookie } })
    expect(read.json<Order>()).toStrictEqual(placed)
    // The events carry the object itself: nothing the wire schema would have dropped may ride along.
    await app.events.settled()
    const orderEvents = events.filter(event => event.event.startsWith('order.'))
    expect(orderEvents.map(event => JSON.parse(JSON.stringify(event.data)) as unknown)).toStrictEqual([read.json(), read.json()])
  })

  it('counts order numbers on from a stored counter, one per order', async () => {
    const { app, tablet } = await orderingApp()
    await app.db.insertInto('settings').values({ key: 'order_number', value: '41' }).execute()
    const numbers = [(await placeOrder(app, tablet.cookie)).number, (await placeOrder(app, tablet.cookie)).number]
    expect(numbers).toEqual([42, 43])
  })
})

describe('loadItemsById', () => {
  it('gives each dish exactly as the menu shows it, groups and options in menu order', async () => {
    const { app } = await orderingApp()
    const menu = await loadMenuContent(app.db)
    const ids = menu.items.map(item => item.id)
    const byId = await loadItemsById(app.db, [...ids, 'dish_unknown', ids[0]!])
    expect(menu.items.map(item => byId.get(item.id))).toStrictEqual(menu.items)
    expect(byId.size).toBe(menu.items.length)
    expect(byId.has('dish_unknown')).toBe(false)
    expect(menu.items.some(item => item.optionGroups.length > 0)).toBe(true)
  })

  it('leaves out a removed dish', async () => {
    const { app } = await orderingApp()
    await app.db.updateTable('items').set({ removed_at: new Date().toISOString() }).where('id', '=', DAN_DAN.itemId).execute()
    const byId = await loadItemsById(app.db, [DAN_DAN.itemId, 'dish_steamed_rice'])
    expect([...byId.keys()]).toEqual(['dish_steamed_rice'])
  })
})
