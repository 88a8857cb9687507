// The PostgreSQL test fixture itself: a fresh database is empty, writable and separate from the next one.
import { describe, expect, it } from 'vitest'
import { freshPgDatabase, queryOn as query } from './pg.js'


describe('freshPgDatabase', () => {
  it('gives each caller an empty database of its own', async () => {
    const first = await freshPgDatabase()
    const second = await freshPgDatabase()
    expect(first.name).not.toBe(second.name)
    await query(first.url, 'create table marker (id integer)')
    expect(await query(first.url, "select 1 from information_schema.tables where table_name = 'marker'")).toHaveLength(1)
    expect(await query(second.url, "select 1 from information_schema.tables where table_name = 'marker'")).toHaveLength(0)
  })
})
