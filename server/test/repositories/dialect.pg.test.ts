// The SQL that differs between SQLite and PostgreSQL (db/dialect.ts), inTransaction's retry of a transaction
// that lost a race, and unique violations as PostgreSQL reports them: each checked on both databases.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql, type Kysely } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase, openPostgres, type OpenedDatabase } from '../../src/db/database.js'
import { containsText, databaseKind, jsonTextField } from '../../src/db/dialect.js'
import { pollUntil } from '../poll.js'
import { inTransaction, isRetryableTransactionFailure, MAX_TRANSACTION_ATTEMPTS } from '../../src/db/transaction.js'
import { isUniqueViolation } from '../../src/db/unique-violation.js'
import { freshPgDatabase } from '../pg.js'

// Scratch tables outside the app's schema.
interface Scratch {
  notes: { id: number, body: string, detail: string }
  ledger: { id: number, n: number }
  places: { label: string, code: string, diner: string | null, client: string | null }
}

const opened: OpenedDatabase[] = []
afterEach(async () => {
  for (const database of opened.splice(0)) await database.close()
})

async function open (kind: 'sqlite' | 'postgres'): Promise<Kysely<Scratch>> {
  const database = kind === 'postgres'
    ? await openPostgres((await freshPgDatabase()).url, 4)
    : openDatabase(mkdtempSync(join(tmpdir(), 'tablepad-dialect-')))
  opened.push(database)
  const db = database.db as unknown as Kysely<Scratch>
  await sql`create table notes (id integer primary key, body text not null, detail text not null)`.execute(db)
  await sql`create table ledger (id integer primary key, n integer not null unique)`.execute(db)
  await sql`create table places (label text not null unique, code text not null unique, diner text, client text)`.execute(db)
  await sql`create unique index places_diner_client on places (diner, client)`.execute(db)
  return db
}

describe.each(['sqlite', 'postgres'] as const)('dialect helpers on %s', (kind) => {
  it('tells the database kind, from a transaction too', async () => {
    const db = await open(kind)
    expect(databaseKind(db)).toBe(kind)
    expect(await inTransaction(db, async trx => databaseKind<Scratch>(trx))).toBe(kind)
  })

  it('finds text as typed: % and _ are plain characters', async () => {
    const db = await open(kind)
    await db.insertInto('notes').values([
      { id: 1, body: 'Tea 50% off', detail: '{}' },
      { id: 2, body: 'Tea 50 off', detail: '{}' },
      { id: 3, body: 'snake_case', detail: '{}' },
      { id: 4, body: 'snakeXcase', detail: '{}' },
    ]).execute()
    const found = async (needle: string): Promise<number[]> => (await db.selectFrom('notes').select('id')
      .where(containsText(kind, sql<string>`lower(body)`, needle)).orderBy('id').execute()).map(row => row.id)
    expect(await found('50%')).toEqual([1])
    expect(await found('e_c')).toEqual([3])
    expect(await found('tea')).toEqual([1, 2])
    expect(await found('coffee')).toEqual([])
  })

  it('reads a top-level text field of JSON kept as text, keys with a hyphen included', async () => {
    const db = await open(kind)
    await db.insertInto('notes').values([
      { id: 1, body: '', detail: JSON.stringify({ source: '10.0.0.1', count: 2 }) },
      { id: 2, body: '', detail: JSON.stringify({ en: 'Dumplings', 'zh-CN': '饺子' }) },
    ]).execute()
    const rows = await db.selectFrom('notes')
      .select([
        jsonTextField(kind, sql.ref('detail'), 'source').as('source'),
        jsonTextField(kind, sql.ref('detail'), 'zh-CN').as('zh'),
      ])
      .orderBy('id').execute()
    expect(rows).toEqual([{ source: '10.0.0.1', zh: null }, { source: null, zh: '饺子' }])
    const bySource = await db.selectFrom('notes').select('id')
      .where(jsonTextField(kind, sql.ref('detail'), 'source'), '=', '10.0.0.1').execute()
    expect(bySource).toEqual([{ id: 1 }])
  })

  it('compares row values with parameters, as the export pages do', async () => {
    const db = await open(kind)
    await db.insertInto('notes').values([1, 2, 3, 4].map(id => ({ id, body: id < 3 ? 'a' : 'b', detail: '{}' }))).execute()
    const after = await db.selectFrom('notes').select('id')
      .where(sql<boolean>`(body, id) > (${'a'}, ${1})`).orderBy('id').execute()
    expect(after.map(row => row.id)).toEqual([2, 3, 4])
  })

  it('names the column of a unique violation, and only that one', async () => {
    const db = await open(kind)
    await db.insertInto('places').values({ label: 'T1', code: 'c1', diner: 'd', client: 'x' }).execute()
    const violation = async (values: Scratch['places']): Promise<unknown> =>
      db.insertInto('places').values(values).execute().then(() => null, (error: unknown) => error)
    const label = await violation({ label: 'T1', code: 'c2', diner: null, client: null })
    expect(isUniqueViolation(label)).toBe(true)
    expect(isUniqueViolation(label, 'places.label')).toBe(true)
    expect(isUniqueViolation(label, 'places.code')).toBe(false)
    const code = await violation({ label: 'T2', code: 'c1', diner: null, client: null })
    expect(isUniqueViolation(code, 'places.code')).toBe(true)
    expect(isUniqueViolation(code, 'places.label')).toBe(false)
    const client = await violation({ label: 'T3', code: 'c3', diner: 'd', client: 'x' })
    expect(isUniqueViolation(client, 'client')).toBe(true)
    expect(isUniqueViolation(client, 'places.code')).toBe(false)
    expect(isUniqueViolation(new Error('UNIQUE constraint failed: places.label'))).toBe(false)
  })
})

describe.each(['sqlite', 'postgres'] as const)('inTransaction on %s', (kind) => {
  it('commits the work and answers its result; a failure undoes it', async () => {
    const db = await open(kind)
    expect(await inTransaction(db, async trx => {
      await trx.insertInto('ledger').values({ id: 1, n: 1 }).execute()
      return 'done'
    })).toBe('done')
    await expect(inTransaction(db, async trx => {
      await trx.insertInto('ledger').values({ id: 2, n: 2 }).execute()
      throw new Error('refused')
    })).rejects.toThrow('refused')
    expect(await db.selectFrom('ledger').select('n').execute()).toEqual([{ n: 1 }])
  })

  it('never retries a failure that is not a lost race', async () => {
    const db = await open(kind)
    let runs = 0
    await expect(inTransaction(db, async () => { runs++; throw Object.assign(new Error('no'), { code: '23505' }) })).rejects.toThrow('no')
    expect(runs).toBe(1)
  })
})

describe('inTransaction on PostgreSQL', () => {
  it('runs writers one at a time: a read-then-write transaction waits for the one before it to commit', async () => {
    const db = await open('postgres')
    let firstRead: () => void = () => {}
    const readByFirst = new Promise<void>(resolve => { firstRead = resolve })
    // Each reads the highest n and writes the next. The first holds its transaction open until the second
    // is seen waiting for the writer lock; without the lock both would read 0 and both write 1.
    const next = (id: number, beforeWrite: () => Promise<void>): Promise<number> => inTransaction(db, async trx => {
      const { top } = await trx.selectFrom('ledger').select(eb => eb.fn.coalesce(eb.fn.max('n'), sql<number>`0`).as('top')).executeTakeFirstOrThrow()
      await beforeWrite()
      await trx.insertInto('ledger').values({ id, n: Number(top) + 1 }).execute()
      return Number(top) + 1
    })
    const waitingForLock = async () => {
      firstRead()
      await pollUntil(async () => {
        const { rows } = await sql<{ waiting: number }>`select count(*)::int as waiting from pg_locks where locktype = 'advisory' and not granted and database = (select oid from pg_database where datname = current_database())`.execute(db)
        return rows[0]!.waiting > 0
      }, { what: 'the second writer waiting for the lock' })
    }
    const first = next(1, waitingForLock)
    await readByFirst
    const second = next(2, async () => {})
    expect(await Promise.all([first, second])).toEqual([1, 2])
    expect((await db.selectFrom('ledger').select('n').orderBy('n').execute()).map(row => row.n)).toEqual([1, 2])
  })

  it('reads a consistent snapshot without the writer lock when asked for reads only', async () => {
    const db = await open('postgres')
    await db.insertInto('ledger').values({ id: 1, n: 1 }).execute()
    const seen = await inTransaction(db, async trx => {
      // A writer holding the lock does not stop a read-only transaction.
      const { rows } = await sql<{ held: number }>`select count(*)::int as held from pg_locks where locktype = 'advisory' and pid = pg_backend_pid()`.execute(trx)
      const { n } = await trx.selectFrom('ledger').select('n').executeTakeFirstOrThrow()
      return { held: rows[0]!.held, n }
    }, { readOnly: true })
    expect(seen).toEqual({ held: 0, n: 1 })
    await expect(inTransaction(db, trx => trx.insertInto('ledger').values({ id: 2, n: 2 }).execute(), { readOnly: true })).rejects.toThrow(/read-only/)
  })

  it('gives up after a bounded number of attempts, with the last failure', async () => {
    const db = await open('postgres')
    let runs = 0
    const lostRace = Object.assign(new Error('could not serialize access'), { code: '40001' })
    await expect(inTransaction(db, async () => { runs++; throw lostRace })).rejects.toBe(lostRace)
    expect(runs).toBe(MAX_TRANSACTION_ATTEMPTS)
  })

  it('recognises serialization failures and deadlocks, also as a cause', () => {
    expect(isRetryableTransactionFailure(Object.assign(new Error('x'), { code: '40001' }))).toBe(true)
    expect(isRetryableTransactionFailure(Object.assign(new Error('x'), { code: '40P01' }))).toBe(true)
    expect(isRetryableTransactionFailure(new Error('wrapped', { cause: Object.assign(new Error('x'), { code: '40001' }) }))).toBe(true)
    expect(isRetryableTransactionFailure(Object.assign(new Error('x'), { code: '23505' }))).toBe(false)
    expect(isRetryableTransactionFailure('40001')).toBe(false)
  })
})
