// Staff manage the restaurant's tables; a table in use cannot be removed.
import { describe, expect, it } from 'vitest'
import { addStaff, buildEmptyApp, loginStaff, pairedTablet } from '../auth-helpers.js'
import { createTable } from '../../src/repositories/tables.js'
import { recordEvents } from '../fixtures/orders.js'
import type { App } from '../../src/app.js'

const url = '/api/staff/tables'

/** An order row straight into the database: orders are another module's, only their status matters here. */
async function insertOrder (app: App, tableId: string, status: string): Promise<void> {
  const now = new Date().toISOString()
  const number = Math.floor(Math.random() * 1e9)
  await app.db.insertInto('orders').values({
    id: `ord_${number}`, number, client_order_id: crypto.randomUUID(), request_hash: 'x', device_id: null,
    table_id: tableId, status, subtotal: 100, total: 100, currency: 'CNY', note: null, cancel_reason: null,
    created_at: now, updated_at: now,
  }).execute()
}

describe('/api/staff/tables', () => {
  it('adds tables with a default of 4 seats and lists them in natural order', async () => {
    const app = await buildEmptyApp()
    const cookie = await loginStaff(app)
    for (const label of ['T10', 'T9', 'Bar 1']) {
      const response = await app.inject({ method: 'POST', url, headers: { cookie }, payload: { label } })
      expect(response.statusCode).toBe(201)
      expect(response.json()).toEqual({ id: expect.stringMatching(/^tbl_/), label, labelZh: null, code: expect.stringMatching(/^[A-Za-z0-9]{10,}$/), seats: 4 })
    }
    await app.inject({ method: 'POST', url, headers: { cookie }, payload: { label: 'T1', seats: 8 } })
    const list = await app.inject({ method: 'GET', url, headers: { cookie } })
    expect(list.statusCode).toBe(200)
    expect(list.json().map((table: { label: string }) => table.label)).toEqual(['Bar 1', 'T1', 'T9', 'T10'])
    expect(list.json()[1].seats).toBe(8)
  })

  it('lets any staff role add, rename and remove, and nobody without a session', async () => {
    const app = await buildEmptyApp()
    const waiter = await addStaff(app, { name: 'Waiter', role: 'staff', pin: '1357' })
    const created = await app.inject({ method: 'POST', url, headers: { cookie: waiter.cookie }, payload: { label: 'Patio' } })
    expect(created.statusCode).toBe(201)
    const id = created.json().id
    expect((await app.inject({ method: 'PATCH', url: `${url}/${id}`, headers: { cookie: waiter.cookie }, payload: { label: 'Patio 1' } })).json().label).toBe('Patio 1')
    expect((await app.inject({ method: 'DELETE', url: `${url}/${id}`, headers: { cookie: waiter.cookie } })).statusCode).toBe(204)
    for (const request of [
      { method: 'GET' as const, url },
      { method: 'POST' as const, url, payload: { label: 'X' } },
      { method: 'PATCH' as const, url: `${url}/${id}`, payload: { label: 'Y' } },
      { method: 'DELETE' as const, url: `${url}/${id}` },
    ]) {
      const response = await app.inject(request)
      expect(response.statusCode).toBe(401)
      expect(response.json().code).toBe('STAFF_UNAUTHENTICATED')
    }
  })

  it('refuses a label already in use, on add and on rename', async () => {
    const app = await buildEmptyApp()
    const cookie = await loginStaff(app)
    await createTable(app.db, { label: 'T1' })
    const t2 = await createTable(app.db, { label: 'T2' })
    const add = await app.inject({ method: 'POST', url, headers: { cookie }, payload: { label: 't1' } })
    expect(add.statusCode).toBe(409)
    expect(add.json().code).toBe('TABLE_LABEL_TAKEN')
    const rename = await app.inject({ method: 'PATCH', url: `${url}/${t2.id}`, headers: { cookie }, payload: { label: 'T1' } })
    expect(rename.statusCode).toBe(409)
    expect(rename.json().code).toBe('TABLE_LABEL_TAKEN')
    // Renaming a table to its own label (or changing only its seats) is fine.
    expect((await app.inject({ method: 'PATCH', url: `${url}/${t2.id}`, headers: { cookie }, payload: { label: 'T2', seats: 6 } })).json()).toEqual({ ...t2, seats: 6 })
  })

  it('tells tablets at a renamed table its new label', async () => {
    const app = await buildEmptyApp()
    const cookie = await loginStaff(app)
    const tablet = await pairedTablet(app, cookie)
    const seen = await recordEvents(app)
    await app.inject({ method: 'PATCH', url: `${url}/${tablet.table.id}`, headers: { cookie }, payload: { label: 'Window' } })
    await app.events.settled()
    const toTablet = seen.find(event => event.audience.kind === 'device' && event.event === 'device.changed')
    expect(toTablet?.audience).toEqual({ kind: 'device', deviceId: tablet.deviceId })
    expect(toTablet?.data).toMatchObject({ table: { id: tablet.table.id, label: 'Window' } })
  })

  it('keeps a name in Chinese next to the label: set on add, changed or removed on rename, told to the tablet', async () => {
    const app = await buildEmptyApp()
    const cookie = await loginStaff(app)
    const created = await app.inject({ method: 'POST', url, headers: { cookie }, payload: { label: 'Window 1', labelZh: ' 窗边 1 ' } })
    expect(created.statusCode).toBe(201)
    expect(created.json()).toMatchObject({ label: 'Window 1', labelZh: '窗边 1' })
    const tablet = await pairedTablet(app, cookie)
    const seen = await recordEvents(app)
    const renamed = await app.inject({ method: 'PATCH', url: `${url}/${tablet.table.id}`, headers: { cookie }, payload: { labelZh: '露台' } })
    expect(renamed.json()).toMatchObject({ id: tablet.table.id, labelZh: '露台' })
    await app.events.settled()
    const toTablet = seen.find(event => event.audience.kind === 'device' && event.event === 'device.changed')
    expect(toTablet?.data).toMatchObject({ table: { id: tablet.table.id, labelZh: '露台' } })
    const me = await app.inject({ method: 'GET', url: '/api/devices/me', headers: { cookie: tablet.cookie } })
    expect(me.json().table).toMatchObject({ labelZh: '露台' })
    // null (or a blank name) removes it: every language shows the label again.
    const cleared = await app.inject({ method: 'PATCH', url: `${url}/${tablet.table.id}`, headers: { cookie }, payload: { labelZh: null } })
    expect(cleared.json().labelZh).toBeNull()
    const list = await app.inject({ method: 'GET', url, headers: { cookie } })
    expect(list.json().find((table: { id: string }) => table.id === created.json().id).labelZh).toBe('窗边 1')
    const tooLong = await app.inject({ method: 'PATCH', url: `${url}/${tablet.table.id}`, headers: { cookie }, payload: { labelZh: '长'.repeat(41) } })
    expect(tooLong.statusCode).toBe(400)
  })

  it('refuses to remove a table with a paired tablet or an open order', async () => {
    const app = await buildEmptyApp()
    const cookie = await loginStaff(app)
    const tablet = await pairedTablet(app, cookie)
    const withTablet = await app.inject({ method: 'DELETE', url: `${url}/${tablet.table.id}`, headers: { cookie } })
    expect(withTablet.statusCode).toBe(409)
    expect(withTablet.json().code).toBe('TABLE_IN_USE')

    for (const status of ['placed', 'paid', 'preparing', 'ready']) {
      const table = await createTable(app.db, { label: `Open ${status}` })
      await insertOrder(app, table.id, status)
      const response = await app.inject({ method: 'DELETE', url: `${url}/${table.id}`, headers: { cookie } })
      expect(response.statusCode, status).toBe(409)
      expect(response.json().code).toBe('TABLE_IN_USE')
    }
    expect((await app.inject({ method: 'GET', url, headers: { cookie } })).json()).toHaveLength(5)
  })

  it('removes a table whose orders are all closed, keeping those orders and freeing the label', async () => {
    const app = await buildEmptyApp()
    const cookie = await loginStaff(app)
    const table = await createTable(app.db, { label: 'T13' })
    await insertOrder(app, table.id, 'served')
    await insertOrder(app, table.id, 'cancelled')
    expect((await app.inject({ method: 'DELETE', url: `${url}/${table.id}`, headers: { cookie } })).statusCode).toBe(204)
    expect((await app.inject({ method: 'GET', url, headers: { cookie } })).json()).toEqual([])
    expect(await app.db.selectFrom('orders').select('table_id').execute()).toEqual([{ table_id: table.id }, { table_id: table.id }])
    expect((await app.inject({ method: 'POST', url, headers: { cookie }, payload: { label: 'T13' } })).statusCode).toBe(201)
    // A removed table is gone for renaming and removing too.
    expect((await app.inject({ method: 'PATCH', url: `${url}/${table.id}`, headers: { cookie }, payload: { seats: 2 } })).statusCode).toBe(404)
    expect((await app.inject({ method: 'DELETE', url: `${url}/${table.id}`, headers: { cookie } })).statusCode).toBe(404)
  })

  it.each([
    ['an empty label', 'POST', url, { label: '' }],
    ['a blank label', 'POST', url, { label: '   ' }],
    ['a label too long', 'POST', url, { label: 'x'.repeat(41) }],
    ['negative seats', 'POST', url, { label: 'T1', seats: -1 }],
    ['seats as text', 'POST', url, { label: 'T1', seats: '4' }],
    ['an unknown field', 'POST', url, { label: 'T1', code: 'mine' }],
    ['an empty change', 'PATCH', `${url}/tbl_x`, {}],
    ['a bad id', 'DELETE', `${url}/..%2Fx`, undefined],
  ] as const)('refuses %s with VALIDATION_FAILED', async (_case, method, target, payload) => {
    const app = await buildEmptyApp()
    const cookie = await loginStaff(app)
    const response = await app.inject({ method, url: target, headers: { cookie }, ...(payload ? { payload } : {}) })
    expect(response.statusCode).toBe(400)
    expect(response.json().code).toBe('VALIDATION_FAILED')
    expect(await app.db.selectFrom('tables').selectAll().execute()).toEqual([])
  })

  it('answers 404 for an unknown table', async () => {
    const app = await buildEmptyApp()
    const cookie = await loginStaff(app)
    expect((await app.inject({ method: 'PATCH', url: `${url}/tbl_nope`, headers: { cookie }, payload: { seats: 2 } })).json().code).toBe('NOT_FOUND')
    expect((await app.inject({ method: 'DELETE', url: `${url}/tbl_nope`, headers: { cookie } })).statusCode).toBe(404)
  })
})
