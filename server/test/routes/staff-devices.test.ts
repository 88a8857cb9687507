// Staff pair tablets to tables by code, move, rename and unpair them; each change reaches the tablet.
import { describe, expect, it } from 'vitest'
import { addStaff, buildEmptyApp, loginStaff, pairedTablet, registerTablet } from '../auth-helpers.js'
import { createTable } from '../../src/repositories/tables.js'
import { PAIRING_FAILURES_PER_MINUTE } from '../../src/routes/api/staff/devices/index.js'
import { recordEvents } from '../fixtures/orders.js'
import type { App } from '../../src/app.js'

const pair = (cookie: string, pairingCode: string, tableId: string) =>
  ({ method: 'POST' as const, url: '/api/staff/devices/pair', headers: { cookie }, payload: { pairingCode, tableId } })

/** A six-digit code no tablet holds. */
async function unusedCode (app: App): Promise<string> {
  const live = new Set((await app.db.selectFrom('pairing_codes').select('code').execute()).map(row => row.code))
  for (let n = 0; ; n++) {
    const code = String(n).padStart(6, '0')
    if (!live.has(code)) return code
  }
}

describe('POST /api/staff/devices/pair', () => {
  it('pairs the tablet holding the code, tells it and staff, and uses the code up', async () => {
    const app = await buildEmptyApp()
    const cookie = await loginStaff(app)
    const table = await createTable(app.db, { label: 'T4' })
    const tablet = await registerTablet(app, { name: 'Tab A' })
    const seen = await recordEvents(app)
    const response = await app.inject(pair(cookie, tablet.pairingCode, table.id))
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({
      id: tablet.deviceId, name: 'Tab A', status: 'paired', table: { id: table.id, label: 'T4' },
      lastSeenAt: expect.any(String), appVersion: null, online: true, unsentOrders: null,
    })
    await app.events.settled()
    expect(seen.map(event => [event.event, event.audience])).toEqual([
      ['device.changed', { kind: 'device', deviceId: tablet.deviceId }],
      ['device.changed', { kind: 'staff' }],
    ])
    expect(seen[0]!.data).toMatchObject({ deviceId: tablet.deviceId, status: 'paired', table: { id: table.id, label: 'T4' } })
    expect(seen[1]!.data).toEqual(response.json())

    const me = await app.inject({ method: 'GET', url: '/api/devices/me', headers: { cookie: tablet.cookie } })
    expect(me.json()).toMatchObject({ status: 'paired', table: { id: table.id } })
    const again = await app.inject(pair(cookie, tablet.pairingCode, table.id))
    expect(again.statusCode).toBe(404)
    expect(again.json().code).toBe('PAIRING_CODE_INVALID')
  })

  it('refuses an expired code', async () => {
    const app = await buildEmptyApp()
    const cookie = await loginStaff(app)
    const table = await createTable(app.db, { label: 'T1' })
    const tablet = await registerTablet(app)
    await app.db.updateTable('pairing_codes').set({ expires_at: new Date(Date.now() - 1).toISOString() }).execute()
    const response = await app.inject(pair(cookie, tablet.pairingCode, table.id))
    expect(response.statusCode).toBe(404)
    expect(response.json().code).toBe('PAIRING_CODE_INVALID')
    const row = await app.database.db.selectFrom('devices').select('table_id').where('id', '=', tablet.deviceId).executeTakeFirstOrThrow()
    expect(row.table_id).toBeNull()
  })

  it('refuses an unknown table without using the code up', async () => {
    const app = await buildEmptyApp()
    const cookie = await loginStaff(app)
    const tablet = await registerTablet(app)
    const response = await app.inject(pair(cookie, tablet.pairingCode, 'tbl_missing'))
    expect(response.statusCode).toBe(404)
    expect(response.json().code).toBe('NOT_FOUND')
    const table = await createTable(app.db, { label: 'T1' })
    expect((await app.inject(pair(cookie, tablet.pairingCode, table.id))).statusCode).toBe(200)
  })

  it(`blocks a client after ${PAIRING_FAILURES_PER_MINUTE} wrong codes, even for a right one`, async () => {
    const app = await buildEmptyApp()
    const cookie = await loginStaff(app)
    const table = await createTable(app.db, { label: 'T1' })
    const tablet = await registerTablet(app)
    const wrong = await unusedCode(app)
    for (let i = 0; i < PAIRING_FAILURES_PER_MINUTE; i++) {
      expect((await app.inject(pair(cookie, wrong, table.id))).statusCode).toBe(404)
    }
    const blocked = await app.inject(pair(cookie, tablet.pairingCode, table.id))
    expect(blocked.statusCode).toBe(429)
    expect(blocked.json().code).toBe('RATE_LIMITED')
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0)
    const row = await app.database.db.selectFrom('devices').select('table_id').where('id', '=', tablet.deviceId).executeTakeFirstOrThrow()
    expect(row.table_id).toBeNull()
  })

  it.each([
    ['a five-digit code', { pairingCode: '12345', tableId: 'tbl_1' }],
    ['a numeric code', { pairingCode: 123456, tableId: 'tbl_1' }],
    ['a missing table', { pairingCode: '123456' }],
    ['an unknown field', { pairingCode: '123456', tableId: 'tbl_1', force: true }],
  ])('refuses %s with VALIDATION_FAILED', async (_case, payload) => {
    const app = await buildEmptyApp()
    const cookie = await loginStaff(app)
    const response = await app.inject({ method: 'POST', url: '/api/staff/devices/pair', headers: { cookie }, payload })
    expect(response.statusCode).toBe(400)
    expect(response.json().code).toBe('VALIDATION_FAILED')
  })

  it('refuses a tablet cookie in place of a staff session', async () => {
    const app = await buildEmptyApp()
    const table = await createTable(app.db, { label: 'T1' })
    const tablet = await registerTablet(app)
    const response = await app.inject(pair(tablet.cookie, tablet.pairingCode, table.id))
    expect(response.statusCode).toBe(401)
    expect(response.json().code).toBe('STAFF_UNAUTHENTICATED')
  })
})

describe('GET /api/staff/devices', () => {
  it('lists every tablet with its table, last contact and whether it is online', async () => {
    const app = await buildEmptyApp()
    const waiter = await addStaff(app, { name: 'Waiter', role: 'staff', pin: '1357' })
    const t2 = await createTable(app.db, { label: 'T2' })
    const t10 = await createTable(app.db, { label: 'T10' })
    const at10 = await pairedTablet(app, waiter.cookie, t10)
    const at2 = await pairedTablet(app, waiter.cookie, t2)
    const loose = await registerTablet(app)
    const old = new Date(Date.now() - 5 * 60_000).toISOString()
    await app.database.db.updateTable('devices').set({ last_seen_at: old }).where('id', '=', loose.deviceId).execute()

    const response = await app.inject({ method: 'GET', url: '/api/staff/devices', headers: { cookie: waiter.cookie } })
    expect(response.statusCode).toBe(200)
    const list = response.json<Array<{ id: string, table: { label: string } | null, online: boolean, lastSeenAt: string }>>()
    expect(list.map(device => [device.id, device.table?.label ?? null, device.online])).toEqual([
      [at2.deviceId, 'T2', true],
      [at10.deviceId, 'T10', true],
      [loose.deviceId, null, false],
    ])
    expect(list[2]!.lastSeenAt).toBe(old)
    expect((await app.inject({ method: 'GET', url: '/api/staff/devices' })).statusCode).toBe(401)
  })
})

describe('POST /api/staff/devices/:id/unpair', () => {
  it('sends the tablet back to its pairing screen with a fresh code', async () => {
    const app = await buildEmptyApp()
    const cookie = await loginStaff(app)
    const tablet = await pairedTablet(app, cookie)
    const seen = await recordEvents(app)
    const response = await app.inject({ method: 'POST', url: `/api/staff/devices/${tablet.deviceId}/unpair`, headers: { cookie } })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({ id: tablet.deviceId, status: 'unpaired', table: null })
    await app.events.settled()
    const toTablet = seen.find(event => event.audience.kind === 'device')
    expect(toTablet?.data).toMatchObject({ status: 'unpaired', pairingCode: expect.stringMatching(/^\d{6}$/) })
    expect(toTablet?.data).not.toHaveProperty('table')
    expect(seen.some(event => event.audience.kind === 'staff' && event.event === 'device.changed')).toBe(true)

    // The tablet can be paired again with the code it now shows, to another table.
    const code = (toTablet!.data as { pairingCode: string }).pairingCode
    const other = await createTable(app.db, { label: 'Other' })
    expect((await app.inject(pair(cookie, code, other.id))).json().table).toEqual({ id: other.id, label: 'Other' })
  })

  it('answers 404 for an unknown device and refuses a body', async () => {
    const app = await buildEmptyApp()
    const cookie = await loginStaff(app)
    const tablet = await pairedTablet(app, cookie)
    expect((await app.inject({ method: 'POST', url: '/api/staff/devices/dev_nope/unpair', headers: { cookie } })).statusCode).toBe(404)
    const withBody = await app.inject({ method: 'POST', url: `/api/staff/devices/${tablet.deviceId}/unpair`, headers: { cookie }, payload: { tableId: null } })
    expect(withBody.statusCode).toBe(400)
    const row = await app.db.selectFrom('devices').select('table_id').where('id', '=', tablet.deviceId).executeTakeFirstOrThrow()
    expect(row.table_id).toBe(tablet.table.id)
  })
})

describe('PATCH /api/staff/devices/:id', () => {
  it('renames a tablet and moves it to another table, telling the tablet', async () => {
    const app = await buildEmptyApp()
    const cookie = await loginStaff(app)
    const tablet = await pairedTablet(app, cookie)
    const target = await createTable(app.db, { label: 'Terrace' })
    const seen = await recordEvents(app)
    const response = await app.inject({ method: 'PATCH', url: `/api/staff/devices/${tablet.deviceId}`, headers: { cookie }, payload: { name: 'Corner', tableId: target.id } })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({ name: 'Corner', status: 'paired', table: { id: target.id, label: 'Terrace' } })
    await app.events.settled()
    expect(seen.find(event => event.audience.kind === 'device')?.data).toMatchObject({ name: 'Corner', table: { id: target.id, label: 'Terrace' } })
    const me = await app.inject({ method: 'GET', url: '/api/devices/me', headers: { cookie: tablet.cookie } })
    expect(me.json().table).toEqual({ id: target.id, label: 'Terrace', code: target.code, phoneUrl: `http://127.0.0.1:8080/t/${target.code}` })
  })

  it('renames an unpaired tablet but will not move it without its code', async () => {
    const app = await buildEmptyApp()
    const cookie = await loginStaff(app)
    const tablet = await registerTablet(app)
    const table = await createTable(app.db, { label: 'T1' })
    const renamed = await app.inject({ method: 'PATCH', url: `/api/staff/devices/${tablet.deviceId}`, headers: { cookie }, payload: { name: 'Spare' } })
    expect(renamed.json()).toMatchObject({ name: 'Spare', status: 'unpaired' })
    const moved = await app.inject({ method: 'PATCH', url: `/api/staff/devices/${tablet.deviceId}`, headers: { cookie }, payload: { tableId: table.id } })
    expect(moved.statusCode).toBe(409)
    expect(moved.json().code).toBe('CONFLICT')
  })

  it('refuses an unknown table or device, an empty change and unknown fields', async () => {
    const app = await buildEmptyApp()
    const cookie = await loginStaff(app)
    const tablet = await pairedTablet(app, cookie)
    const at = `/api/staff/devices/${tablet.deviceId}`
    expect((await app.inject({ method: 'PATCH', url: at, headers: { cookie }, payload: { tableId: 'tbl_nope' } })).statusCode).toBe(404)
    expect((await app.inject({ method: 'PATCH', url: '/api/staff/devices/dev_nope', headers: { cookie }, payload: { name: 'X' } })).statusCode).toBe(404)
    expect((await app.inject({ method: 'PATCH', url: at, headers: { cookie }, payload: {} })).statusCode).toBe(400)
    expect((await app.inject({ method: 'PATCH', url: at, headers: { cookie }, payload: { name: 'X', status: 'paired' } })).statusCode).toBe(400)
    expect((await app.inject({ method: 'PATCH', url: at, headers: { cookie }, payload: { name: 'x'.repeat(61) } })).statusCode).toBe(400)
    const row = await app.db.selectFrom('devices').select(['name', 'table_id']).where('id', '=', tablet.deviceId).executeTakeFirstOrThrow()
    expect(row.table_id).toBe(tablet.table.id)
    expect(row.name).toMatch(/^Tablet /)
  })
})
