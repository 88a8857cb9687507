// SQL that only one of SQLite and PostgreSQL understands is written in server/src/db/dialect.ts (named helpers that
// branch on databaseKind), so a repository query runs on both. The database's own setup (database.ts, migrations)
// is dialect-aware by construction and not checked here, nor is a file that says on its first line that it runs on
// one database only ("PostgreSQL only", as the shared event log does).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { sourceFiles } from './import-graph.js'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const DIALECT_AWARE = ['server/src/db/dialect.ts', 'server/src/db/database.ts', 'server/src/db/postgres.ts', 'server/src/db/migrations/']

/** Functions and forms of one dialect only, as they appear in raw SQL. */
const ONE_DIALECT = /\b(?:instr|strpos|json_extract|json_set|json_patch|jsonb_\w+|ifnull|group_concat|string_agg|strftime|datetime|julianday|unixepoch|to_char)\(|\binsert or (?:ignore|replace)\b|\browid\b|::\w+/i

const ONE_DATABASE_ONLY = /\b(?:PostgreSQL|SQLite) only\b/

function filesWithDialectSql (files: readonly string[], read: (file: string) => string): string[] {
  return files.filter(file => {
    if (DIALECT_AWARE.some(home => file.startsWith(home))) return false
    const text = read(file)
    return !ONE_DATABASE_ONLY.test(text.split('\n', 1)[0]!) && ONE_DIALECT.test(text)
  })
}

describe('dialect-specific SQL', () => {
  it('is written only in db/dialect.ts', () => {
    const files = sourceFiles(ROOT, ['server/src'])
    expect(files).toContain('server/src/repositories/order-search.ts')
    expect(filesWithDialectSql(files, file => readFileSync(join(ROOT, file), 'utf8'))).toEqual([])
  })

  it('is found in a repository', () => {
    const found = filesWithDialectSql(
      ['server/src/repositories/a.ts', 'server/src/repositories/b.ts', 'server/src/repositories/c.ts', 'server/src/db/dialect.ts', 'server/src/repositories/d.ts', 'server/src/repositories/e.ts'],
      file => ({
        'server/src/repositories/a.ts': "sql`instr(lower(label), ${needle}) > 0`",
        'server/src/repositories/b.ts': "sql`insert or ignore into settings values (1)`",
        'server/src/repositories/c.ts': 'sql`${id}::text`',
        'server/src/db/dialect.ts': "sql`json_extract(${json}, '$.a')`",
        'server/src/repositories/d.ts': "db.selectFrom('orders').where(containsText(kind, sql`lower(label)`, needle))",
        'server/src/repositories/e.ts': '// The event log: PostgreSQL only.\nsql`select pg_notify(${channel}, max(id)::text)`',
      })[file]!,
    )
    expect(found).toEqual(['server/src/repositories/a.ts', 'server/src/repositories/b.ts', 'server/src/repositories/c.ts'])
  })
})
