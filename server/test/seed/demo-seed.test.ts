// The demo restaurant: what it contains, when it is seeded, and that it is seeded only once.
import { describe, expect, it } from 'vitest'
import { buildTestApp, tempDataDir } from '../helper.js'
import { loginStaff, registerTablet } from '../auth-helpers.js'
import { createTable } from '../../src/repositories/tables.js'
import { getSetting } from '../../src/repositories/settings.js'
import { DEMO_SEED_KEY, seedDemo } from '../../src/seed/demo-seed.js'
import { DEMO_DISHES } from '../../src/seed/demo-menu.js'
import { DISH_IMAGE_CACHE_CONTROL } from '../../src/routes/media/dishes.js'
import { svgProblems } from './svg-check.js'
import type { App } from '../../src/app.js'
import { AllergenEnum, DietaryTagEnum, type Menu } from '#shared/schemas/menu.js'
import type { Table } from '#shared/schemas/table.js'

const HAN = /\p{Script=Han}/u

async function menuOf (app: App): Promise<Menu> {
  const tablet = await registerTablet(app)
  return (await app.inject({ method: 'GET', url: '/api/menu', headers: { cookie: tablet.cookie } })).json<Menu>()
}

async function tablesOf (app: App): Promise<Table[]> {
  const staff = await loginStaff(app)
  return (await app.inject({ method: 'GET', url: '/api/staff/tables', headers: { cookie: staff } })).json<Table[]>()
}

describe('the demo menu', () => {
  it('feels like a real restaurant: 30+ dishes in 6+ categories, in English and Chinese, priced in fen', async () => {
    const app = await buildTestApp()
    const menu = await menuOf(app)
    expect(menu.items.length).toBeGreaterThanOrEqual(30)
    expect(menu.categories.length).toBeGreaterThanOrEqual(6)
    for (const category of menu.categories) {
      expect(menu.items.filter(item => item.categoryId === category.id).length, category.id).toBeGreaterThanOrEqual(2)
      expect(category.names['zh-CN'], category.id).toMatch(HAN)
    }
    for (const item of menu.items) {
      expect(item.names.en, item.id).toMatch(/^[A-Z]/)
      expect(item.names['zh-CN'], item.id).toMatch(HAN)
      expect(item.descriptions.en.length, item.id).toBeGreaterThan(15)
      expect(item.descriptions['zh-CN'], item.id).toMatch(HAN)
      expect(Number.isInteger(item.price) && item.price > 0, item.id).toBe(true)
      expect(item.image).toBe(`/media/dishes/${item.id}.svg`)
      for (const tag of item.tags) expect(Object.values(DietaryTagEnum), item.id).toContain(tag)
      for (const allergen of item.allergens) expect(Object.values(AllergenEnum), item.id).toContain(allergen)
      for (const group of item.optionGroups) {
        // A diner can always satisfy the group: enough options for its maximum, none required beyond it.
        expect(group.min, group.id).toBeLessThanOrEqual(group.max)
        expect(group.options.length, group.id).toBeGreaterThanOrEqual(group.max)
      }
    }
  })

  it('has required single choices, optional extras with prices, and allergen and dietary tags', async () => {
    const app = await buildTestApp()
    const { items } = await menuOf(app)
    const groups = items.flatMap(item => item.optionGroups)
    expect(groups.some(group => group.min === 1 && group.max === 1)).toBe(true)
    const extras = groups.filter(group => group.min === 0 && group.max >= 2)
    expect(extras.length).toBeGreaterThan(0)
    expect(extras.some(group => group.options.some(option => option.priceDelta > 0))).toBe(true)
    // "Choose up to n" groups that offer more than n, so the maximum matters.
    expect(groups.some(group => group.options.length > group.max)).toBe(true)
    expect(items.some(item => item.tags.includes('vegan'))).toBe(true)
    expect(items.some(item => item.tags.includes('spicy'))).toBe(true)
    expect(new Set(items.flatMap(item => item.allergens)).size).toBeGreaterThanOrEqual(6)
    const ids = [...items.map(item => item.id), ...groups.map(group => group.id), ...groups.flatMap(group => group.options.map(option => option.id))]
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('serves an appetising picture for every dish as an SVG that tablets may cache', async () => {
    const app = await buildTestApp()
    const { items } = await menuOf(app)
    for (const item of items) {
      const response = await app.inject({ method: 'GET', url: item.image })
      expect(response.statusCode, item.id).toBe(200)
      expect(response.headers['content-type']).toBe('image/svg+xml; charset=utf-8')
      expect(response.headers['cache-control']).toBe(DISH_IMAGE_CACHE_CONTROL)
      expect(svgProblems(response.body), item.id).toEqual([])
    }
    const first = await app.inject({ method: 'GET', url: items[0]!.image })
    const revalidated = await app.inject({ method: 'GET', url: items[0]!.image, headers: { 'if-none-match': first.headers.etag as string } })
    expect(revalidated.statusCode).toBe(304)
  })

  it('answers 404 for pictures of unknown dishes and 400 for malformed names', async () => {
    const app = await buildTestApp()
    expect((await app.inject({ method: 'GET', url: '/media/dishes/dish_unicorn.svg' })).statusCode).toBe(404)
    expect((await app.inject({ method: 'GET', url: '/media/dishes/dish_mapo_tofu.png' })).statusCode).toBe(404)
    expect((await app.inject({ method: 'GET', url: '/media/dishes/..%2Fsecret.svg' })).statusCode).toBe(400)
  })

  it('comes with twelve tables', async () => {
    const app = await buildTestApp()
    const tables = await tablesOf(app)
    expect(tables.map(table => table.label)).toEqual(Array.from({ length: 12 }, (_, i) => `Table ${i + 1}`))
    expect(tables.every(table => table.seats >= 2)).toBe(true)
    expect(app.startupNotes.some(note => note.includes(`${DEMO_DISHES.length} dishes`))).toBe(true)
  })
})

describe('when the demo is seeded', () => {
  it('seeds once: a restart on the same DATA_DIR changes nothing, keeping staff edits', async () => {
    const dataDir = tempDataDir()
    const first = await buildTestApp({ DATA_DIR: dataDir })
    const staff = await loginStaff(first)
    await first.inject({ method: 'PATCH', url: '/api/staff/menu/items/dish_mapo_tofu', headers: { cookie: staff }, payload: { available: false } })
    const before = await menuOf(first)
    const seededAt = await getSetting(first.db, DEMO_SEED_KEY)
    await first.close()

    for (const env of [{}, { DEMO_SEED: 'true' }] as Array<Record<string, string>>) {
      const again = await buildTestApp({ DATA_DIR: dataDir, ...env })
      const menu = await menuOf(again)
      expect(menu).toEqual(before)
      expect(await tablesOf(again)).toHaveLength(12)
      expect(await getSetting(again.db, DEMO_SEED_KEY)).toBe(seededAt)
      expect(again.startupNotes.some(note => note.includes('Demo menu'))).toBe(false)
      await again.close()
    }
  })

  it('never seeds with DEMO_SEED=false', async () => {
    const app = await buildTestApp({ DEMO_SEED: 'false' })
    expect((await menuOf(app)).items).toEqual([])
    expect(await tablesOf(app)).toEqual([])
  })

  it('leaves a restaurant that already has tables alone unless DEMO_SEED=true, which keeps its tables', async () => {
    const app = await buildTestApp({ DEMO_SEED: 'false' })
    await createTable(app.db, { label: 'Table 3', seats: 10 })
    expect(await seedDemo(app.db, null)).toEqual({ seeded: false, reason: 'not-empty' })
    expect((await menuOf(app)).items).toEqual([])

    const outcome = await seedDemo(app.db, true)
    expect(outcome).toMatchObject({ seeded: true, dishes: DEMO_DISHES.length, tables: 11 })
    const tables = await tablesOf(app)
    expect(tables).toHaveLength(12)
    expect(tables.find(table => table.label === 'Table 3')?.seats).toBe(10)
    expect(await seedDemo(app.db, true)).toEqual({ seeded: false, reason: 'already-seeded' })
  })
})
