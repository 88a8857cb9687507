// A migrated database of its own for each query-plan test, and the plans of the statements a repository call runs.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, vi } from 'vitest'
import { migrate, openDatabase, type Db, type OpenedSqlite } from '../../src/db/database.js'
import { DEFAULT_STORE_ID, forStore } from '../../src/db/store-scope.js'

/**
 * Opens and migrates a fresh database before each test of the calling file (then `seed` runs on it) and removes it
 * after. Read `.opened` inside the tests, and `.db`: the default store's handle, as the app's queries run (every
 * one confined to a store, db/store-scope.ts), so the plans are the ones the app gets.
 */
export function planDatabase (seed: (opened: OpenedSqlite) => void = () => {}): { readonly opened: OpenedSqlite, readonly db: Db } {
  let dir = ''
  const holder = {
    opened: undefined as unknown as OpenedSqlite,
    get db (): Db { return forStore(this.opened.db, DEFAULT_STORE_ID) },
  }
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tablepad-plans-'))
    holder.opened = openDatabase(dir)
    await migrate(holder.opened.db)
    seed(holder.opened)
  })
  afterEach(async () => {
    await holder.opened.db.destroy()
    rmSync(dir, { recursive: true, force: true })
  })
  return holder
}

/** The SQLite query plan of every statement `run` prepares, one line of details each. */
export async function plansOf (opened: OpenedSqlite, run: () => Promise<unknown>): Promise<string[]> {
  const prepared: string[] = []
  const prepare = vi.spyOn(opened.statements, 'prepare').mockImplementation((text: string) => {
    prepared.push(text)
    return opened.sqlite.prepare(text)
  })
  try {
    await run()
  } finally {
    prepare.mockRestore()
  }
  return prepared.map(text => {
    const params = (text.match(/\?/g) ?? []).map(() => 'x')
    const rows = opened.sqlite.prepare(`explain query plan ${text}`).all(...params) as Array<{ detail: string }>
    return rows.map(row => row.detail).join(' | ')
  })
}
