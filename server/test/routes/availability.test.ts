// Sold-out switches: staff mark dishes and options unavailable, tablets hear menu.changed, orders are refused.
import { afterEach, describe, expect, it } from 'vitest'
import { STAFF_COOKIE } from '../../src/lib/cookies.js'
import { SseClient } from '../sse-client.js'
import { DAN_DAN, MAPO, RICE, countOrders, mapoLine, orderBody, orderingApp, postOrder, recordEvents, riceLine } from '../fixtures/orders.js'
import type { App } from '../../src/app.js'
import type { Menu, MenuItem, MenuOption } from '#shared/schemas/menu.js'

const clients: SseClient[] = []
afterEach(() => { for (const client of clients.splice(0)) client.close() })

function setDish (app: App, cookie: string, id: string, payload: unknown) {
  return app.inject({ method: 'PATCH', url: `/api/staff/menu/items/${id}`, headers: { cookie }, payload: payload as object })
}

function setOption (app: App, cookie: string, id: string, payload: unknown) {
  return app.inject({ method: 'PATCH', url: `/api/staff/menu/options/${id}`, headers: { cookie }, payload: payload as object })
}

async function menuOf (app: App, cookie: string): Promise<Menu> {
  return (await app.inject({ method: 'GET', url: '/api/menu', headers: { cookie } })).json<Menu>()
}

describe('PATCH /api/staff/menu/items/:id', () => {
  it('marks a dish sold out: new menu version, menu.changed to tablets and staff, orders refused', async () => {
    const { app, staff, tablet } = await orderingApp()
    const before = await menuOf(app, tablet.cookie)
    // On PostgreSQL events arrive through the shared log, a moment later: let them all arrive first.
    const events = await recordEvents(app)
    const response = await setDish(app, staff, RICE.itemId, { available: false })
    expect(response.statusCode).toBe(200)
    expect(response.json<MenuItem>()).toMatchObject({ id: RICE.itemId, available: false, price: RICE.price })

    const after = await menuOf(app, tablet.cookie)
    expect(after.version).not.toBe(before.version)
    await app.events.settled()
    expect(events.map(event => [event.event, event.audience.kind, event.data])).toEqual([
      ['menu.changed', 'tablets', { version: after.version }],
      ['menu.changed', 'staff', { version: after.version }],
    ])
    const refused = await postOrder(app, tablet.cookie, orderBody([mapoLine(), riceLine()]))
    expect(refused.statusCode).toBe(422)
    expect(refused.json()).toMatchObject({ code: 'ITEM_UNAVAILABLE', details: { problems: [{ line: 1, code: 'ITEM_UNAVAILABLE', itemId: RICE.itemId }] } })
    expect(await countOrders(app)).toBe(0)

    // Back on the menu: orderable again.
    expect((await setDish(app, staff, RICE.itemId, { available: true })).json<MenuItem>().available).toBe(true)
    expect((await postOrder(app, tablet.cookie, orderBody([riceLine()]))).statusCode).toBe(201)
  })

  it('changes nothing and tells no one when the dish already has that availability', async () => {
    const { app, staff, tablet } = await orderingApp()
    const before = await menuOf(app, tablet.cookie)
    const events = await recordEvents(app)
    const response = await setDish(app, staff, RICE.itemId, { available: true })
    expect(response.statusCode).toBe(200)
    expect((await menuOf(app, tablet.cookie)).version).toBe(before.version)
    await app.events.settled()
    expect(events).toEqual([])
  })

  it('reaches a connected tablet over its event stream', async () => {
    const { app, staff, tablet } = await orderingApp()
    const base = await app.listen({ host: '127.0.0.1', port: 0 })
    const stream = await SseClient.open(`${base}/api/events`, { cookie: tablet.cookie })
    clients.push(stream)
    await stream.next(message => message.event === 'ready')
    await setDish(app, staff, 'dish_peking_duck', { available: false })
    const changed = await stream.next(message => message.event === 'menu.changed')
    expect(changed.data).toEqual({ version: (await menuOf(app, tablet.cookie)).version })
  })

  it('answers 404 for an unknown dish and 400 for bad bodies, without a new version', async () => {
    const { app, staff, tablet } = await orderingApp()
    const before = await menuOf(app, tablet.cookie)
    const unknown = await setDish(app, staff, 'dish_unicorn_steak', { available: false })
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json()).toMatchObject({ code: 'NOT_FOUND' })
    for (const payload of [{ available: 'no' }, { available: 0 }, {}, { available: false, colour: 'red' }]) {
      const response = await setDish(app, staff, RICE.itemId, payload)
      expect(response.statusCode, JSON.stringify(payload)).toBe(400)
      expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED' })
    }
    const badId = await setDish(app, staff, 'dish%20rice', { available: false })
    expect(badId.statusCode).toBe(400)
    expect((await menuOf(app, tablet.cookie)).version).toBe(before.version)
  })

  it('is for staff only: tablets and forged cookies get 401', async () => {
    const { app, tablet } = await orderingApp()
    for (const cookie of ['', tablet.cookie, `${STAFF_COOKIE}=forged`]) {
      const response = await setDish(app, cookie, RICE.itemId, { available: false })
      expect(response.statusCode).toBe(401)
    }
    expect((await menuOf(app, tablet.cookie)).items.find(item => item.id === RICE.itemId)?.available).toBe(true)
  })
})

describe('PATCH /api/staff/menu/options/:id', () => {
  it('marks an option sold out: the menu shows it and orders choosing it are refused', async () => {
    const { app, staff, tablet } = await orderingApp()
    const events = await recordEvents(app)
    const response = await setOption(app, staff, DAN_DAN.extras.egg, { available: false })
    expect(response.statusCode).toBe(200)
    expect(response.json<MenuOption>()).toMatchObject({ id: DAN_DAN.extras.egg, available: false, priceDelta: DAN_DAN.prices.egg })
    await app.events.settled()
    expect(events.map(event => event.event)).toEqual(['menu.changed', 'menu.changed'])

    const menu = await menuOf(app, tablet.cookie)
    const danDan = menu.items.find(item => item.id === DAN_DAN.itemId)!
    expect(danDan.available).toBe(true)
    expect(danDan.optionGroups.flatMap(group => group.options).find(option => option.id === DAN_DAN.extras.egg)?.available).toBe(false)

    const withEgg = await postOrder(app, tablet.cookie, orderBody([{ itemId: DAN_DAN.itemId, quantity: 1, optionIds: [DAN_DAN.spice.mild, DAN_DAN.extras.egg] }]))
    expect(withEgg.statusCode).toBe(422)
    expect(withEgg.json()).toMatchObject({ code: 'OPTION_UNAVAILABLE', details: { problems: [{ line: 0, optionId: DAN_DAN.extras.egg }] } })
    // The dish itself is still orderable without that option.
    const without = await postOrder(app, tablet.cookie, orderBody([{ itemId: DAN_DAN.itemId, quantity: 1, optionIds: [DAN_DAN.spice.mild] }]))
    expect(without.statusCode).toBe(201)
  })

  it('answers 404 for an unknown option and refuses tablets', async () => {
    const { app, staff, tablet } = await orderingApp()
    expect((await setOption(app, staff, 'opt_gold_leaf', { available: false })).statusCode).toBe(404)
    expect((await setOption(app, tablet.cookie, MAPO.spice.hot, { available: false })).statusCode).toBe(401)
    expect((await setOption(app, staff, MAPO.spice.hot, { available: null })).statusCode).toBe(400)
  })
})
