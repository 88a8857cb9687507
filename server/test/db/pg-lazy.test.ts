// The SQLite server never loads `pg` (its idle memory is budgeted, issue 11): every import of it in the server's
// code is type-only or a dynamic import() on a PostgreSQL-only path.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { sourceFiles } from '../architecture/import-graph.js'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))

/** A static import or re-export of pg (or a module under it) that is not type-only. */
const STATIC_PG = /^\s*(?:import|export)\s+(?!type\b)(?:(?!\b(?:import|export)\b)[^;])*?\bfrom\s+['"]pg(?:\/[^'"]*)?['"]|^\s*import\s+['"]pg['"]/m

function staticPgImporters (files: readonly string[], read: (file: string) => string): string[] {
  return files.filter(file => STATIC_PG.test(read(file)))
}

describe('pg', () => {
  it('is never imported statically by the server', () => {
    const files = sourceFiles(ROOT, ['server/src'])
    expect(files).toContain('server/src/db/postgres.ts')
    expect(staticPgImporters(files, file => readFileSync(join(ROOT, file), 'utf8'))).toEqual([])
  })

  it('is found when it is', () => {
    const sources: Record<string, string> = {
      'a.ts': "import pg from 'pg'",
      'b.ts': "import { Pool } from 'pg'",
      'c.ts': "import type { Pool } from 'pg'",
      'd.ts': "const pg = (await import('pg')).default",
      'e.ts': "export { Pool } from 'pg'",
      'f.ts': "import { Kysely } from 'kysely'\nimport type { Pool } from 'pg'",
      'g.ts': "import {\n  Client,\n  Pool,\n} from 'pg'",
    }
    expect(staticPgImporters(Object.keys(sources), file => sources[file]!)).toEqual(['a.ts', 'b.ts', 'e.ts', 'g.ts'])
  })
})
