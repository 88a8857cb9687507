// Migration 009 on a database from before it: existing diners get the salted hash (under a salt made once
// and kept in `settings`) and a last-seen time, so reports count them and DINER_DATA_DAYS applies to them.
import { describe, expect, it } from 'vitest'
import { migrate } from '../../src/db/database.js'
import { databaseAt, freshDatabase } from '../db/database-at.js'
import { DINER_HASH_SALT_KEY, dinerIdHash } from '../../src/diners/diner-hash.js'
import { dinerHashSalt, findOrCreateDiner } from '../../src/repositories/diners.js'
import { DEFAULT_STORE_ID, forStore } from '../../src/db/store-scope.js'

describe('migration 009 (business days, diner hashes)', () => {
  it('hashes existing diners with a new salt and dates their last visit by their latest order', async () => {
    const { db, sqlite } = await databaseAt('008-reports')
    sqlite.prepare(`insert into tables (id, label, code, seats, sort, created_at) values ('tbl_1', 'T1', 'code1', 4, 0, '2026-01-01T00:00:00.000Z')`).run()
    sqlite.prepare(`insert into diners (id, alipay_user_id, alipay_open_id, created_at) values
      ('din_user', '2088000000000001', null, '2026-01-01T10:00:00.000Z'),
      ('din_open', null, 'open-id-1', '2026-01-02T10:00:00.000Z')`).run()
    sqlite.prepare(`insert into orders (id, number, client_order_id, request_hash, device_id, table_id, status, subtotal, total, currency, created_at, updated_at, diner_id)
      values ('ord_1', 1, 'c1', 'h1', null, 'tbl_1', 'paid', 100, 100, 'CNY', '2026-01-05T12:00:00.000Z', '2026-01-05T12:00:00.000Z', 'din_user')`).run()

    await migrate(db)

    const salt = sqlite.prepare('select value from settings where key = ?').pluck().get(DINER_HASH_SALT_KEY) as string
    expect(salt).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(sqlite.prepare('select id, id_hash, last_seen_at from diners order by id').all()).toEqual([
      { id: 'din_open', id_hash: dinerIdHash(salt, 'open-id-1'), last_seen_at: '2026-01-02T10:00:00.000Z' },
      { id: 'din_user', id_hash: dinerIdHash(salt, '2088000000000001'), last_seen_at: '2026-01-05T12:00:00.000Z' },
    ])
    // Sign-in after the migration uses the same salt: the same person keeps the same hash.
    // Through the default store's handle, as the server reaches them (a setting's key is unique per store).
    expect(await dinerHashSalt(forStore(db, DEFAULT_STORE_ID))).toBe(salt)
    await findOrCreateDiner(forStore(db, DEFAULT_STORE_ID), { userId: '2088000000000001' })
    expect(sqlite.prepare(`select id_hash from diners where id = 'din_user'`).pluck().get()).toBe(dinerIdHash(salt, '2088000000000001'))
    expect(sqlite.pragma('foreign_key_check')).toEqual([])
  })

  it('creates the close tables: one row per closed day, a log that accepts only close and reopen', async () => {
    const database = freshDatabase()
    await migrate(database.db)
    const { sqlite } = database
    sqlite.prepare(`insert into staff (id, name, role, pin_hash, created_at) values ('stf_1', 'Mei', 'manager', 'x', '2026-01-01T00:00:00.000Z')`).run()
    const close = sqlite.prepare(`insert into business_days (date, figures, closed_at, closed_by) values ('2026-01-01', '{}', '2026-01-01T15:00:00.000Z', 'stf_1')`)
    close.run()
    expect(() => close.run()).toThrow(/UNIQUE|PRIMARY KEY/)
    expect(() => sqlite.prepare(`insert into business_days (date, figures, closed_at, closed_by) values ('2026-01-02', '{}', 'x', 'stf_missing')`).run()).toThrow(/FOREIGN KEY/)
    expect(() => sqlite.prepare(`insert into business_day_log (date, action, staff_id, at) values ('2026-01-01', 'delete', 'stf_1', 'x')`).run()).toThrow(/CHECK constraint/)
    sqlite.prepare(`insert into business_day_log (date, action, staff_id, at, reason) values ('2026-01-01', 'reopen', 'stf_1', 'x', 'late refund')`).run()
    // A fresh database gets its salt from the migration too.
    expect(sqlite.prepare('select count(*) from settings where key = ?').pluck().get(DINER_HASH_SALT_KEY)).toBe(1)
  })
})
