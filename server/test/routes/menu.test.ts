// GET /api/menu: who may read it, its shape and order, ETag revalidation as tablets rely on it, and
// the body cached per version, compressed as the client accepts.
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { buildEmptyApp, loginStaff, registerTablet } from '../auth-helpers.js'
import { buildTestApp } from '../helper.js'
import { DEVICE_COOKIE, STAFF_COOKIE } from '../../src/lib/cookies.js'
import { createValidatorCompiler } from '../../src/lib/validation.js'
import { MenuSchema, type Menu } from '#shared/schemas/menu.js'

async function tabletApp () {
  const app = await buildTestApp()
  const tablet = await registerTablet(app)
  return { app, cookie: tablet.cookie }
}

function getMenu (app: Awaited<ReturnType<typeof buildTestApp>>, cookie: string, headers: Record<string, string> = {}) {
  return app.inject({ method: 'GET', url: '/api/menu', headers: { cookie, ...headers } })
}

describe('GET /api/menu', () => {
  it('gives a registered (still unpaired) tablet the whole menu with an ETag of its version', async () => {
    const { app, cookie } = await tabletApp()
    const response = await getMenu(app, cookie)
    expect(response.statusCode).toBe(200)
    const menu = response.json<Menu>()
    expect(menu.currency).toBe('CNY')
    expect(menu.locales).toEqual(['en', 'zh-CN'])
    expect(menu.version).toMatch(/\S/)
    expect(response.headers.etag).toBe(`"${menu.version}"`)
    expect(response.headers['cache-control']).toBe('no-cache')
    expect(menu.items.length).toBeGreaterThanOrEqual(30)
    const dish = menu.items.find(item => item.id === 'dish_mapo_tofu')!
    expect(dish).toMatchObject({ categoryId: 'cat_wok', price: 3200, available: true, image: '/media/dishes/dish_mapo_tofu.svg' })
    expect(dish.names['zh-CN']).toBe('麻婆豆腐')
    expect(dish.optionGroups[0]).toMatchObject({ id: 'grp_mapo_tofu_spice', min: 1, max: 1 })
  })

  it('lists categories by their sort and dishes by category, then by their own sort', async () => {
    const { app, cookie } = await tabletApp()
    const menu = (await getMenu(app, cookie)).json<Menu>()
    const categorySort = new Map(menu.categories.map(category => [category.id, category.sort]))
    expect(menu.categories.map(category => category.sort)).toEqual([...menu.categories.map(category => category.sort)].sort((a, b) => a - b))
    const keys = menu.items.map(item => [categorySort.get(item.categoryId)!, item.sort] as const)
    const sorted = [...keys].sort((a, b) => a[0] - b[0] || a[1] - b[1])
    expect(keys).toEqual(sorted)
    // Every dish belongs to a listed category.
    expect(menu.items.every(item => categorySort.has(item.categoryId))).toBe(true)
  })

  it('answers 304 with no body while the version is unchanged (plain, weak and listed ETags)', async () => {
    const { app, cookie } = await tabletApp()
    const first = await getMenu(app, cookie)
    const etag = first.headers.etag as string
    for (const ifNoneMatch of [etag, `W/${etag}`, `"stale", ${etag}`]) {
      const again = await getMenu(app, cookie, { 'if-none-match': ifNoneMatch })
      expect(again.statusCode, ifNoneMatch).toBe(304)
      expect(again.body).toBe('')
      expect(again.headers['content-length']).toBeUndefined()
      expect(again.headers.etag).toBe(etag)
    }
    const stale = await getMenu(app, cookie, { 'if-none-match': '"0-00000000"' })
    expect(stale.statusCode).toBe(200)
  })

  it('confirms an unchanged version only to a session (the version is per store), and sends the menu only to one', async () => {
    const { app, cookie } = await tabletApp()
    const etag = (await getMenu(app, cookie)).headers.etag as string
    const unchanged = await getMenu(app, cookie, { 'if-none-match': etag })
    expect(unchanged.statusCode).toBe(304)
    expect(unchanged.body).toBe('')
    expect(unchanged.headers['content-security-policy']).toContain("default-src 'self'")
    const stranger = await app.inject({ method: 'GET', url: '/api/menu', headers: { 'if-none-match': etag } })
    expect(stranger.statusCode).toBe(401)
    const stale = await app.inject({ method: 'GET', url: '/api/menu', headers: { 'if-none-match': '"0-00000000"' } })
    expect(stale.statusCode).toBe(401)
    expect(stale.body).not.toContain('dish_')
    const wildcard = await app.inject({ method: 'GET', url: '/api/menu', headers: { 'if-none-match': '*' } })
    expect(wildcard.statusCode).toBe(401)
    expect(wildcard.headers.etag).toBeUndefined()
  })

  it('changes version when a dish sells out, and shows the dish greyed instead of dropping it', async () => {
    const { app, cookie } = await tabletApp()
    const staff = await loginStaff(app)
    const before = await getMenu(app, cookie)
    const patch = await app.inject({ method: 'PATCH', url: '/api/staff/menu/items/dish_peking_duck', headers: { cookie: staff }, payload: { available: false } })
    expect(patch.statusCode).toBe(200)
    const revalidated = await getMenu(app, cookie, { 'if-none-match': before.headers.etag as string })
    expect(revalidated.statusCode).toBe(200)
    const menu = revalidated.json<Menu>()
    expect(menu.version).not.toBe(before.json<Menu>().version)
    expect(menu.items.find(item => item.id === 'dish_peking_duck')?.available).toBe(false)
    expect(menu.items).toHaveLength(before.json<Menu>().items.length)
  })

  it('lets staff read the menu with their session cookie', async () => {
    const app = await buildTestApp()
    const staff = await loginStaff(app)
    const response = await getMenu(app, staff)
    expect(response.statusCode).toBe(200)
    expect(response.json<Menu>().items.length).toBeGreaterThanOrEqual(30)
  })

  it('refuses a request without a cookie, or with forged device or staff cookies', async () => {
    const app = await buildTestApp()
    for (const cookie of ['', `${DEVICE_COOKIE}=forged-token`, `${STAFF_COOKIE}=forged-token`, `${DEVICE_COOKIE}=${'x'.repeat(500)}`]) {
      const response = await getMenu(app, cookie)
      expect(response.statusCode, cookie).toBe(401)
      expect(response.json()).toMatchObject({ code: 'DEVICE_UNKNOWN' })
    }
  })

  it('serves an empty menu with a version when the demo is switched off', async () => {
    const app = await buildEmptyApp()
    const tablet = await registerTablet(app)
    const response = await getMenu(app, tablet.cookie)
    expect(response.statusCode).toBe(200)
    expect(response.json<Menu>()).toMatchObject({ categories: [], items: [] })
    expect(response.headers.etag).toMatch(/^"\S+"$/)
  })

  it('refuses query parameters: the menu has none, and every language comes in one answer', async () => {
    const { app, cookie } = await tabletApp()
    const response = await app.inject({ method: 'GET', url: '/api/menu?lang=en', headers: { cookie } })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED' })
  })

  it('sends the same menu as brotli, gzip or plain, as the client accepts, and it matches the menu schema', async () => {
    const { app, cookie } = await tabletApp()
    const validate = createValidatorCompiler()({ schema: MenuSchema, method: 'GET', url: '/api/menu', httpPart: 'body' })
    const plain = await getMenu(app, cookie)
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(plain.headers.vary).toMatch(/accept-encoding/i)
    expect(validate(plain.json()), JSON.stringify((validate as { errors?: unknown }).errors)).toBe(true)
    const cases = [
      ['gzip, deflate, br, zstd', 'br'],
      ['gzip', 'gzip'],
      ['br;q=0, gzip;q=0.5', 'gzip'],
      ['identity', undefined],
      ['deflate', undefined],
    ] as const
    for (const [acceptEncoding, coding] of cases) {
      const response = await getMenu(app, cookie, { 'accept-encoding': acceptEncoding })
      expect(response.statusCode).toBe(200)
      expect(response.headers['content-encoding'], acceptEncoding).toBe(coding)
      expect(response.headers.vary).toMatch(/accept-encoding/i)
      expect(response.headers.etag).toBe(plain.headers.etag)
      const bytes = response.rawPayload
      const json = coding === 'br' ? brotliDecompressSync(bytes) : coding === 'gzip' ? gunzipSync(bytes) : bytes
      expect(json.toString(), acceptEncoding).toBe(plain.body)
      if (coding) expect(bytes.length).toBeLessThan(plain.rawPayload.length / 3)
    }
  })

  it('sends a new body as soon as a dish or an option sells out, then keeps sending that one', async () => {
    const { app, cookie } = await tabletApp()
    const staff = await loginStaff(app)
    const browser = { 'accept-encoding': 'gzip, br' }
    const before = await getMenu(app, cookie, browser)
    expect((await getMenu(app, cookie, browser)).rawPayload.equals(before.rawPayload)).toBe(true)
    let etag = before.headers.etag as string
    const tofu = (menu: Menu) => menu.items.find(item => item.id === 'dish_mapo_tofu')!
    const option = tofu((await getMenu(app, cookie)).json<Menu>()).optionGroups[0]!.options[0]!
    const changes = [
      ['/api/staff/menu/items/dish_mapo_tofu', (menu: Menu) => tofu(menu).available],
      [`/api/staff/menu/options/${option.id}`, (menu: Menu) => tofu(menu).optionGroups[0]!.options[0]!.available],
    ] as const
    for (const [url, availability] of changes) {
      const patch = await app.inject({ method: 'PATCH', url, headers: { cookie: staff }, payload: { available: false } })
      expect(patch.statusCode, patch.body).toBe(200)
      const after = await getMenu(app, cookie, { ...browser, 'if-none-match': etag })
      expect(after.statusCode, url).toBe(200)
      expect(after.headers.etag).not.toBe(etag)
      const menu = JSON.parse(brotliDecompressSync(after.rawPayload).toString()) as Menu
      expect(`"${menu.version}"`).toBe(after.headers.etag)
      expect(availability(menu), url).toBe(false)
      etag = after.headers.etag as string
      expect((await getMenu(app, cookie, { ...browser, 'if-none-match': etag })).statusCode).toBe(304)
    }
  })
})
