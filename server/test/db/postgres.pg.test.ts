// Opening PostgreSQL: numbers come back as numbers, writes go through the commit group, a wrong URL fails clearly.
import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { openConfiguredDatabase, openPostgres, type OpenedDatabase } from '../../src/db/database.js'
import { freshPgDatabase, pgUrlFor } from '../pg.js'

const opened: OpenedDatabase[] = []
afterEach(async () => {
  for (const database of opened.splice(0)) await database.close()
})

async function fresh (poolMax = 3): Promise<OpenedDatabase> {
  const database = await openPostgres((await freshPgDatabase()).url, poolMax)
  opened.push(database)
  return database
}

describe('openPostgres', () => {
  it('returns int8 and numeric as JS numbers, like SQLite', async () => {
    const { db, kind } = await fresh()
    expect(kind).toBe('postgres')
    const { rows: [row] } = await sql<{ count: unknown, total: unknown, big: unknown, avg: unknown }>`
      select count(*) as count, sum(x) as total, 9007199254740991::int8 as big, avg(x) as avg
      from (values (100), (250)) as v(x)`.execute(db)
    expect(row).toEqual({ count: 2, total: 350, big: Number.MAX_SAFE_INTEGER, avg: 175 })
  })

  it('sizes the pool by DATABASE_POOL_MAX', async () => {
    const database = await fresh(4)
    if (database.kind !== 'postgres') throw new Error('expected PostgreSQL')
    expect(database.pool.options.max).toBe(4)
  })

  it('runs each commit-group write in a transaction of its own: a failing one undoes only itself', async () => {
    const { db, commits } = await fresh()
    await sql`create table notes (id integer primary key, body text not null)`.execute(db)
    const writes = [1, 2, 2, 3].map(id => commits.run(trx => sql`insert into notes values (${id}, 'n')`.execute(trx)))
    const outcomes = await Promise.allSettled(writes)
    // The two writes of id 2 run concurrently on the pool: either may be the one refused.
    const statuses = outcomes.map(outcome => outcome.status)
    expect([statuses[0], statuses[3]]).toEqual(['fulfilled', 'fulfilled'])
    expect([statuses[1], statuses[2]].sort()).toEqual(['fulfilled', 'rejected'])
    const { rows } = await sql<{ id: number }>`select id from notes order by id`.execute(db)
    expect(rows.map(row => row.id)).toEqual([1, 2, 3])
  })

  it('fails at once, naming the server but not the password, when the database cannot be reached', async () => {
    const url = pgUrlFor('tablepad_test_missing_database').replace('//', '//postgres:hunter2@')
    const failure = openPostgres(url, 1)
    await expect(failure).rejects.toThrow(/cannot reach PostgreSQL at .*tablepad_test_missing_database/)
    await expect(failure).rejects.not.toThrow(/hunter2/)
  })
})

describe('openConfiguredDatabase', () => {
  it('opens PostgreSQL when DATABASE_URL is set', async () => {
    const { url } = await freshPgDatabase()
    const database = await openConfiguredDatabase({ dataDir: '/nonexistent', databaseUrl: url, databasePoolMax: 2 })
    opened.push(database)
    expect(database.kind).toBe('postgres')
  })
})
