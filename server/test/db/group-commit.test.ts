import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import type { Db } from '../../src/db/database.js'
import { StatementCache } from '../../src/db/statement-cache.js'
import { CommitGroup } from '../../src/db/group-commit.js'

interface NotesDb { notes: { id: number, body: string } }

const dirs: string[] = []
afterEach(() => { for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true }) })

/** A file database (so a second connection can look), counting the commits it runs. */
function notesDb () {
  const dir = mkdtempSync(join(tmpdir(), 'tablepad-group-commit-'))
  dirs.push(dir)
  const file = join(dir, 'notes.sqlite')
  const sqlite = new SQLite(file)
  sqlite.pragma('journal_mode = WAL')
  sqlite.exec('create table notes (id integer primary key, body text not null)')
  const statements = new StatementCache(sqlite)
  const counted = { commits: 0 }
  const database = {
    close: () => statements.close(),
    prepare: (text: string) => {
      if (/^\s*commit\b/i.test(text)) counted.commits++
      return statements.prepare(text)
    },
  }
  const notes = new Kysely<NotesDb>({ dialect: new SqliteDialect({ database }) })
  const outside = new SQLite(file, { readonly: true })
  const committed = (): number[] => (outside.prepare('select id from notes order by id').all() as Array<{ id: number }>).map(row => row.id)
  return { db: notes as unknown as Db, notes, counted, committed, close: async () => { outside.close(); await notes.destroy() } }
}

const insert = (id: number) => async (trx: Db) => {
  await (trx as unknown as Kysely<NotesDb>).insertInto('notes').values({ id, body: `note ${id}` }).execute()
  return id
}

describe('CommitGroup', () => {
  it('commits the writes queued together once, and each caller resumes with its write committed', async () => {
    const { db, counted, committed, close } = notesDb()
    const group = new CommitGroup(db)
    const seen: number[][] = []
    const results = await Promise.all([1, 2, 3].map(id => group.run(insert(id)).then((value) => {
      seen.push(committed())
      return value
    })))
    expect(results).toEqual([1, 2, 3])
    expect(counted.commits).toBe(1)
    for (const view of seen) expect(view).toEqual([1, 2, 3])
    await close()
  })

  it('undoes and rejects only the write that fails', async () => {
    const { db, notes, committed, close } = notesDb()
    await notes.insertInto('notes').values({ id: 2, body: 'taken' }).execute()
    const group = new CommitGroup(db)
    const outcomes = await Promise.allSettled([
      group.run(insert(1)),
      group.run(async (trx) => {
        await insert(4)(trx)
        // A duplicate key after a write of its own: the whole write is undone, not just the failing statement.
        return insert(2)(trx)
      }),
      group.run(insert(3)),
    ])
    expect(outcomes.map(outcome => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect(committed()).toEqual([1, 2, 3])
    await close()
  })

  it('runs a lone write in a transaction of its own', async () => {
    const { db, counted, committed, close } = notesDb()
    const group = new CommitGroup(db)
    await expect(group.run(insert(7))).resolves.toBe(7)
    await expect(group.run(insert(8))).resolves.toBe(8)
    expect(counted.commits).toBe(2)
    expect(committed()).toEqual([7, 8])
    await close()
  })
})
