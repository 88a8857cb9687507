// A store-scoped handle (db/store-scope.ts) confines the queries Kysely builds to one store, but it cannot read raw
// SQL text: a raw `sql` template (or sql.raw) naming a store-scoped table would read or write every store's rows.
// So the code that runs a store's queries names those tables only through the query builder. The shared event log
// (repositories/event-log.ts) is exempt: it runs on the root handle and filters by store itself.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { STORE_SCOPED_TABLES } from '../../src/db/store-scope.js'
import { sourceFiles } from './import-graph.js'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const CHECKED = ['server/src/repositories', 'server/src/services', 'server/src/payments', 'server/src/reports', 'server/src/printing', 'server/src/reconciliation']
const EXEMPT = new Set(['server/src/repositories/event-log.ts'])

const TABLES = [...STORE_SCOPED_TABLES].join('|')
/** A table named where SQL names tables: after FROM, JOIN, INTO, UPDATE, TABLE or USING. */
const NAMES_SCOPED_TABLE = new RegExp(`\\b(?:from|join|into|update|table|using)\\s+"?(${TABLES})"?(?![\\w"])`, 'i')

/** Skips a template literal's `${…}` expression starting after its `${`; returns the index after its `}`. */
function skipExpression (text: string, at: number): number {
  let depth = 1
  for (let i = at; i < text.length; i++) {
    const char = text[i]
    if (char === '`') i = skipTemplate(text, i + 1).end - 1
    else if (char === '{') depth++
    else if (char === '}' && --depth === 0) return i + 1
  }
  return text.length
}

/** The literal text of a template literal starting after its opening backtick, and the index after its closing one. */
function skipTemplate (text: string, at: number): { literal: string, end: number } {
  let literal = ''
  for (let i = at; i < text.length; i++) {
    const char = text[i]
    if (char === '`') return { literal, end: i + 1 }
    if (char === '\\') {
      literal += text.slice(i, i + 2)
      i++
    } else if (char === '$' && text[i + 1] === '{') {
      literal += ' ? '
      i = skipExpression(text, i + 2) - 1
    } else {
      literal += char
    }
  }
  return { literal, end: text.length }
}

/** The SQL text of every raw `sql` template and sql.raw string literal in a source file. */
export function rawSqlTexts (source: string): string[] {
  const texts: string[] = []
  for (const match of source.matchAll(/\bsql(?:<[^`;]*?>)?`/g)) texts.push(skipTemplate(source, match.index + match[0].length).literal)
  for (const match of source.matchAll(/\bsql\.raw\(\s*(['"`])((?:\\.|(?!\1).)*)\1/gs)) texts.push(match[2]!)
  return texts
}

function filesNamingScopedTables (files: readonly string[], read: (file: string) => string): string[] {
  return files.filter(file => !EXEMPT.has(file) && CHECKED.some(folder => file.startsWith(`${folder}/`)) &&
    rawSqlTexts(read(file)).some(text => NAMES_SCOPED_TABLE.test(text)))
}

describe('raw SQL', () => {
  it('never names a store-scoped table where a store\'s queries run', () => {
    const files = sourceFiles(ROOT, ['server/src'])
    expect(files).toContain('server/src/repositories/orders.ts')
    expect(filesNamingScopedTables(files, file => readFileSync(join(ROOT, file), 'utf8'))).toEqual([])
  })

  it('is found naming one, inside an expression too, and not for a column or a global table', () => {
    const found = filesNamingScopedTables(
      ['server/src/repositories/a.ts', 'server/src/services/b.ts', 'server/src/reports/c.ts', 'server/src/repositories/d.ts',
        'server/src/repositories/e.ts', 'server/src/routes/f.ts', 'server/src/repositories/event-log.ts', 'server/src/printing/g.ts'],
      file => ({
        'server/src/repositories/a.ts': 'await sql`select count(*) from orders where status = ${status}`.execute(db)',
        'server/src/services/b.ts': 'sql<number>`coalesce(${sql`(select max(number) from "orders" o)`}, 0)`',
        'server/src/reports/c.ts': "sql.raw('delete from payment_events')",
        'server/src/repositories/d.ts': "db.selectFrom('orders').select(sql`json(options)`.as('o'))",
        'server/src/repositories/e.ts': 'sql`select 1 from leases, media_blobs`',
        'server/src/routes/f.ts': 'sql`select * from orders`',
        'server/src/repositories/event-log.ts': 'sql`select * from events where store_id = ${id}`',
        'server/src/printing/g.ts': 'sql`update print_jobs set attempts = attempts + 1`',
      })[file]!,
    )
    expect(found).toEqual(['server/src/repositories/a.ts', 'server/src/services/b.ts', 'server/src/reports/c.ts', 'server/src/printing/g.ts'])
  })
})
