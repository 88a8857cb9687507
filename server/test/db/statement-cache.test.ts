import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import { Kysely, SqliteDialect, sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { migrate, openDatabase } from '../../src/db/database.js'
import { StatementCache } from '../../src/db/statement-cache.js'

interface Db { notes: { id: number, body: string } }

function memory (limit?: number) {
  const sqlite = new SQLite(':memory:')
  sqlite.exec('create table notes (id integer primary key, body text not null)')
  const statements = new StatementCache(sqlite, limit)
  return { sqlite, statements, db: new Kysely<Db>({ dialect: new SqliteDialect({ database: statements }) }) }
}

describe('StatementCache', () => {
  it('hands back the same prepared statement for the same SQL, and results stay right', async () => {
    const { statements, db } = memory()
    expect(statements.prepare('select 1')).toBe(statements.prepare('select 1'))
    for (let id = 1; id <= 3; id++) await db.insertInto('notes').values({ id, body: `note ${id}` }).execute()
    const first = await db.selectFrom('notes').selectAll().where('id', '=', 2).executeTakeFirst()
    const second = await db.selectFrom('notes').selectAll().where('id', '=', 3).executeTakeFirst()
    expect([first, second]).toEqual([{ id: 2, body: 'note 2' }, { id: 3, body: 'note 3' }])
    const deleted = await db.deleteFrom('notes').where('id', '=', 1).executeTakeFirst()
    expect(deleted.numDeletedRows).toBe(1n)
  })

  it('keeps at most its limit, dropping the least recently used', () => {
    const { statements } = memory(2)
    const one = statements.prepare('select 1')
    statements.prepare('select 2')
    statements.prepare('select 1')
    statements.prepare('select 3')
    expect(statements.size).toBe(2)
    expect(statements.prepare('select 1')).toBe(one)
    const two = statements.prepare('select 2')
    expect(statements.prepare('select 2')).toBe(two)
  })

  it('does not keep schema changes and forgets what it kept when one runs', async () => {
    const { statements, db } = memory()
    const before = statements.prepare('select * from notes')
    await sql`alter table notes add column tag text`.execute(db)
    expect(statements.size).toBe(0)
    expect(statements.prepare('select * from notes')).not.toBe(before)
    await db.insertInto('notes').values({ id: 1, body: 'a' }).execute()
    expect(await sql`select * from notes`.execute(db)).toMatchObject({ rows: [{ id: 1, body: 'a', tag: null }] })
  })

  it('gives a statement of its own to a query whose cached statement is still iterating', () => {
    const { sqlite, statements } = memory()
    sqlite.exec("insert into notes values (1, 'a'), (2, 'b')")
    const outer = statements.prepare('select id from notes order by id') as SQLite.Statement
    const seen: unknown[] = []
    for (const row of outer.iterate()) {
      seen.push(row, statements.prepare('select id from notes order by id').all([]))
    }
    expect(seen).toHaveLength(4)
    expect(outer.busy).toBe(false)
  })

  it('rolls back cleanly and reuses the transaction statements', async () => {
    const { db } = memory()
    await expect(db.transaction().execute(async trx => {
      await trx.insertInto('notes').values({ id: 1, body: 'a' }).execute()
      throw new Error('stop')
    })).rejects.toThrow('stop')
    await db.transaction().execute(async trx => { await trx.insertInto('notes').values({ id: 2, body: 'b' }).execute() })
    expect(await db.selectFrom('notes').select('id').execute()).toEqual([{ id: 2 }])
  })
})

describe('openDatabase', () => {
  let dataDir = ''
  afterEach(() => { if (dataDir) rmSync(dataDir, { recursive: true, force: true }) })

  it('migrates behind the cache and then reuses statements', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'tablepad-cache-'))
    const { db, statements } = openDatabase(dataDir)
    await migrate(db)
    await db.selectFrom('settings').selectAll().execute()
    const kept = statements.size
    await db.selectFrom('settings').selectAll().execute()
    expect(statements.size).toBe(kept)
    await db.destroy()
  })
})
