// `npm run migrate` on SQLite: the first run applies every migration and names them, the next has nothing to do.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { migrations } from '../../src/db/migrations/index.js'
import { describeReport, runMigrate } from '../../scripts/migrate.js'
import { tempDataDir } from '../helper.js'

describe('npm run migrate (SQLite)', () => {
  it('migrates DATA_DIR\'s database, then finds it up to date', async () => {
    const dataDir = tempDataDir()
    const first = await runMigrate({ dataDir, databaseUrl: null, databasePoolMax: 10 })
    expect(first).toEqual({ target: `SQLite at ${join(dataDir, 'tablepad.sqlite')}`, ran: Object.keys(migrations), known: Object.keys(migrations).length })
    expect(describeReport(first)).toContain(`ran ${first.known} of ${first.known} migrations:\n  001-core\n`)
    const second = await runMigrate({ dataDir, databaseUrl: null, databasePoolMax: 10 })
    expect(second.ran).toEqual([])
    expect(describeReport(second)).toBe(`SQLite at ${join(dataDir, 'tablepad.sqlite')}: up to date (${first.known} migrations).\n`)
  })
})
