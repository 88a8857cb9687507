// Queries that run on every order or every bill read must find their rows by index, not by scanning a
// table that grows with every meal the restaurant ever served.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { migrate, openDatabase, type OpenedDatabase } from '../../src/db/database.js'
import { findCurrentCheck, findOpenCheck } from '../../src/repositories/checks.js'

let dir: string
let opened: OpenedDatabase

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tablepad-plans-'))
  opened = openDatabase(dir)
  await migrate(opened.db)
})

afterEach(async () => {
  await opened.db.destroy()
  rmSync(dir, { recursive: true, force: true })
})

/** The SQLite query plan of every statement `run` prepares, one line of details each. */
async function plansOf (run: () => Promise<unknown>): Promise<string[]> {
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

describe('query plans of the hot paths', () => {
  it("finds a table's open check through the partial index of open checks", async () => {
    const plans = await plansOf(() => findOpenCheck(opened.db, 'tbl_x'))
    expect(plans).toEqual([expect.stringContaining('USING INDEX checks_one_open_per_table')])
  })

  it("finds a table's current check (open, else the last closed) without scanning every check", async () => {
    const plans = await plansOf(() => findCurrentCheck(opened.db, 'tbl_x'))
    expect(plans).toHaveLength(2)
    for (const plan of plans) {
      expect(plan).toMatch(/USING (COVERING )?INDEX/)
      expect(plan).not.toMatch(/SCAN checks/)
    }
  })
})
