// Dish photo uploads: raw PNG/JPEG/WebP bodies checked by type, size and magic bytes, then served back immutable.
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { addStaff } from '../auth-helpers.js'
import { RICE, orderingApp, recordEvents } from '../fixtures/orders.js'
import { TYPE_OF_EXTENSION } from '../../src/lib/image-uploads.js'
import type { App } from '../../src/app.js'
import type { Menu, MenuItem } from '#shared/schemas/menu.js'

/** Real one-pixel pictures of each accepted type. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')
const JPEG = Buffer.from('/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=', 'base64')
const WEBP = Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64')
const GIF = Buffer.from('R0lGODlhAQABAAAAACwAAAAAAQABAAA=', 'base64')

function upload (app: App, cookie: string, dishId: string, contentType: string | undefined, body: Buffer | string) {
  return app.inject({
    method: 'PUT',
    url: `/api/staff/menu/items/${dishId}/image`,
    headers: { cookie, ...(contentType ? { 'content-type': contentType } : {}) },
    payload: body,
  })
}

function sha256 (bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex')
}

const EXTENSION_OF_TYPE = Object.fromEntries(Object.entries(TYPE_OF_EXTENSION).map(([extension, type]) => [type, extension]))

/** Every stored picture as `<sha256>.<ext>`: files under DATA_DIR on SQLite, rows of media_blobs on PostgreSQL. */
async function uploadedFiles (app: App): Promise<string[]> {
  const dir = join(app.config.dataDir, 'media', 'uploads')
  const files = existsSync(dir) ? readdirSync(dir) : []
  if (!app.config.databaseUrl) return files
  // On PostgreSQL nothing is written to the data folder: another process could not serve it.
  expect(files).toEqual([])
  const rows = await app.db.selectFrom('media_blobs').select(['hash', 'type']).execute()
  return rows.map(row => `${row.hash}.${EXTENSION_OF_TYPE[row.type]}`)
}

/** The stored bytes of the picture named `name`, from whichever store holds them. */
async function storedBytes (app: App, name: string): Promise<Buffer | undefined> {
  if (!app.config.databaseUrl) return readFileSync(join(app.config.dataDir, 'media', 'uploads', name))
  const row = await app.db.selectFrom('media_blobs').select('bytes').where('hash', '=', name.slice(0, 64)).executeTakeFirst()
  return row?.bytes
}

async function menuOf (app: App, cookie: string): Promise<Menu> {
  return (await app.inject({ method: 'GET', url: '/api/menu', headers: { cookie } })).json<Menu>()
}

describe('PUT /api/staff/menu/items/:id/image', () => {
  it('stores a PNG and serves it back byte-identical, typed, immutable and nosniff; tablets hear menu.changed', async () => {
    const { app, staff, tablet } = await orderingApp()
    const events = await recordEvents(app)
    const response = await upload(app, staff, RICE.itemId, 'image/png', PNG)
    expect(response.statusCode, response.body).toBe(200)
    const item = response.json<MenuItem>()
    expect(item).toMatchObject({ id: RICE.itemId, price: RICE.price, image: `/media/uploads/${sha256(PNG)}.png` })
    await app.events.settled()
    expect(events.map(event => [event.event, event.audience.kind])).toEqual([['menu.changed', 'tablets'], ['menu.changed', 'staff']])
    const menu = await menuOf(app, tablet.cookie)
    expect(menu.items.find(dish => dish.id === RICE.itemId)?.image).toBe(item.image)
    expect((await storedBytes(app, `${sha256(PNG)}.png`))?.equals(PNG)).toBe(true)

    const served = await app.inject({ method: 'GET', url: item.image })
    expect(served.statusCode).toBe(200)
    expect(served.rawPayload.equals(PNG)).toBe(true)
    expect(served.headers['content-type']).toBe('image/png')
    expect(served.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(served.headers['x-content-type-options']).toBe('nosniff')
    const cached = await app.inject({ method: 'GET', url: item.image, headers: { 'if-none-match': served.headers.etag as string } })
    expect(cached.statusCode).toBe(304)
  })

  it('accepts JPEG and WebP too; the same bytes uploaded twice are stored once', async () => {
    const { app, staff } = await orderingApp()
    for (const [type, bytes, extension] of [['image/jpeg', JPEG, 'jpg'], ['image/webp', WEBP, 'webp']] as const) {
      const response = await upload(app, staff, RICE.itemId, `${type}; charset=binary`, bytes)
      expect(response.statusCode, type).toBe(200)
      const image = response.json<MenuItem>().image
      expect(image).toBe(`/media/uploads/${sha256(bytes)}.${extension}`)
      const served = await app.inject({ method: 'GET', url: image })
      expect(served.headers['content-type']).toBe(type)
      expect(served.rawPayload.equals(bytes)).toBe(true)
    }
    const events = await recordEvents(app)
    expect((await upload(app, staff, 'dish_mapo_tofu', 'image/webp', WEBP)).statusCode).toBe(200)
    // Same picture on the same dish again: nothing changes, nobody is told.
    expect((await upload(app, staff, 'dish_mapo_tofu', 'image/webp', WEBP)).statusCode).toBe(200)
    await app.events.settled()
    expect(events.filter(event => event.audience.kind === 'tablets')).toHaveLength(1)
    expect((await uploadedFiles(app)).sort()).toEqual([`${sha256(JPEG)}.jpg`, `${sha256(WEBP)}.webp`].sort())
  })

  it('refuses pictures over 2 MB, other types, and bytes that are not what they claim, storing nothing', async () => {
    const { app, staff, tablet } = await orderingApp()
    const before = await menuOf(app, tablet.cookie)
    const tooBig = Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024 + 1 - PNG.length)])
    const big = await upload(app, staff, RICE.itemId, 'image/png', tooBig)
    expect(big.statusCode).toBe(413)
    expect(big.json()).toMatchObject({ code: 'BODY_TOO_LARGE' })
    // Exactly at the limit is fine.
    const atLimit = Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024 - PNG.length)])
    expect((await upload(app, staff, 'dish_mapo_tofu', 'image/png', atLimit)).statusCode).toBe(200)

    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    for (const [type, body] of [['image/gif', GIF], ['image/svg+xml', svg], ['application/json', '{"image":"x"}'], ['text/plain', 'png'], [undefined, PNG]] as const) {
      const response = await upload(app, staff, RICE.itemId, type, body)
      expect(response.statusCode, String(type)).toBe(415)
      expect(response.json(), String(type)).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' })
    }
    for (const [type, body] of [['image/png', JPEG], ['image/jpeg', Buffer.from(svg)], ['image/webp', PNG], ['image/png', PNG.subarray(0, 8)], ['image/png', Buffer.alloc(0)]] as const) {
      const response = await upload(app, staff, RICE.itemId, type, body)
      expect(response.statusCode, `${type} ${body.length}`).toBe(400)
      expect(response.json(), type).toMatchObject({ code: 'IMAGE_INVALID' })
    }
    const after = await menuOf(app, tablet.cookie)
    expect(after.items.find(dish => dish.id === RICE.itemId)).toEqual(before.items.find(dish => dish.id === RICE.itemId))
    expect(await uploadedFiles(app)).toEqual([`${sha256(atLimit)}.png`])
  })

  it('is for managers only, and only for dishes on the menu', async () => {
    const { app, staff, tablet } = await orderingApp()
    const { cookie: waiter } = await addStaff(app, { name: 'Waiter', role: 'staff', pin: '135790' })
    const forbidden = await upload(app, waiter, RICE.itemId, 'image/png', PNG)
    expect(forbidden.statusCode).toBe(403)
    expect(forbidden.json()).toMatchObject({ code: 'STAFF_FORBIDDEN' })
    expect((await upload(app, tablet.cookie, RICE.itemId, 'image/png', PNG)).statusCode).toBe(401)
    expect((await upload(app, staff, 'dish_unicorn', 'image/png', PNG)).statusCode).toBe(404)
    expect((await app.inject({ method: 'DELETE', url: `/api/staff/menu/items/${RICE.itemId}`, headers: { cookie: staff } })).statusCode).toBe(204)
    expect((await upload(app, staff, RICE.itemId, 'image/png', PNG)).statusCode).toBe(404)
    expect((await upload(app, staff, 'dish%2Fx', 'image/png', PNG)).statusCode).toBe(400)
    expect(await uploadedFiles(app)).toEqual([])
  })
})

describe('GET /media/uploads/:file', () => {
  it('serves only content-hash names: anything else is 400, an unknown hash 404', async () => {
    const { app } = await orderingApp()
    for (const name of ['..%2F..%2Ftablepad.sqlite', 'abc.png', `${'a'.repeat(64)}.svg`, `${'A'.repeat(64)}.png`]) {
      expect((await app.inject({ method: 'GET', url: `/media/uploads/${name}` })).statusCode, name).toBe(400)
    }
    const missing = await app.inject({ method: 'GET', url: `/media/uploads/${'a'.repeat(64)}.png` })
    expect(missing.statusCode).toBe(404)
    expect(missing.headers['cache-control']).toBeUndefined()
  })
})
