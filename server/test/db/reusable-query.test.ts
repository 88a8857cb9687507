import SQLite from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import { describe, expect, it } from 'vitest'
import type { Db } from '../../src/db/database.js'
import { reusableQuery } from '../../src/db/reusable-query.js'
import { StatementCache } from '../../src/db/statement-cache.js'

function memory (): Db {
  const sqlite = new SQLite(':memory:')
  sqlite.exec('create table settings (key text primary key, value text not null)')
  return new Kysely({ dialect: new SqliteDialect({ database: new StatementCache(sqlite) }) }) as unknown as Db
}

describe('reusableQuery', () => {
  it('builds once per shape and runs each call with its own values, constants kept', async () => {
    const db = memory()
    let builds = 0
    const insert = reusableQuery((db, rows: Array<{ key: string, value: string }>) => { builds++; return db.insertInto('settings').values(rows) })
    const byKeys = reusableQuery((db, keys: string[]) => {
      builds++
      return db.selectFrom('settings').select('value').where('key', 'in', keys).where('value', '!=', 'hidden').orderBy('key')
    })
    await insert(db, [{ key: 'a', value: '1' }])
    await insert(db, [{ key: 'b', value: '2' }])
    await insert(db, [{ key: 'c', value: '3' }, { key: 'd', value: 'hidden' }])
    expect(builds).toBe(2)
    expect((await byKeys(db, ['a', 'b', 'd'])).rows).toEqual([{ value: '1' }, { value: '2' }])
    expect((await byKeys(db, ['c', 'a', 'zz'])).rows).toEqual([{ value: '1' }, { value: '3' }])
    expect((await byKeys(db, ['b'])).rows).toEqual([{ value: '2' }])
    expect(builds).toBe(4)
  })

  it('runs inside a transaction on its connection, and rolls back with it', async () => {
    const db = memory()
    const insert = reusableQuery((db, row: { key: string, value: string }) => db.insertInto('settings').values(row))
    await expect(db.transaction().execute(async trx => {
      await insert(trx, { key: 'a', value: '1' })
      throw new Error('stop')
    })).rejects.toThrow('stop')
    await db.transaction().execute(async trx => { await insert(trx, { key: 'b', value: '2' }) })
    expect(await db.selectFrom('settings').select('key').execute()).toEqual([{ key: 'b' }])
  })

  it('treats a left-out (undefined) value as another shape, and null as a value', async () => {
    interface Notes { notes: { id: number, body: string | null } }
    const sqlite = new SQLite(':memory:')
    sqlite.exec('create table notes (id integer primary key, body text default \'none\')')
    const notes = new Kysely<Notes>({ dialect: new SqliteDialect({ database: new StatementCache(sqlite) }) })
    const db = notes as unknown as Db
    const insert = reusableQuery((db, row: { id: number, body?: string | null }) => (db as unknown as Kysely<Notes>).insertInto('notes').values(row))
    await insert(db, { id: 1, body: undefined })
    await insert(db, { id: 2, body: null })
    await insert(db, { id: 3, body: 'x' })
    expect(await notes.selectFrom('notes').selectAll().orderBy('id').execute()).toEqual([{ id: 1, body: 'none' }, { id: 2, body: null }, { id: 3, body: 'x' }])
  })

  it('refuses a builder that bakes a value into the SQL instead of passing it', async () => {
    const db = memory()
    const baked = reusableQuery((db, key: string) => db.selectFrom('settings').selectAll().where('key', '=', key.slice(1)))
    await expect(baked(db, 'ab')).rejects.toThrow(/did not become parameters/)
  })
})
