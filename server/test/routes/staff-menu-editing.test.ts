// Managers edit the menu (categories, dishes, option groups, order); tablets follow live; staff may only toggle availability.
import { afterEach, describe, expect, it } from 'vitest'
import { SseClient } from '../sse-client.js'
import { svgProblems } from '../seed/svg-check.js'
import { addStaff } from '../auth-helpers.js'
import { MAPO, RICE, mapoLine, orderBody, orderingApp, placeOrder, postOrder, recordEvents, riceLine } from '../fixtures/orders.js'
import type { App } from '../../src/app.js'
import type { Category, Menu, MenuItem, MenuOption } from '#shared/schemas/menu.js'
import type { Order } from '#shared/schemas/order.js'

const clients: SseClient[] = []
afterEach(() => { for (const client of clients.splice(0)) client.close() })

function call (app: App, cookie: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) {
  return app.inject({ method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) })
}

async function menuOf (app: App, cookie: string): Promise<Menu> {
  const response = await call(app, cookie, 'GET', '/api/menu')
  expect(response.statusCode).toBe(200)
  return response.json<Menu>()
}

const NOODLE_SALAD = {
  categoryId: 'cat_cold',
  names: { en: 'Cold Sesame Noodles', 'zh-CN': '麻酱凉面' },
  descriptions: { en: 'Chilled noodles in sesame sauce.', 'zh-CN': '芝麻酱拌冷面。' },
  price: 2400,
  tags: ['vegetarian'],
  allergens: ['sesame', 'gluten'],
  optionGroups: [
    {
      names: { en: 'Heat', 'zh-CN': '辣度' },
      min: 1,
      max: 1,
      options: [
        { names: { en: 'Mild', 'zh-CN': '微辣' }, priceDelta: 0 },
        { names: { en: 'Hot', 'zh-CN': '辣' }, priceDelta: 0, available: false },
      ],
    },
    {
      names: { en: 'Add', 'zh-CN': '加料' },
      min: 0,
      max: 2,
      options: [
        { names: { en: 'Cucumber', 'zh-CN': '黄瓜丝' }, priceDelta: 200 },
        { names: { en: 'Chicken', 'zh-CN': '鸡丝' }, priceDelta: 800 },
      ],
    },
  ],
}

async function createNoodleSalad (app: App, cookie: string): Promise<MenuItem> {
  const response = await call(app, cookie, 'POST', '/api/staff/menu/items', NOODLE_SALAD)
  expect(response.statusCode, response.body).toBe(201)
  return response.json<MenuItem>()
}

function optionNamed (item: MenuItem, en: string): MenuOption {
  const option = item.optionGroups.flatMap(group => group.options).find(candidate => candidate.names.en === en)
  if (!option) throw new Error(`no option ${en} on ${item.id}`)
  return option
}

describe('/api/staff/menu/categories', () => {
  it('a manager adds, renames, moves and removes a category, each a new menu version', async () => {
    const { app, staff, tablet } = await orderingApp()
    const before = await menuOf(app, tablet.cookie)
    const created = await call(app, staff, 'POST', '/api/staff/menu/categories', { names: { en: 'Specials', 'zh-CN': '特色菜' } })
    expect(created.statusCode).toBe(201)
    const category = created.json<Category>()
    expect(category).toEqual({ id: expect.stringMatching(/^cat_/), names: { en: 'Specials', 'zh-CN': '特色菜' }, sort: expect.any(Number) })
    const withSpecials = await menuOf(app, tablet.cookie)
    expect(withSpecials.version).not.toBe(before.version)
    expect(withSpecials.categories.at(-1)).toEqual(category)

    const renamed = await call(app, staff, 'PATCH', `/api/staff/menu/categories/${category.id}`, { names: { en: "Chef's specials", 'zh-CN': '主厨推荐' }, sort: 1 })
    expect(renamed.statusCode).toBe(200)
    expect(renamed.json<Category>()).toEqual({ id: category.id, names: { en: "Chef's specials", 'zh-CN': '主厨推荐' }, sort: 1 })
    const moved = await menuOf(app, tablet.cookie)
    expect(moved.categories[0]!.id).toBe(category.id)
    expect(moved.version).not.toBe(withSpecials.version)

    expect((await call(app, staff, 'DELETE', `/api/staff/menu/categories/${category.id}`)).statusCode).toBe(204)
    expect((await menuOf(app, tablet.cookie)).categories.map(c => c.id)).not.toContain(category.id)
    expect((await call(app, staff, 'DELETE', `/api/staff/menu/categories/${category.id}`)).statusCode).toBe(404)
    expect((await call(app, staff, 'PATCH', `/api/staff/menu/categories/${category.id}`, { sort: 3 })).statusCode).toBe(404)
  })

  it('refuses to remove a category holding dishes (409 CATEGORY_NOT_EMPTY) until they are removed', async () => {
    const { app, staff, tablet } = await orderingApp()
    const before = await menuOf(app, tablet.cookie)
    const refused = await call(app, staff, 'DELETE', '/api/staff/menu/categories/cat_cold')
    expect(refused.statusCode).toBe(409)
    expect(refused.json()).toMatchObject({ code: 'CATEGORY_NOT_EMPTY' })
    expect((await menuOf(app, tablet.cookie)).version).toBe(before.version)

    for (const item of before.items.filter(dish => dish.categoryId === 'cat_cold')) {
      expect((await call(app, staff, 'DELETE', `/api/staff/menu/items/${item.id}`)).statusCode).toBe(204)
    }
    expect((await call(app, staff, 'DELETE', '/api/staff/menu/categories/cat_cold')).statusCode).toBe(204)
    expect((await menuOf(app, tablet.cookie)).categories.map(c => c.id)).not.toContain('cat_cold')
    // A dish cannot be added to the removed category.
    const late = await call(app, staff, 'POST', '/api/staff/menu/items', NOODLE_SALAD)
    expect(late.statusCode).toBe(422)
    expect(late.json()).toMatchObject({ code: 'CATEGORY_NOT_FOUND' })
  })

  it('refuses blank names, missing languages, unknown fields and wrong types with 400', async () => {
    const { app, staff, tablet } = await orderingApp()
    const before = await menuOf(app, tablet.cookie)
    const names = { en: 'Specials', 'zh-CN': '特色菜' }
    for (const payload of [
      {}, { names: { en: '   ', 'zh-CN': '特色菜' } }, { names: { en: 'Specials' } }, { names, colour: 'red' },
      { names, sort: 'first' }, { names: { ...names, fr: 'Spécialités' } }, { names, sort: -1 },
    ]) {
      const response = await call(app, staff, 'POST', '/api/staff/menu/categories', payload)
      expect(response.statusCode, JSON.stringify(payload)).toBe(400)
      expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED' })
    }
    expect((await call(app, staff, 'PATCH', '/api/staff/menu/categories/cat_cold', {})).statusCode).toBe(400)
    expect((await call(app, staff, 'PATCH', '/api/staff/menu/categories/cat_nowhere', { sort: 2 })).statusCode).toBe(404)
    expect((await call(app, staff, 'DELETE', '/api/staff/menu/categories/cat%20cold')).statusCode).toBe(400)
    expect((await menuOf(app, tablet.cookie)).version).toBe(before.version)
  })
})

describe('POST /api/staff/menu/items', () => {
  it('creates a dish with option groups and a drawn placeholder picture; it can be ordered at once', async () => {
    const { app, staff, tablet } = await orderingApp()
    const item = await createNoodleSalad(app, staff)
    expect(item).toMatchObject({
      id: expect.stringMatching(/^dish_/),
      categoryId: 'cat_cold',
      names: NOODLE_SALAD.names,
      price: 2400,
      tags: ['vegetarian'],
      allergens: ['sesame', 'gluten'],
      available: true,
    })
    expect(item.image).toBe(`/media/dishes/${item.id}.svg`)
    expect(item.optionGroups.map(group => [group.names.en, group.min, group.max, group.options.map(option => [option.names.en, option.priceDelta, option.available])])).toEqual([
      ['Heat', 1, 1, [['Mild', 0, true], ['Hot', 0, false]]],
      ['Add', 0, 2, [['Cucumber', 200, true], ['Chicken', 800, true]]],
    ])
    const menu = await menuOf(app, tablet.cookie)
    expect(menu.items.filter(dish => dish.categoryId === 'cat_cold').at(-1)).toEqual(item)

    const picture = await app.inject({ method: 'GET', url: item.image })
    expect(picture.statusCode).toBe(200)
    expect(picture.headers['content-type']).toMatch(/^image\/svg\+xml/)
    expect(svgProblems(picture.body)).toEqual([])
    expect((await app.inject({ method: 'GET', url: '/media/dishes/dish_never_made.svg' })).statusCode).toBe(404)

    const order = await placeOrder(app, tablet.cookie, orderBody([{ itemId: item.id, quantity: 2, optionIds: [optionNamed(item, 'Mild').id, optionNamed(item, 'Chicken').id] }]))
    expect(order.total).toBe(2 * (2400 + 800))
    const soldOut = await postOrder(app, tablet.cookie, orderBody([{ itemId: item.id, quantity: 1, optionIds: [optionNamed(item, 'Hot').id] }]))
    expect(soldOut.json()).toMatchObject({ code: 'OPTION_UNAVAILABLE' })
  })

  it('reaches a tablet over its event stream; GET /api/menu then answers with the dish under a new ETag', async () => {
    const { app, staff, tablet } = await orderingApp()
    const base = await app.listen({ host: '127.0.0.1', port: 0 })
    const stream = await SseClient.open(`${base}/api/events`, { cookie: tablet.cookie })
    clients.push(stream)
    await stream.next(message => message.event === 'ready')
    const first = await call(app, tablet.cookie, 'GET', '/api/menu')
    const oldEtag = first.headers.etag as string

    const item = await createNoodleSalad(app, staff)
    const changed = await stream.next(message => message.event === 'menu.changed')
    const version = (changed.data as { version: string }).version
    expect(version).not.toBe(first.json<Menu>().version)

    const refreshed = await app.inject({ method: 'GET', url: '/api/menu', headers: { cookie: tablet.cookie, 'if-none-match': oldEtag } })
    expect(refreshed.statusCode).toBe(200)
    expect(refreshed.headers.etag).toBe(`"${version}"`)
    expect(refreshed.json<Menu>().items.map(dish => dish.id)).toContain(item.id)
    const again = await app.inject({ method: 'GET', url: '/api/menu', headers: { cookie: tablet.cookie, 'if-none-match': `"${version}"` } })
    expect(again.statusCode).toBe(304)
  })

  it('refuses unknown fields, wrong types, unknown tags and unknown categories, adding nothing', async () => {
    const { app, staff, tablet } = await orderingApp()
    const before = await menuOf(app, tablet.cookie)
    const { optionGroups: _groups, ...plain } = NOODLE_SALAD
    for (const payload of [
      {}, { ...plain, names: undefined }, { ...plain, price: -1 }, { ...plain, price: '24.00' }, { ...plain, price: 12.5 },
      { ...plain, colour: 'red' }, { ...plain, tags: ['tasty'] }, { ...plain, allergens: ['gluten', 'gluten'] },
      { ...plain, names: { en: 'Noodles', 'zh-CN': '' } }, { ...plain, categoryId: '../cat' },
      { ...plain, optionGroups: [{ names: plain.names, min: 0, max: 1, options: [{ names: plain.names, priceDelta: 0, colour: 'red' }] }] },
      { ...plain, optionGroups: [{ names: plain.names, min: '0', max: 1, options: [{ names: plain.names, priceDelta: 0 }] }] },
    ]) {
      const response = await call(app, staff, 'POST', '/api/staff/menu/items', payload)
      expect(response.statusCode, JSON.stringify(payload)).toBe(400)
      expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED' })
    }
    const unknownCategory = await call(app, staff, 'POST', '/api/staff/menu/items', { ...plain, categoryId: 'cat_nowhere' })
    expect(unknownCategory.statusCode).toBe(422)
    expect(unknownCategory.json()).toMatchObject({ code: 'CATEGORY_NOT_FOUND' })
    const after = await menuOf(app, tablet.cookie)
    expect(after.version).toBe(before.version)
    expect(after.items.length).toBe(before.items.length)
  })
})

describe('option groups', () => {
  it('are replaced on PATCH; groups and options sent with their id keep it and their sold-out flag', async () => {
    const { app, staff, tablet } = await orderingApp()
    expect((await call(app, staff, 'PATCH', `/api/staff/menu/options/${MAPO.spice.hot}`, { available: false })).statusCode).toBe(200)
    const mapo = (await menuOf(app, tablet.cookie)).items.find(dish => dish.id === MAPO.itemId)!
    const spice = mapo.optionGroups.find(group => group.options.some(option => option.id === MAPO.spice.hot))!

    const response = await call(app, staff, 'PATCH', `/api/staff/menu/items/${MAPO.itemId}`, {
      price: 3500,
      names: { en: 'Mapo Tofu (house style)', 'zh-CN': '招牌麻婆豆腐' },
      optionGroups: [{
        id: spice.id,
        names: { en: 'Heat', 'zh-CN': '辣度' },
        min: 1,
        max: 1,
        options: [
          { id: MAPO.spice.none, names: { en: 'No chilli', 'zh-CN': '不辣' }, priceDelta: 0 },
          { id: MAPO.spice.hot, names: { en: 'Hot', 'zh-CN': '特辣' }, priceDelta: 0 },
          { names: { en: 'Numbing', 'zh-CN': '麻辣' }, priceDelta: 100 },
        ],
      }],
    })
    expect(response.statusCode, response.body).toBe(200)
    const edited = response.json<MenuItem>()
    expect(edited).toMatchObject({ id: MAPO.itemId, price: 3500, names: { en: 'Mapo Tofu (house style)' }, available: true })
    expect(edited.optionGroups).toHaveLength(1)
    expect(edited.optionGroups[0]!.id).toBe(spice.id)
    expect(edited.optionGroups[0]!.options.map(option => [option.id, option.names.en, option.available])).toEqual([
      [MAPO.spice.none, 'No chilli', true],
      [MAPO.spice.hot, 'Hot', false],
      [expect.stringMatching(/^opt_/), 'Numbing', true],
    ])
    expect((await menuOf(app, tablet.cookie)).items.find(dish => dish.id === MAPO.itemId)).toEqual(edited)

    // Options and groups left out are gone: a cart still holding one is told so.
    const stale = await postOrder(app, tablet.cookie, orderBody([mapoLine()]))
    expect(stale.statusCode).toBe(422)
    expect(stale.json()).toMatchObject({ code: 'OPTION_NOT_FOUND' })
    const order = await placeOrder(app, tablet.cookie, orderBody([{ itemId: MAPO.itemId, quantity: 1, optionIds: [optionNamed(edited, 'Numbing').id] }]))
    expect(order.total).toBe(3600)
  })

  it('that a diner could never satisfy, or that borrow ids, are refused with 422 OPTION_GROUP_INVALID', async () => {
    const { app, staff, tablet } = await orderingApp()
    const before = await menuOf(app, tablet.cookie)
    const mapo = before.items.find(dish => dish.id === MAPO.itemId)!
    const names = { en: 'Choice', 'zh-CN': '选择' }
    const option = (id?: string) => ({ ...(id ? { id } : {}), names, priceDelta: 0 })
    const group = (min: number, max: number, options = [option(), option()], id?: string) => ({ ...(id ? { id } : {}), names, min, max, options })
    const cases: Array<[string, unknown[]]> = [
      ['min above max', [group(2, 1)]],
      ['max above the number of options', [group(0, 3)]],
      ['negative min', [group(-1, 1)]],
      ['max of zero', [group(0, 0)]],
      ['no options', [group(0, 1, [])]],
      ['another dish\'s option', [group(0, 1, [option('opt_dan_dan_noodles_extras_egg')])]],
      ['another dish\'s group', [group(0, 1, [option()], 'grp_dan_dan_noodles_extras')]],
      ['one option id twice', [group(0, 1, [option(MAPO.spice.none)]), group(0, 1, [option(MAPO.spice.none)])]],
    ]
    for (const [what, optionGroups] of cases) {
      const response = await call(app, staff, 'PATCH', `/api/staff/menu/items/${MAPO.itemId}`, { price: 1, optionGroups })
      expect(response.statusCode, what).toBe(422)
      expect(response.json(), what).toMatchObject({ code: 'OPTION_GROUP_INVALID' })
    }
    const created = await call(app, staff, 'POST', '/api/staff/menu/items', { ...NOODLE_SALAD, optionGroups: [group(0, 1, [option(MAPO.spice.none)])] })
    expect(created.statusCode).toBe(422)
    const after = await menuOf(app, tablet.cookie)
    expect(after.version).toBe(before.version)
    expect(after.items.find(dish => dish.id === MAPO.itemId)).toEqual(mapo)
  })
})

describe('PATCH /api/staff/menu/items/:id', () => {
  it('moves a dish to the end of another category and changes nothing (no new version) when nothing differs', async () => {
    const { app, staff, tablet } = await orderingApp()
    const moved = await call(app, staff, 'PATCH', `/api/staff/menu/items/${RICE.itemId}`, { categoryId: 'cat_desserts' })
    expect(moved.statusCode).toBe(200)
    const menu = await menuOf(app, tablet.cookie)
    expect(menu.items.filter(dish => dish.categoryId === 'cat_desserts').at(-1)!.id).toBe(RICE.itemId)

    // On PostgreSQL events arrive through the shared log, a moment later: let them all arrive first.
    const events = await recordEvents(app)
    const same = await call(app, staff, 'PATCH', `/api/staff/menu/items/${RICE.itemId}`, { categoryId: 'cat_desserts', price: RICE.price })
    expect(same.statusCode).toBe(200)
    await app.events.settled()
    expect(events).toEqual([])
    expect((await menuOf(app, tablet.cookie)).version).toBe(menu.version)
  })

  it('answers 404 for unknown dishes and 422 for an unknown category', async () => {
    const { app, staff } = await orderingApp()
    expect((await call(app, staff, 'PATCH', '/api/staff/menu/items/dish_unicorn', { price: 100 })).statusCode).toBe(404)
    const response = await call(app, staff, 'PATCH', `/api/staff/menu/items/${RICE.itemId}`, { categoryId: 'cat_nowhere' })
    expect(response.statusCode).toBe(422)
    expect(response.json()).toMatchObject({ code: 'CATEGORY_NOT_FOUND' })
  })
})

describe('DELETE /api/staff/menu/items/:id', () => {
  it('takes a dish off the menu: new orders are refused with ITEM_NOT_FOUND, past orders still read fine', async () => {
    const { app, staff, tablet } = await orderingApp()
    const past = await placeOrder(app, tablet.cookie, orderBody([riceLine(2)]))
    const events = await recordEvents(app)
    expect((await call(app, staff, 'DELETE', `/api/staff/menu/items/${RICE.itemId}`)).statusCode).toBe(204)
    await app.events.settled()
    expect(events.map(event => event.event)).toEqual(['menu.changed', 'menu.changed'])
    expect((await menuOf(app, tablet.cookie)).items.map(dish => dish.id)).not.toContain(RICE.itemId)

    const refused = await postOrder(app, tablet.cookie, orderBody([riceLine()]))
    expect(refused.statusCode).toBe(422)
    expect(refused.json()).toMatchObject({ code: 'ITEM_NOT_FOUND' })
    const read = await call(app, tablet.cookie, 'GET', `/api/orders/${past.id}`)
    expect(read.statusCode).toBe(200)
    expect(read.json<Order>().lines).toEqual(past.lines)
    const board = await call(app, staff, 'GET', '/api/staff/orders')
    expect(board.json<Order[]>().find(order => order.id === past.id)?.lines[0]?.names.en).toBe(past.lines[0]!.names.en)

    expect((await call(app, staff, 'DELETE', `/api/staff/menu/items/${RICE.itemId}`)).statusCode).toBe(404)
    expect((await call(app, staff, 'PATCH', `/api/staff/menu/items/${RICE.itemId}`, { available: true })).statusCode).toBe(404)
    expect((await call(app, staff, 'PATCH', `/api/staff/menu/items/${RICE.itemId}`, { price: 1 })).statusCode).toBe(404)
  })

  it('takes the dish\'s options with it: their sold-out switch answers 404', async () => {
    const { app, staff } = await orderingApp()
    expect((await call(app, staff, 'DELETE', `/api/staff/menu/items/${MAPO.itemId}`, {})).statusCode).toBe(204)
    expect((await call(app, staff, 'PATCH', `/api/staff/menu/options/${MAPO.spice.hot}`, { available: false })).statusCode).toBe(404)
  })
})

describe('POST /api/staff/menu/reorder', () => {
  it('puts the listed dishes first in that order, the rest after; strangers are refused with 422', async () => {
    const { app, staff, tablet } = await orderingApp()
    const before = await menuOf(app, tablet.cookie)
    const soups = before.items.filter(dish => dish.categoryId === 'cat_soups').map(dish => dish.id)
    expect(soups.length).toBeGreaterThan(2)
    const reversed = [...soups].reverse()
    expect((await call(app, staff, 'POST', '/api/staff/menu/reorder', { categoryId: 'cat_soups', itemIds: reversed })).statusCode).toBe(204)
    const after = await menuOf(app, tablet.cookie)
    expect(after.version).not.toBe(before.version)
    expect(after.items.filter(dish => dish.categoryId === 'cat_soups').map(dish => dish.id)).toEqual(reversed)

    // Only the last dish named: it moves to the front, the others keep their order behind it.
    const last = reversed.at(-1)!
    expect((await call(app, staff, 'POST', '/api/staff/menu/reorder', { categoryId: 'cat_soups', itemIds: [last] })).statusCode).toBe(204)
    expect((await menuOf(app, tablet.cookie)).items.filter(dish => dish.categoryId === 'cat_soups').map(dish => dish.id))
      .toEqual([last, ...reversed.slice(0, -1)])

    const stranger = await call(app, staff, 'POST', '/api/staff/menu/reorder', { categoryId: 'cat_soups', itemIds: [soups[0], RICE.itemId] })
    expect(stranger.statusCode).toBe(422)
    expect(stranger.json()).toMatchObject({ code: 'ITEM_NOT_IN_CATEGORY' })
    expect((await call(app, staff, 'POST', '/api/staff/menu/reorder', { categoryId: 'cat_nowhere', itemIds: [RICE.itemId] })).statusCode).toBe(404)
    for (const payload of [{ categoryId: 'cat_soups', itemIds: [] }, { categoryId: 'cat_soups', itemIds: [soups[0], soups[0]] }, { itemIds: soups }, { categoryId: 'cat_soups', itemIds: soups, extra: 1 }]) {
      expect((await call(app, staff, 'POST', '/api/staff/menu/reorder', payload)).statusCode, JSON.stringify(payload)).toBe(400)
    }
  })
})

describe('roles', () => {
  it('a staff-role user toggles availability but cannot edit the menu or refund (403 STAFF_FORBIDDEN)', async () => {
    const { app, tablet } = await orderingApp()
    const { cookie } = await addStaff(app, { name: 'Waiter', role: 'staff', pin: '135790' })
    const toggle = await call(app, cookie, 'PATCH', `/api/staff/menu/items/${RICE.itemId}`, { available: false })
    expect(toggle.statusCode).toBe(200)
    expect(toggle.json<MenuItem>().available).toBe(false)
    expect((await call(app, cookie, 'PATCH', `/api/staff/menu/options/${MAPO.spice.hot}`, { available: false })).statusCode).toBe(200)
    const before = await menuOf(app, tablet.cookie)

    const forbidden: Array<[Parameters<typeof call>[2], string, unknown?]> = [
      ['PATCH', `/api/staff/menu/items/${RICE.itemId}`, { price: 1 }],
      ['PATCH', `/api/staff/menu/items/${RICE.itemId}`, { available: true, price: 1 }],
      ['POST', '/api/staff/menu/items', NOODLE_SALAD],
      ['DELETE', `/api/staff/menu/items/${RICE.itemId}`],
      ['POST', '/api/staff/menu/categories', { names: { en: 'Specials', 'zh-CN': '特色菜' } }],
      ['PATCH', '/api/staff/menu/categories/cat_cold', { sort: 1 }],
      ['DELETE', '/api/staff/menu/categories/cat_cold'],
      ['POST', '/api/staff/menu/reorder', { categoryId: 'cat_soups', itemIds: ['dish_hot_sour_soup'] }],
      ['POST', '/api/staff/payments/pay_anything/refunds', { amount: 100, reason: 'Cold soup' }],
    ]
    for (const [method, url, payload] of forbidden) {
      const response = await call(app, cookie, method, url, payload)
      expect(response.statusCode, `${method} ${url}`).toBe(403)
      expect(response.json()).toMatchObject({ code: 'STAFF_FORBIDDEN' })
      // Tablets are not staff at all.
      expect((await call(app, tablet.cookie, method, url, payload)).statusCode, `${method} ${url}`).toBe(401)
    }
    expect((await menuOf(app, tablet.cookie)).version).toBe(before.version)
  })
})
