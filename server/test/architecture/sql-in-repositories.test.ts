// Every query lives in server/src/repositories/ (the schema and its migrations in server/src/db/): a reader looking
// for what touches a table finds it in one folder, and routes, services and plugins stay free of SQL.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { sourceFiles } from './import-graph.js'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const SQL_HOMES = ['server/src/repositories/', 'server/src/db/']

/** Kysely's query starters, its raw `sql` template, and better-sqlite3's own statements. */
const QUERY = /\.(?:selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto)\(|\bsql`|\bsql\.raw\(|\.prepare\(/

function filesWithSql (files: readonly string[], read: (file: string) => string): string[] {
  return files.filter(file => !SQL_HOMES.some(home => file.startsWith(home)) && QUERY.test(read(file)))
}

describe('SQL', () => {
  it('is written only in the repositories (and the schema)', () => {
    const files = sourceFiles(ROOT, ['server/src'])
    expect(files).toContain('server/src/repositories/orders.ts')
    expect(filesWithSql(files, file => readFileSync(join(ROOT, file), 'utf8'))).toEqual([])
  })

  it('is found wherever a query is started', () => {
    const found = filesWithSql(
      ['server/src/services/a.ts', 'server/src/routes/b.ts', 'server/src/plugins/c.ts', 'server/src/repositories/d.ts', 'server/src/lib/e.ts'],
      file => ({
        'server/src/services/a.ts': "await db.selectFrom('orders').selectAll().execute()",
        'server/src/routes/b.ts': 'await sql`select 1`.execute(db)',
        'server/src/plugins/c.ts': "raw.prepare('select 1').get()",
        'server/src/repositories/d.ts': "await db.deleteFrom('orders').execute()",
        'server/src/lib/e.ts': 'const words = "select from orders"',
      })[file]!,
    )
    expect(found).toEqual(['server/src/services/a.ts', 'server/src/routes/b.ts', 'server/src/plugins/c.ts'])
  })
})
