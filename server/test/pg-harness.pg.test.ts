// The server-pg harness (helper.ts, pg-app-database.ts): each test's app gets a database in the template's state,
// even when it is a copy an earlier test wrote to; an app restarted on the same DATA_DIR finds its data again.
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { DINER_HASH_SALT_KEY } from '../src/diners/diner-hash.js'
import { buildTestApp, tempDataDir } from './helper.js'

const at = '2026-01-01T12:00:00.000Z'

describe('PostgreSQL test apps', () => {
  let firstUrl = ''
  let salt = ''

  it('run on PostgreSQL, migrated', async () => {
    const app = await buildTestApp({ DEMO_SEED: 'false' })
    expect(app.database.kind).toBe('postgres')
    firstUrl = app.config.databaseUrl!
    salt = (await app.db.selectFrom('settings').select('value').where('key', '=', DINER_HASH_SALT_KEY).executeTakeFirstOrThrow()).value
    await app.db.insertInto('tables').values({ id: 'tbl_left_behind', label: 'Left', code: 'left', seats: 2, sort: 0, created_at: at, removed_at: null, label_zh: null }).execute()
    await sql`insert into business_day_log (store_id, date, action, staff_id, at) select 'default', '2026-01-01', 'close', id, ${at} from staff where store_id = 'default' limit 1`.execute(app.db)
  })

  it('start from the template again on a reused copy: no rows of the test before, sequences rewound', async () => {
    const app = await buildTestApp({ DEMO_SEED: 'false' })
    // The copy the first test used, handed on (the point of the pool); then it must have been reset.
    expect(app.config.databaseUrl).toBe(firstUrl)
    expect(await app.db.selectFrom('tables').select('id').where('id', '=', 'tbl_left_behind').execute()).toEqual([])
    // What the migrations wrote is back, with a diner-hash salt of its own (each copy is a restaurant of its own).
    const newSalt = (await app.db.selectFrom('settings').select('value').where('key', '=', DINER_HASH_SALT_KEY).executeTakeFirstOrThrow()).value
    expect(newSalt).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(newSalt).not.toBe(salt)
    await sql`insert into business_day_log (store_id, date, action, staff_id, at) select 'default', '2026-01-02', 'close', id, ${at} from staff where store_id = 'default' limit 1`.execute(app.db)
    const { rows } = await sql<{ id: number }>`select id from business_day_log`.execute(app.db)
    expect(rows).toEqual([{ id: 1 }])
  })

  it('give a restart on the same DATA_DIR the same database', async () => {
    const dataDir = tempDataDir()
    const before = await buildTestApp({ DATA_DIR: dataDir, DEMO_SEED: 'false' })
    await before.db.insertInto('tables').values({ id: 'tbl_kept', label: 'Kept', code: 'kept', seats: 2, sort: 0, created_at: at, removed_at: null, label_zh: null }).execute()
    await before.close()
    const after = await buildTestApp({ DATA_DIR: dataDir, DEMO_SEED: 'false' })
    expect(after.config.databaseUrl).toBe(before.config.databaseUrl)
    expect(await after.db.selectFrom('tables').select('id').where('id', '=', 'tbl_kept').execute()).toEqual([{ id: 'tbl_kept' }])
  })
})
