// Migration 006 on a database from before it: payments.order_id loses NOT NULL through a table rebuild
// on SQLite, and every order, payment, event and refund written before survives with its links.
import { describe, expect, it } from 'vitest'
import { migrate } from '../../src/db/database.js'
import { migrations } from '../../src/db/migrations/index.js'
import { databaseAt, freshDatabase } from './database-at.js'

describe('migration 006 (checks)', () => {
  it('keeps orders, payments, their events and refunds, and lets a payment have no order', async () => {
    const { db, sqlite } = await databaseAt('005-qr-deadline')
    const at = '2026-01-01T12:00:00.000Z'
    await db.insertInto('tables').values({ id: 'tbl_1', label: 'T1', code: 'code1', seats: 4, sort: 0, created_at: at, removed_at: null }).execute()
    sqlite.prepare(`insert into orders (id, number, client_order_id, request_hash, device_id, table_id, status, subtotal, total, currency, note, cancel_reason, created_at, updated_at)
      values ('ord_1', 1, 'c1', 'h1', null, 'tbl_1', 'paid', 4280, 4280, 'CNY', null, null, ?, ?)`).run(at, at)
    sqlite.prepare(`insert into payments (id, order_id, method, status, amount, refunded_amount, currency, qr_code, trade_no, buyer_id, expires_at, failure_code, paid_at, next_check_at, unknown_since, created_at, updated_at, qr_deadline_at)
      values ('pay_1', 'ord_1', 'alipay_qr', 'partially_refunded', 4280, 1000, 'CNY', 'https://qr', '2026T1', '2088000000000001', ?, null, ?, null, null, ?, ?, ?)`).run(at, at, at, at, at)
    sqlite.prepare(`insert into payment_events (payment_id, at, source, kind, detail) values ('pay_1', ?, 'api', 'created', '{}')`).run(at)
    sqlite.prepare(`insert into refunds (id, payment_id, out_request_no, amount, reason, status, staff_id, failure_code, next_check_at, created_at, updated_at)
      values ('refund_1', 'pay_1', 'refund_1', 1000, 'Cold soup', 'succeeded', null, null, null, ?, ?)`).run(at, at)
    const before = sqlite.prepare('select * from payments').all()

    await migrate(db)

    expect(sqlite.prepare('select * from payments').all()).toEqual([{ ...before[0] as object, check_id: null, scope: null, buyer_open_id: null, lease_owner: null, lease_until: null, store_id: 'default' }])
    expect(sqlite.prepare('select id, check_id, diner_id, status from orders').all()).toEqual([{ id: 'ord_1', check_id: null, diner_id: null, status: 'paid' }])
    expect(sqlite.prepare('select payment_id, kind from payment_events').all()).toEqual([{ payment_id: 'pay_1', kind: 'created' }])
    expect(sqlite.prepare('select id, payment_id, amount from refunds').all()).toEqual([{ id: 'refund_1', payment_id: 'pay_1', amount: 1000 }])
    expect(sqlite.pragma('foreign_key_check')).toEqual([])
    // Enforcement is back on, and the events' and refunds' references follow the rebuilt table.
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(() => sqlite.prepare(`insert into payment_events (payment_id, at, source, kind) values ('pay_missing', ?, 'api', 'x')`).run(at)).toThrow(/FOREIGN KEY/)
    expect(sqlite.prepare(`select sql from sqlite_master where name = 'refunds'`).pluck().get()).toMatch(/references "?payments"?/i)

    // A check's payment: no order, a check.
    sqlite.prepare(`insert into checks (id, table_id, status, payment_mode, opened_at) values ('chk_1', 'tbl_1', 'open', 'tab', ?)`).run(at)
    sqlite.prepare(`insert into payments (id, order_id, check_id, scope, method, status, amount, currency, created_at, updated_at)
      values ('pay_2', null, 'chk_1', 'all', 'alipay_qr', 'creating', 100, 'CNY', ?, ?)`).run(at, at)
    // Neither an order nor a check: refused.
    expect(() => sqlite.prepare(`insert into payments (id, method, status, amount, currency, created_at, updated_at)
      values ('pay_3', 'alipay_qr', 'creating', 100, 'CNY', ?, ?)`).run(at, at)).toThrow(/CHECK constraint/)
    // One open check per table.
    expect(() => sqlite.prepare(`insert into checks (id, table_id, status, payment_mode, opened_at) values ('chk_2', 'tbl_1', 'open', 'tab', ?)`).run(at)).toThrow(/UNIQUE/)
  })

  it('runs on a fresh database and again without effect', async () => {
    const database = freshDatabase()
    await migrate(database.db)
    await migrate(database.db)
    expect(database.sqlite.prepare(`select name from kysely_migration order by name`).pluck().all()).toEqual(Object.keys(migrations))
  })
})
