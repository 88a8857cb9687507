// `npm run migrate` with DATABASE_URL: the script itself, as an operator runs it, on an empty PostgreSQL database.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { migrations } from '../../src/db/migrations/index.js'
import { describePostgresUrl } from '../../src/db/postgres.js'
import { freshPgDatabase } from '../pg.js'
import { tempDataDir } from '../helper.js'

const run = promisify(execFile)

describe('npm run migrate (PostgreSQL)', () => {
  it('migrates the DATABASE_URL database and says what ran, then that it is up to date', async () => {
    const { url } = await freshPgDatabase()
    const env = { ...process.env, DATABASE_URL: url, DATA_DIR: tempDataDir(), LOG_LEVEL: 'silent' }
    const first = await run('npx', ['tsx', 'server/scripts/migrate.ts'], { env })
    expect(first.stdout).toContain(`PostgreSQL at ${describePostgresUrl(url)}: ran ${Object.keys(migrations).length} of`)
    expect(first.stdout).toContain('  001-core\n')
    const second = await run('npx', ['tsx', 'server/scripts/migrate.ts'], { env })
    expect(second.stdout).toBe(`PostgreSQL at ${describePostgresUrl(url)}: up to date (${Object.keys(migrations).length} migrations).\n`)
  }, 60_000)

  it('fails with one line naming a DATABASE_URL it cannot use', async () => {
    const failure = await run('npx', ['tsx', 'server/scripts/migrate.ts'], { env: { ...process.env, DATABASE_URL: 'mysql://db/x' } })
      .then(() => null, (error: { code: number, stderr: string }) => error)
    expect(failure?.code).toBe(1)
    expect(failure?.stderr).toMatch(/^migrate failed: DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ URL/)
  }, 60_000)
})
