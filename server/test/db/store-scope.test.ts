// Stores on SQLite: a scoped handle's queries touch only its store (store-scope-cases.ts), and migration 019 puts
// every row of a database from before it in the default store, with per-store natural keys.
import { describe, expect, it } from 'vitest'
import { migrate } from '../../src/db/database.js'
import { DEFAULT_STORE_ID } from '../../src/db/store-scope.js'
import { databaseAt, freshDatabase } from './database-at.js'
import { storeScopeCases } from './store-scope-cases.js'

storeScopeCases(async () => {
  const { db } = freshDatabase()
  await migrate(db)
  return db
})

describe('migration 019 (stores) on SQLite', () => {
  it('keeps every row, each under the default store, and makes natural keys per store', async () => {
    const { db, sqlite } = await databaseAt('018-media-blobs')
    const at = '2026-01-01T12:00:00.000Z'
    const run = (text: string, ...values: unknown[]): void => { sqlite.prepare(text).run(...values) }
    run(`insert into settings (key, value) values ('order_number', '7')`)
    run(`insert into staff (id, name, role, pin_hash, created_at) values ('stf_1', 'Ann', 'manager', 'h', ?)`, at)
    run(`insert into staff_sessions (token_hash, staff_id, created_at, expires_at) values ('tok', 'stf_1', ?, ?)`, at, at)
    run(`insert into tables (id, label, code, seats, sort, created_at) values ('tbl_1', 'T1', 'code1', 4, 0, ?)`, at)
    run(`insert into devices (id, name, token_hash, table_id, paired_at, created_at) values ('dev_1', 'Tab', 'dt1', 'tbl_1', ?, ?)`, at, at)
    run(`insert into devices (id, name, token_hash, created_at) values ('dev_2', 'New', 'dt2', ?)`, at)
    run(`insert into diners (id, alipay_user_id, created_at) values ('din_1', '2088', ?)`, at)
    run(`insert into orders (id, number, client_order_id, request_hash, device_id, table_id, status, subtotal, total, currency, created_at, updated_at, diner_id)
      values ('ord_1', 1, 'c1', 'h1', 'dev_1', 'tbl_1', 'paid', 100, 100, 'CNY', ?, ?, 'din_1')`, at, at)
    run(`insert into order_lines (order_id, line_no, item_id, names, quantity, unit_price, options, line_total) values ('ord_1', 1, 'i', '{}', 1, 100, '[]', 100)`)
    run(`insert into business_days (date, figures, closed_at, closed_by) values ('2026-01-01', '{}', ?, 'stf_1')`, at)
    run(`insert into alerts (id, kind, severity, created_at) values ('alr_1', 'x', 'warning', ?)`, at)
    run(`insert into bill_reconciliations (date, status, checked_at, counts, mismatches) values ('2026-01-01', 'matched', ?, '{}', '[]')`, at)
    run(`insert into bill_reconciliation_alerts (date, mismatch_key, alert_id, created_at) values ('2026-01-01', 'k', 'alr_1', ?)`, at)
    run(`insert into sales_days (timezone, date, shape, figures, computed_at) values ('Asia/Shanghai', '2026-01-01', 1, '{}', ?)`, at)
    const tables = ['settings', 'staff', 'staff_sessions', 'tables', 'diners', 'orders', 'order_lines', 'business_days', 'alerts', 'bill_reconciliations', 'bill_reconciliation_alerts', 'sales_days']
    const before = Object.fromEntries(tables.map(table => [table, sqlite.prepare(`select * from ${table}`).all()]))

    expect(await migrate(db)).toEqual(['019-stores'])

    for (const table of tables) {
      const rows = sqlite.prepare(`select * from ${table}`).all() as Array<Record<string, unknown>>
      expect(rows.map(({ store_id: _storeId, ...rest }) => rest), table).toEqual(before[table])
      expect(rows.map(row => row.store_id), table).toEqual(rows.map(() => DEFAULT_STORE_ID))
    }
    // A paired tablet is the default store's; one not yet paired has no store.
    expect(sqlite.prepare('select id, store_id from devices order by id').all()).toEqual([{ id: 'dev_1', store_id: DEFAULT_STORE_ID }, { id: 'dev_2', store_id: null }])
    expect(sqlite.prepare('select id, slug, name from stores').all()).toEqual([{ id: DEFAULT_STORE_ID, slug: DEFAULT_STORE_ID, name: '' }])
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(sqlite.pragma('foreign_key_check')).toEqual([])
    // The rebuilt tables kept their indexes, and are still referenced.
    const indexes = sqlite.prepare(`select name from sqlite_master where type = 'index' and tbl_name = 'orders' and sql is not null`).pluck().all()
    expect(indexes).toEqual(expect.arrayContaining(['orders_table_status', 'orders_diner_client_order_id', 'orders_paid_at', 'orders_status_created', 'orders_created_number']))
    expect(() => sqlite.prepare(`insert into order_lines (order_id, line_no, item_id, names, quantity, unit_price, options, line_total) values ('ord_x', 1, 'i', '{}', 1, 1, '[]', 1)`).run()).toThrow(/FOREIGN KEY/)

    // Per store now: another store may reuse the default store's natural keys, the default store may not.
    run(`insert into stores (id, slug, name, created_at) values ('east', 'east', 'East', ?)`, at)
    run(`insert into settings (store_id, key, value) values ('east', 'order_number', '1')`)
    run(`insert into tables (store_id, id, label, code, seats, sort, created_at) values ('east', 'tbl_2', 'T1', 'code2', 4, 0, ?)`, at)
    run(`insert into orders (store_id, id, number, client_order_id, request_hash, table_id, status, subtotal, total, currency, created_at, updated_at)
      values ('east', 'ord_2', 1, 'c2', 'h2', 'tbl_2', 'paid', 100, 100, 'CNY', ?, ?)`, at, at)
    run(`insert into diners (store_id, id, alipay_user_id, created_at) values ('east', 'din_2', '2088', ?)`, at)
    run(`insert into business_days (store_id, date, figures, closed_at, closed_by) values ('east', '2026-01-01', '{}', ?, 'stf_1')`, at)
    expect(() => run(`insert into tables (id, label, code, seats, sort, created_at) values ('tbl_3', 'T1', 'code3', 4, 0, ?)`, at)).toThrow(/UNIQUE/)
    expect(() => run(`insert into settings (key, value) values ('order_number', '1')`)).toThrow(/UNIQUE/)
    // Global secrets stay globally unique.
    expect(() => run(`insert into tables (store_id, id, label, code, seats, sort, created_at) values ('east', 'tbl_4', 'T9', 'code1', 4, 0, ?)`, at)).toThrow(/UNIQUE/)
    // A chain owner has no store; everyone else has one.
    run(`insert into staff (id, name, role, pin_hash, created_at, store_id) values ('stf_o', 'Olga', 'owner', 'h', ?, null)`, at)
    expect(() => run(`insert into staff (id, name, role, pin_hash, created_at, store_id) values ('stf_x', 'X', 'manager', 'h', ?, null)`, at)).toThrow(/CHECK/)
    expect(() => run(`insert into staff (id, name, role, pin_hash, created_at) values ('stf_y', 'Y', 'owner', 'h', ?)`, at)).toThrow(/CHECK/)
  })
})
