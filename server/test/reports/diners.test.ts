// Diners known privately: a salted hash of their Alipay id stands for them in reports (the same person
// gets the same hash, nobody can recompute it without the salt), and DINER_DATA_DAYS after their last
// sign-in their ids and hash are erased while their orders, and so the figures, stay.
import { describe, expect, it, vi } from 'vitest'
import { buildEmptyApp, loginStaff } from '../auth-helpers.js'
import { buildTestApp, configFailure, tempDataDir } from '../helper.js'
import { loadConfig } from '../../src/config.js'
import { DINER_HASH_SALT_KEY, dinerIdHash } from '../../src/diners/diner-hash.js'
import { DAY_MS, DinerRetention, eraseExpiredDinerData } from '../../src/diners/retention.js'
import { dinerHashSalt, findOrCreateDiner } from '../../src/repositories/diners.js'
import { createTable } from '../../src/repositories/tables.js'
import { getSetting } from '../../src/repositories/settings.js'
import { appendPaymentEvent } from '../../src/repositories/payment-events.js'
import type { App } from '../../src/app.js'
import { insertOrder, insertPayment } from './day-fixtures.js'
import { until } from '../payments/fixtures.js'

async function dinerRow (app: App, id: string) {
  return app.db.selectFrom('diners').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
}

describe('diner hashes', () => {
  it('hashes the Alipay id with the stored salt: never the id itself, the same for the same person', async () => {
    const app = await buildEmptyApp()
    const salt = await getSetting(app.db, DINER_HASH_SALT_KEY)
    expect(salt).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(await dinerHashSalt(app.db)).toBe(salt)

    const first = await findOrCreateDiner(app.db, { userId: '2088000000000201' })
    const again = await findOrCreateDiner(app.db, { userId: '2088000000000201' })
    const other = await findOrCreateDiner(app.db, { userId: '2088000000000202' })
    const byOpenId = await findOrCreateDiner(app.db, { openId: 'open-id-203' })
    const hashOf = async (id: string) => (await dinerRow(app, id)).id_hash
    expect(again.id).toBe(first.id)
    expect(await hashOf(first.id)).toBe(dinerIdHash(salt!, '2088000000000201'))
    expect(await hashOf(first.id)).toMatch(/^[0-9a-f]{64}$/)
    expect(await hashOf(first.id)).not.toContain('2088000000000201')
    expect(await hashOf(other.id)).not.toBe(await hashOf(first.id))
    expect(await hashOf(byOpenId.id)).toBe(dinerIdHash(salt!, 'open-id-203'))
    // The salt matters: the bare HMAC key or a plain SHA-256 of the id is not what is stored.
    expect(await hashOf(first.id)).not.toBe(dinerIdHash('', '2088000000000201'))
  })

  it('gives every installation its own salt, so the same person hashes differently in two restaurants', async () => {
    const a = await buildEmptyApp()
    const b = await buildEmptyApp()
    const inA = await findOrCreateDiner(a.db, { userId: '2088000000000204' })
    const inB = await findOrCreateDiner(b.db, { userId: '2088000000000204' })
    expect((await dinerRow(a, inA.id)).id_hash).not.toBe((await dinerRow(b, inB.id)).id_hash)
  })

  it('never shows a buyer\'s Alipay id to staff, not even in a payment\'s history', async () => {
    const app = await buildEmptyApp()
    const table = await createTable(app.db, { label: 'T1' })
    const order = await insertOrder(app, { tableId: table.id, total: 100, status: 'paid', createdAt: '2026-11-01T00:00:00.000Z', paidAt: '2026-11-01T00:00:00.000Z' })
    const payment = await insertPayment(app, { orderId: order.id, method: 'alipay_qr', status: 'paid', amount: 100, paidAt: '2026-11-01T00:00:00.000Z' })
    await app.db.updateTable('payments').set({ buyer_id: '2088000000000601' }).execute()
    await appendPaymentEvent(app.db, payment, 'notify', 'paid', { tradeNo: 'T1', buyerId: '2088000000000601', amount: 100 })
    const response = await app.inject({ method: 'GET', url: `/api/staff/payments/${payment}`, headers: { cookie: await loginStaff(app) } })
    expect(response.statusCode).toBe(200)
    expect(response.body).not.toContain('2088000000000601')
    expect(response.json<{ events: Array<{ detail: object }> }>().events.at(-1)!.detail).toEqual({ tradeNo: 'T1', amount: 100 })
  })

  it('marks the diner seen at each sign-in', async () => {
    const app = await buildEmptyApp()
    const first = Date.parse('2026-01-01T10:00:00.000Z')
    const diner = await findOrCreateDiner(app.db, { userId: '2088000000000205' }, first)
    expect(await dinerRow(app, diner.id)).toMatchObject({ created_at: '2026-01-01T10:00:00.000Z', last_seen_at: '2026-01-01T10:00:00.000Z' })
    await findOrCreateDiner(app.db, { userId: '2088000000000205' }, first + 30 * DAY_MS)
    expect(await dinerRow(app, diner.id)).toMatchObject({ created_at: '2026-01-01T10:00:00.000Z', last_seen_at: '2026-01-31T10:00:00.000Z' })
  })
})

describe('DINER_DATA_DAYS', () => {
  it('is 365 unless set, and a positive whole number of days', () => {
    expect(loadConfig({}).dinerDataDays).toBe(365)
    expect(loadConfig({ DINER_DATA_DAYS: '30' }).dinerDataDays).toBe(30)
    for (const value of ['0', '-5', '1.5', 'a year', '36501']) {
      expect(configFailure({ DINER_DATA_DAYS: value }).variable).toBe('DINER_DATA_DAYS')
    }
  })

  it('erases the ids and hash of diners not seen for that long, and the buyer ids of payments as old (events too); orders keep their diner', async () => {
    const app = await buildEmptyApp()
    const now = Date.parse('2026-12-01T00:00:00.000Z')
    const stale = await findOrCreateDiner(app.db, { userId: '2088000000000301' }, now - 366 * DAY_MS)
    const staleByOpenId = await findOrCreateDiner(app.db, { openId: 'open-id-302' }, now - 400 * DAY_MS)
    const recent = await findOrCreateDiner(app.db, { userId: '2088000000000303' }, now - 364 * DAY_MS)
    const table = await createTable(app.db, { label: 'T1' })
    const order = await insertOrder(app, { tableId: table.id, total: 100, status: 'paid', createdAt: '2025-11-01T00:00:00.000Z', paidAt: '2025-11-01T00:00:00.000Z' })
    await app.db.updateTable('orders').set({ diner_id: stale.id }).where('id', '=', order.id).execute()
    const oldPayment = await insertPayment(app, { orderId: order.id, method: 'alipay_jsapi', status: 'paid', amount: 100, paidAt: '2025-11-01T00:00:00.000Z' })
    const newPayment = await insertPayment(app, { orderId: order.id, method: 'alipay_qr', status: 'paid', amount: 100, paidAt: '2026-11-30T00:00:00.000Z' })
    await app.db.updateTable('payments').set({ buyer_id: '2088000000000301', buyer_open_id: 'open-id-302' }).execute()
    for (const paymentId of [oldPayment, newPayment]) {
      await appendPaymentEvent(app.db, paymentId, 'notify', 'paid', { tradeNo: 'T1', buyerId: '2088000000000301', amount: 100 })
    }

    expect(await eraseExpiredDinerData(app.db, 365, now)).toEqual({ diners: 2, payments: 1 })

    for (const id of [stale.id, staleByOpenId.id]) {
      expect(await dinerRow(app, id)).toMatchObject({ alipay_user_id: null, alipay_open_id: null, id_hash: null })
    }
    expect(await dinerRow(app, recent.id)).toMatchObject({ alipay_user_id: '2088000000000303', id_hash: expect.stringMatching(/^[0-9a-f]{64}$/) })
    expect((await app.db.selectFrom('orders').select('diner_id').where('id', '=', order.id).executeTakeFirstOrThrow()).diner_id).toBe(stale.id)
    const buyers = await app.db.selectFrom('payments').select(['id', 'buyer_id', 'buyer_open_id']).orderBy('created_at').execute()
    expect(buyers).toEqual([
      { id: oldPayment, buyer_id: null, buyer_open_id: null },
      { id: newPayment, buyer_id: '2088000000000301', buyer_open_id: 'open-id-302' },
    ])
    const events = await app.db.selectFrom('payment_events').select(['payment_id', 'detail']).where('kind', '=', 'paid').execute()
    expect(Object.fromEntries(events.map(event => [event.payment_id, JSON.parse(event.detail)]))).toEqual({
      [oldPayment]: { tradeNo: 'T1', buyerId: null, amount: 100 },
      [newPayment]: { tradeNo: 'T1', buyerId: '2088000000000301', amount: 100 },
    })
    // Nothing left to erase: a second pass changes nothing.
    expect(await eraseExpiredDinerData(app.db, 365, now)).toEqual({ diners: 0, payments: 0 })
    // The same person coming back is a new diner, hashed as before.
    const back = await findOrCreateDiner(app.db, { userId: '2088000000000301' }, now)
    expect(back.id).not.toBe(stale.id)
    expect((await dinerRow(app, back.id)).id_hash).toBe(dinerIdHash((await dinerHashSalt(app.db)), '2088000000000301'))
  })

  it('runs when the server starts, with the configured number of days', async () => {
    const dataDir = tempDataDir()
    const first = await buildTestApp({ DATA_DIR: dataDir, DEMO_SEED: 'false' })
    const old = await findOrCreateDiner(first.db, { userId: '2088000000000401' }, Date.now() - 31 * DAY_MS)
    const fresh = await findOrCreateDiner(first.db, { userId: '2088000000000402' }, Date.now() - 29 * DAY_MS)
    await first.close()

    const second = await buildTestApp({ DATA_DIR: dataDir, DEMO_SEED: 'false', DINER_DATA_DAYS: '30' })
    expect((await dinerRow(second, old.id)).alipay_user_id).toBeNull()
    expect((await dinerRow(second, fresh.id)).alipay_user_id).toBe('2088000000000402')
  })

  it('runs again on its timer, and stops with the app', async () => {
    const app = await buildEmptyApp()
    const logged: string[] = []
    const log = { info: (_: unknown, message: string) => { logged.push(message) }, error: () => {} } as never
    let now = Date.now()
    const retention = new DinerRetention({ db: app.db, days: 10, log, now: () => now, intervalMs: 20 })
    await retention.start()
    const diner = await findOrCreateDiner(app.db, { userId: '2088000000000501' }, now)
    now += 11 * DAY_MS
    await until(async () => (await dinerRow(app, diner.id)).alipay_user_id === null, 5000, 'the timer\'s pass')
    expect(logged).toContain('diner data past DINER_DATA_DAYS erased')

    const passes = vi.spyOn(retention, 'pass')
    await until(async () => passes.mock.calls.length >= 2, 5000, 'two more passes')
    await retention.stop()
    const afterStop = passes.mock.calls.length
    // Longer than several intervals, measured by passes of a second timer rather than a fixed sleep.
    const witness = new DinerRetention({ db: app.db, days: 10, log, now: () => now, intervalMs: 20 })
    const witnessPasses = vi.spyOn(witness, 'pass')
    await witness.start()
    await until(async () => witnessPasses.mock.calls.length >= 5, 5000, 'the witness\'s passes')
    await witness.stop()
    expect(passes.mock.calls.length).toBe(afterStop)

    // The app's own runner stops when the app closes.
    const stop = vi.spyOn(app.dinerRetention, 'stop')
    await app.close()
    expect(stop).toHaveBeenCalledOnce()
  })
})
