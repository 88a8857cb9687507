// POST /api/orders and GET /api/orders/:id: server pricing, option rules, idempotency, access, restarts.
import { describe, expect, it } from 'vitest'
import { buildTestApp, tempDataDir } from '../helper.js'
import { loginStaff } from '../auth-helpers.js'
import { DEVICE_COOKIE } from '../../src/lib/cookies.js'
import {
  DAN_DAN, MAPO, RICE, countOrders, mapoLine, orderBody, orderingApp, pairedTablet, placeOrder, postOrder,
  recordEvents, registerTablet, riceLine,
} from '../fixtures/orders.js'
import type { Order } from '#shared/schemas/order.js'

describe('POST /api/orders', () => {
  it('prices the order on the server and stores it as placed, with snapshots of names and options', async () => {
    const { app, tablet } = await orderingApp()
    const body = orderBody([
      { ...mapoLine(2, [MAPO.protein.beef, MAPO.spice.hot]), note: '  no coriander ' },
      { itemId: DAN_DAN.itemId, quantity: 1, optionIds: [DAN_DAN.spice.mild, DAN_DAN.extras.egg, DAN_DAN.extras.pork] },
      riceLine(3),
    ], { note: 'Birthday, please bring the noodles first' })
    const response = await postOrder(app, tablet.cookie, body)
    expect(response.statusCode, response.body).toBe(201)
    const order = response.json<Order>()
    const danDan = DAN_DAN.price + DAN_DAN.prices.egg + DAN_DAN.prices.pork
    expect(order).toMatchObject({
      clientOrderId: body.clientOrderId,
      tableId: tablet.table.id,
      tableLabel: tablet.table.label,
      status: 'placed',
      currency: 'CNY',
      subtotal: 2 * MAPO.price + danDan + 3 * RICE.price,
      total: 2 * MAPO.price + danDan + 3 * RICE.price,
      note: 'Birthday, please bring the noodles first',
      cancelReason: null,
      payments: [],
    })
    expect(order.id).toMatch(/^ord_[0-9a-f]{24}$/)
    expect(order.number).toBe(1)
    expect(order.lines[0]).toMatchObject({ itemId: MAPO.itemId, quantity: 2, unitPrice: MAPO.price, lineTotal: 2 * MAPO.price, note: 'no coriander' })
    expect(order.lines[0]!.names).toEqual({ en: 'Mapo Tofu', 'zh-CN': '麻婆豆腐' })
    // Options come back in menu order (spice before protein), whatever order the tablet sent.
    expect(order.lines[0]!.options.map(option => option.id)).toEqual([MAPO.spice.hot, MAPO.protein.beef])
    expect(order.lines[0]!.options[0]).toMatchObject({ groupId: 'grp_mapo_tofu_spice', names: { en: 'Extra hot', 'zh-CN': '特辣' }, priceDelta: 0 })
    expect(order.lines[1]).toMatchObject({ unitPrice: danDan, lineTotal: danDan, note: null })
    expect(order.lines[2]).toMatchObject({ itemId: RICE.itemId, quantity: 3, unitPrice: RICE.price, lineTotal: 3 * RICE.price, options: [] })
  })

  it('numbers orders one after another and tells staff and the table', async () => {
    const { app, tablet } = await orderingApp()
    const events = await recordEvents(app)
    const first = await placeOrder(app, tablet.cookie)
    const second = await placeOrder(app, tablet.cookie)
    expect([first.number, second.number]).toEqual([1, 2])
    await app.events.settled()
    // Each order also changes the table's check (the first one opens it), which every screen at the table hears.
    expect(events.map(event => [event.event, event.audience])).toEqual([
      ['order.created', { kind: 'staff' }],
      ['order.updated', { kind: 'table', tableId: tablet.table.id }],
      ['check.updated', { kind: 'table', tableId: tablet.table.id }],
      ['order.created', { kind: 'staff' }],
      ['order.updated', { kind: 'table', tableId: tablet.table.id }],
      ['check.updated', { kind: 'table', tableId: tablet.table.id }],
    ])
    expect(events[0]!.data).toEqual(first)
  })

  it('keeps the order a snapshot: renaming or repricing the dish later does not change it', async () => {
    const { app, tablet } = await orderingApp()
    const order = await placeOrder(app, tablet.cookie, orderBody([riceLine()]))
    await app.db.updateTable('items').set({ price: 999, names: JSON.stringify({ en: 'Other', 'zh-CN': '别的' }) }).where('id', '=', RICE.itemId).execute()
    const again = await app.inject({ method: 'GET', url: `/api/orders/${order.id}`, headers: { cookie: tablet.cookie } })
    expect(again.json<Order>().lines[0]).toMatchObject({ unitPrice: RICE.price, names: { en: 'Steamed Jasmine Rice' } })
  })

  describe('idempotency on clientOrderId', () => {
    it('answers a repeated body with 200 and the same order, whatever the key or option order', async () => {
      const { app, tablet } = await orderingApp()
      const body = orderBody([mapoLine(1, [MAPO.spice.medium, MAPO.protein.beef])], { note: 'hi' })
      const first = await placeOrder(app, tablet.cookie, body)
      const reordered = { note: 'hi', lines: [{ optionIds: [MAPO.protein.beef, MAPO.spice.medium], quantity: 1, itemId: MAPO.itemId }], clientOrderId: body.clientOrderId }
      for (const payload of [body, reordered]) {
        const again = await postOrder(app, tablet.cookie, payload)
        expect(again.statusCode).toBe(200)
        expect(again.json<Order>()).toEqual(first)
      }
      expect(await countOrders(app)).toBe(1)
    })

    it('refuses the same id with a different body (409 ORDER_ID_REUSED) and stores nothing', async () => {
      const { app, tablet } = await orderingApp()
      const body = orderBody([riceLine(1)])
      await placeOrder(app, tablet.cookie, body)
      for (const changed of [{ ...body, lines: [riceLine(2)] }, { ...body, note: 'extra napkins' }]) {
        const response = await postOrder(app, tablet.cookie, changed)
        expect(response.statusCode).toBe(409)
        expect(response.json()).toMatchObject({ code: 'ORDER_ID_REUSED' })
      }
      expect(await countOrders(app)).toBe(1)
    })

    it('still answers a retry after the dish sold out in between', async () => {
      const { app, staff, tablet } = await orderingApp()
      const body = orderBody([riceLine()])
      const first = await placeOrder(app, tablet.cookie, body)
      await app.inject({ method: 'PATCH', url: `/api/staff/menu/items/${RICE.itemId}`, headers: { cookie: staff }, payload: { available: false } })
      const retry = await postOrder(app, tablet.cookie, body)
      expect(retry.statusCode).toBe(200)
      expect(retry.json<Order>().id).toBe(first.id)
    })

    it('scopes the id to the tablet: another tablet may use the same UUID for its own order', async () => {
      const { app, staff, tablet } = await orderingApp()
      const other = await pairedTablet(app, staff)
      const body = orderBody([riceLine()])
      const mine = await placeOrder(app, tablet.cookie, body)
      const theirs = await placeOrder(app, other.cookie, body)
      expect(theirs.id).not.toBe(mine.id)
      expect(theirs.tableId).toBe(other.table.id)
    })

    it('makes exactly one order of 20 concurrent identical posts', async () => {
      const { app, tablet } = await orderingApp()
      const events = await recordEvents(app)
      const body = orderBody()
      const responses = await Promise.all(Array.from({ length: 20 }, () => postOrder(app, tablet.cookie, body)))
      const statuses = responses.map(response => response.statusCode).sort()
      expect(statuses).toEqual([...Array(19).fill(200), 201].sort())
      expect(new Set(responses.map(response => response.json<Order>().id)).size).toBe(1)
      expect(await countOrders(app)).toBe(1)
      await app.events.settled()
      expect(events.filter(event => event.event === 'order.created')).toHaveLength(1)
    })

    it('makes exactly one order of 20 concurrent identical posts over a real socket', async () => {
      const { app, tablet } = await orderingApp()
      const address = await app.listen({ host: '127.0.0.1', port: 0 })
      const body = JSON.stringify(orderBody())
      const responses = await Promise.all(Array.from({ length: 20 }, () => fetch(`${address}/api/orders`, {
        method: 'POST',
        headers: { cookie: tablet.cookie, 'content-type': 'application/json' },
        body,
      })))
      const bodies = await Promise.all(responses.map(response => response.json() as Promise<Order>))
      expect(responses.filter(response => response.status === 201)).toHaveLength(1)
      expect(responses.filter(response => response.status === 200)).toHaveLength(19)
      expect(new Set(bodies.map(order => order.id)).size).toBe(1)
      expect(await countOrders(app)).toBe(1)
    })
  })

  describe('menu rules (422 with the problem code and every offending line)', () => {
    const cases: Array<[string, () => object[], string]> = [
      ['an unknown dish', () => [{ itemId: 'dish_unicorn_steak', quantity: 1, optionIds: [] }], 'ITEM_NOT_FOUND'],
      ['an option of another dish', () => [mapoLine(1, [MAPO.spice.medium, MAPO.protein.beef, DAN_DAN.extras.egg])], 'OPTION_NOT_FOUND'],
      ['an unknown option', () => [mapoLine(1, [MAPO.spice.medium, MAPO.protein.beef, 'opt_gold_leaf'])], 'OPTION_NOT_FOUND'],
      ['a required choice left out', () => [mapoLine(1, [MAPO.protein.beef])], 'OPTION_TOO_FEW'],
      ['two answers to a single choice', () => [mapoLine(1, [MAPO.spice.medium, MAPO.spice.hot, MAPO.protein.beef])], 'OPTION_TOO_MANY'],
    ]
    for (const [what, lines, code] of cases) {
      it(`refuses ${what} with ${code}`, async () => {
        const { app, tablet } = await orderingApp()
        const response = await postOrder(app, tablet.cookie, orderBody([riceLine(), ...lines()] as never))
        expect(response.statusCode, response.body).toBe(422)
        const body = response.json<{ code: string, message: string, details: { problems: Array<{ line: number, code: string }> } }>()
        expect(body.code).toBe(code)
        expect(body.details.problems).toEqual([expect.objectContaining({ line: 1, code })])
        expect(await countOrders(app)).toBe(0)
      })
    }

    it('refuses more extras than the group allows (OPTION_TOO_MANY)', async () => {
      const { app, tablet } = await orderingApp()
      // Dan dan noodles take at most two of their three extras.
      const allExtras = [DAN_DAN.spice.mild, DAN_DAN.extras.egg, DAN_DAN.extras.pork, DAN_DAN.extras.greens]
      const response = await postOrder(app, tablet.cookie, orderBody([{ itemId: DAN_DAN.itemId, quantity: 1, optionIds: allExtras }]))
      expect(response.statusCode).toBe(422)
      expect(response.json()).toMatchObject({ code: 'OPTION_TOO_MANY', details: { problems: [{ line: 0, itemId: DAN_DAN.itemId, groupId: 'grp_dan_dan_noodles_extras' }] } })
    })

    it('lists every offending line, and a refused order uses up no order number', async () => {
      const { app, tablet } = await orderingApp()
      const response = await postOrder(app, tablet.cookie, orderBody([
        mapoLine(1, [MAPO.protein.beef]),
        riceLine(),
        { itemId: 'dish_nothing', quantity: 1, optionIds: [] },
      ]))
      expect(response.statusCode).toBe(422)
      expect(response.json().details.problems).toEqual([
        { line: 0, code: 'OPTION_TOO_FEW', itemId: MAPO.itemId, groupId: 'grp_mapo_tofu_spice' },
        { line: 2, code: 'ITEM_NOT_FOUND', itemId: 'dish_nothing' },
      ])
      expect(response.json().message).toContain('and 1 more line')
      expect((await placeOrder(app, tablet.cookie)).number).toBe(1)
    })
  })

  describe('bad input (4xx with a stable code, nothing stored)', () => {
    const invalid: Array<[string, (base: ReturnType<typeof orderBody>) => unknown]> = [
      ['a client total', base => ({ ...base, total: 1 })],
      ['an unknown line field', base => ({ ...base, lines: [{ ...riceLine(), unitPrice: 1 }] })],
      ['a quantity as text', base => ({ ...base, lines: [{ ...riceLine(), quantity: '2' }] })],
      ['a zero quantity', base => ({ ...base, lines: [riceLine(0)] })],
      ['a quantity of 100', base => ({ ...base, lines: [riceLine(100)] })],
      ['a fractional quantity', base => ({ ...base, lines: [riceLine(1.5)] })],
      ['no lines', base => ({ ...base, lines: [] })],
      ['51 lines', base => ({ ...base, lines: Array.from({ length: 51 }, () => riceLine()) })],
      ['a clientOrderId that is not a UUID', base => ({ ...base, clientOrderId: 'order-1' })],
      ['no clientOrderId', base => ({ lines: base.lines })],
      ['optionIds missing', base => ({ ...base, lines: [{ itemId: RICE.itemId, quantity: 1 }] })],
      ['an option chosen twice', base => ({ ...base, lines: [mapoLine(1, [MAPO.spice.hot, MAPO.spice.hot, MAPO.protein.beef])] })],
      ['an over-long note', base => ({ ...base, note: 'x'.repeat(201) })],
      ['a malformed item id', base => ({ ...base, lines: [{ itemId: '../etc', quantity: 1, optionIds: [] }] })],
      ['an array body', () => []],
    ]
    for (const [what, make] of invalid) {
      it(`refuses ${what} with 400 VALIDATION_FAILED`, async () => {
        const { app, tablet } = await orderingApp()
        const response = await postOrder(app, tablet.cookie, make(orderBody([riceLine()])))
        expect(response.statusCode, response.body).toBe(400)
        expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED' })
        expect(await countOrders(app)).toBe(0)
      })
    }

    it('refuses malformed JSON, other content types and bodies over 64 KB', async () => {
      const { app, tablet } = await orderingApp()
      const json = { cookie: tablet.cookie, 'content-type': 'application/json' }
      const malformed = await app.inject({ method: 'POST', url: '/api/orders', headers: json, payload: '{"clientOrderId": ' })
      expect(malformed.statusCode).toBe(400)
      expect(malformed.json()).toMatchObject({ code: 'INVALID_JSON' })
      const text = await app.inject({ method: 'POST', url: '/api/orders', headers: { cookie: tablet.cookie, 'content-type': 'text/plain' }, payload: JSON.stringify(orderBody()) })
      expect(text.statusCode).toBe(415)
      const form = await app.inject({ method: 'POST', url: '/api/orders', headers: { cookie: tablet.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'clientOrderId=1' })
      expect(form.statusCode).toBe(415)
      const huge = await app.inject({ method: 'POST', url: '/api/orders', headers: json, payload: JSON.stringify({ ...orderBody(), note: 'x'.repeat(70 * 1024) }) })
      expect(huge.statusCode).toBe(413)
      expect(huge.json()).toMatchObject({ code: 'BODY_TOO_LARGE' })
      expect(await countOrders(app)).toBe(0)
    })
  })

  describe('who may order', () => {
    it('refuses a missing or forged device cookie (401) and an unpaired tablet (403)', async () => {
      const { app } = await orderingApp()
      const missing = await postOrder(app, '', orderBody())
      expect(missing.statusCode).toBe(401)
      expect(missing.json()).toMatchObject({ code: 'DEVICE_UNKNOWN' })
      const forged = await postOrder(app, `${DEVICE_COOKIE}=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`, orderBody())
      expect(forged.statusCode).toBe(401)
      const unpaired = await registerTablet(app)
      const refused = await postOrder(app, unpaired.cookie, orderBody())
      expect(refused.statusCode).toBe(403)
      expect(refused.json()).toMatchObject({ code: 'DEVICE_NOT_PAIRED' })
      expect(await countOrders(app)).toBe(0)
    })

    it('refuses a staff cookie: orders are placed from a table', async () => {
      const { app, staff } = await orderingApp()
      const response = await postOrder(app, staff, orderBody())
      expect(response.statusCode).toBe(401)
    })
  })
})

describe('GET /api/orders/:id', () => {
  it('shows the tablet an order of its table, and hides other tables\' orders as 404', async () => {
    const { app, staff, tablet } = await orderingApp()
    const other = await pairedTablet(app, staff)
    const order = await placeOrder(app, tablet.cookie)
    const mine = await app.inject({ method: 'GET', url: `/api/orders/${order.id}`, headers: { cookie: tablet.cookie } })
    expect(mine.statusCode).toBe(200)
    expect(mine.json()).toEqual(order)
    const theirs = await app.inject({ method: 'GET', url: `/api/orders/${order.id}`, headers: { cookie: other.cookie } })
    expect(theirs.statusCode).toBe(404)
    expect(theirs.json()).toMatchObject({ code: 'NOT_FOUND' })
    const unknown = await app.inject({ method: 'GET', url: '/api/orders/ord_000000000000000000000000', headers: { cookie: tablet.cookie } })
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json()).toEqual(theirs.json())
  })

  it('refuses malformed ids, missing cookies and unpaired tablets', async () => {
    const { app, tablet } = await orderingApp()
    const order = await placeOrder(app, tablet.cookie)
    expect((await app.inject({ method: 'GET', url: '/api/orders/ord.1', headers: { cookie: tablet.cookie } })).statusCode).toBe(400)
    expect((await app.inject({ method: 'GET', url: `/api/orders/${order.id}` })).statusCode).toBe(401)
    const unpaired = await registerTablet(app)
    expect((await app.inject({ method: 'GET', url: `/api/orders/${order.id}`, headers: { cookie: unpaired.cookie } })).statusCode).toBe(403)
  })

  it('stops showing the order once the tablet is moved to another table', async () => {
    const { app, staff, tablet } = await orderingApp()
    const order = await placeOrder(app, tablet.cookie)
    const other = await pairedTablet(app, staff)
    const moved = await app.inject({ method: 'PATCH', url: `/api/staff/devices/${tablet.deviceId}`, headers: { cookie: staff }, payload: { tableId: other.table.id } })
    expect(moved.statusCode, moved.body).toBe(200)
    const response = await app.inject({ method: 'GET', url: `/api/orders/${order.id}`, headers: { cookie: tablet.cookie } })
    expect(response.statusCode).toBe(404)
  })
})

describe('a restart on the same DATA_DIR', () => {
  it('keeps the orders, and numbering continues where it stopped', async () => {
    const dataDir = tempDataDir()
    const first = await buildTestApp({ DATA_DIR: dataDir })
    const staff = await loginStaff(first)
    const tablet = await pairedTablet(first, staff)
    const before = [await placeOrder(first, tablet.cookie), await placeOrder(first, tablet.cookie)]
    await first.close()

    const second = await buildTestApp({ DATA_DIR: dataDir })
    const kept = await second.inject({ method: 'GET', url: `/api/orders/${before[1]!.id}`, headers: { cookie: tablet.cookie } })
    expect(kept.statusCode).toBe(200)
    expect(kept.json()).toEqual(before[1])
    const next = await placeOrder(second, tablet.cookie)
    expect(next.number).toBe(3)
  })
})
