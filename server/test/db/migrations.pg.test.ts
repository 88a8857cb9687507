// The one set of migrations on PostgreSQL: an empty database migrates to the latest schema, again without effect,
// and ends with the tables and columns SQLite has.
import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { migrate, openDatabase, openPostgres, type Db, type OpenedDatabase } from '../../src/db/database.js'
import { migrations } from '../../src/db/migrations/index.js'
import { tempDataDir } from '../helper.js'
import { freshPgDatabase } from '../pg.js'

const opened: OpenedDatabase[] = []
afterEach(async () => {
  for (const database of opened.splice(0)) await database.close()
})

/** Every table (Kysely's own bookkeeping aside) with its column names, sorted. */
async function shape (db: Db): Promise<Record<string, string[]>> {
  const tables = await db.introspection.getTables()
  const entries = tables.filter(table => !table.name.startsWith('kysely_'))
    .map(table => [table.name, table.columns.map(column => column.name).sort()] as const)
  return Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)))
}

describe('migrations on PostgreSQL', () => {
  it('migrate an empty database to the latest schema, then do nothing', async () => {
    const { url } = await freshPgDatabase()
    const database = await openPostgres(url, 2)
    opened.push(database)
    expect(await migrate(database.db)).toEqual(Object.keys(migrations))
    expect(await migrate(database.db)).toEqual([])
    const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(database.db)
    expect(rows.map(row => row.name)).toEqual(Object.keys(migrations))
  })

  it('run once when several processes start on one database together', async () => {
    const { url } = await freshPgDatabase()
    const starting = await Promise.all([1, 2, 3].map(() => openPostgres(url, 1)))
    opened.push(...starting)
    const ran = await Promise.all(starting.map(database => migrate(database.db)))
    // Kysely's migration lock: the first applies everything, the others find nothing left to do.
    expect(ran.map(names => names.length).sort((a, b) => a - b)).toEqual([0, 0, Object.keys(migrations).length])
  })

  it('make the tables and columns SQLite has', async () => {
    const { url } = await freshPgDatabase()
    const postgres = await openPostgres(url, 2)
    const sqlite = openDatabase(tempDataDir())
    opened.push(postgres, sqlite)
    await migrate(postgres.db)
    await migrate(sqlite.db)
    const expected = await shape(sqlite.db)
    expect(Object.keys(expected).length).toBeGreaterThan(20)
    expect(await shape(postgres.db)).toEqual(expected)
  })

  it('hold SQLite\'s 8-byte integers: no column is a 4-byte integer', async () => {
    const { url } = await freshPgDatabase()
    const database = await openPostgres(url, 2)
    opened.push(database)
    await migrate(database.db)
    const { rows } = await sql<{ column: string }>`select table_name || '.' || column_name as column from information_schema.columns
      where table_schema = 'public' and data_type in ('integer', 'smallint') and table_name not like 'kysely%'`.execute(database.db)
    expect(rows).toEqual([])
    const at = '2026-01-01T12:00:00.000Z'
    await sql`insert into tables (store_id, id, label, code, seats, sort, created_at) values ('default', 'tbl_1', 'T1', 'c1', 4, 0, ${at})`.execute(database.db)
    await sql`insert into orders (store_id, id, number, client_order_id, request_hash, table_id, status, subtotal, total, currency, created_at, updated_at)
      values ('default', 'ord_1', 1, 'c1', 'h', 'tbl_1', 'placed', 10000000001, 10000000001, 'CNY', ${at}, ${at})`.execute(database.db)
    const { rows: [order] } = await sql<{ total: unknown }>`select total from orders`.execute(database.db)
    expect(order).toEqual({ total: 10_000_000_001 })
  })

  it('keep the constraints SQLite enforces (a payment pays something; one open check per table)', async () => {
    const { url } = await freshPgDatabase()
    const database = await openPostgres(url, 2)
    opened.push(database)
    await migrate(database.db)
    const at = '2026-01-01T12:00:00.000Z'
    await sql`insert into tables (store_id, id, label, code, seats, sort, created_at) values ('default', 'tbl_1', 'T1', 'c1', 4, 0, ${at})`.execute(database.db)
    await expect(sql`insert into payments (store_id, id, method, status, amount, currency, created_at, updated_at)
      values ('default', 'pay_1', 'alipay_qr', 'creating', 100, 'CNY', ${at}, ${at})`.execute(database.db)).rejects.toMatchObject({ code: '23514' })
    await sql`insert into checks (store_id, id, table_id, status, payment_mode, opened_at) values ('default', 'chk_1', 'tbl_1', 'open', 'tab', ${at})`.execute(database.db)
    await expect(sql`insert into checks (store_id, id, table_id, status, payment_mode, opened_at) values ('default', 'chk_2', 'tbl_1', 'open', 'tab', ${at})`
      .execute(database.db)).rejects.toMatchObject({ code: '23505' })
    // Serial ids count up from 1, as numbers.
    await sql`insert into staff (store_id, id, name, role, pin_hash, created_at) values ('default', 'stf_1', 'Ann', 'manager', 'h', ${at})`.execute(database.db)
    await sql`insert into business_day_log (store_id, date, action, staff_id, at) values ('default', '2026-01-01', 'close', 'stf_1', ${at}), ('default', '2026-01-01', 'reopen', 'stf_1', ${at})`.execute(database.db)
    const { rows } = await sql<{ id: number }>`select id from business_day_log order by id`.execute(database.db)
    expect(rows).toEqual([{ id: 1 }, { id: 2 }])
  })
})
