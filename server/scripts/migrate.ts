// `npm run migrate` (docs/operations.md): brings the configured database — SQLite under DATA_DIR, or PostgreSQL when
// DATABASE_URL is set — to the latest schema and says which migrations ran. The server migrates at start anyway; this
// is for doing it ahead of a deployment, once, before several processes start on a PostgreSQL database.
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { ConfigError, loadConfig, type AppConfig } from '../src/config.js'
import { DATABASE_FILE, migrate, openConfiguredDatabase } from '../src/db/database.js'
import { migrations } from '../src/db/migrations/index.js'
import { describePostgresUrl } from '../src/db/postgres.js'

export interface MigrateReport {
  /** Where, without a password: `SQLite at <file>` or `PostgreSQL at <host:port/db>`. */
  target: string
  /** The migrations this run applied, in order; empty when the database was up to date. */
  ran: string[]
  /** The migrations the code knows. */
  known: number
}

export async function runMigrate (config: Pick<AppConfig, 'dataDir' | 'databaseUrl' | 'databasePoolMax'>): Promise<MigrateReport> {
  const target = config.databaseUrl === null
    ? `SQLite at ${join(config.dataDir, DATABASE_FILE)}`
    : `PostgreSQL at ${describePostgresUrl(config.databaseUrl)}`
  // One connection is all the migrator uses.
  const database = await openConfiguredDatabase({ ...config, databasePoolMax: 1 })
  try {
    return { target, ran: await migrate(database.db), known: Object.keys(migrations).length }
  } finally {
    await database.close()
  }
}

export function describeReport ({ target, ran, known }: MigrateReport): string {
  if (ran.length === 0) return `${target}: up to date (${known} migrations).\n`
  return `${target}: ran ${ran.length} of ${known} migrations:\n${ran.map(name => `  ${name}\n`).join('')}`
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    process.stdout.write(describeReport(await runMigrate(loadConfig(process.env))))
  } catch (error) {
    const known = error instanceof ConfigError
    process.stderr.write(`migrate failed: ${error instanceof Error ? (known ? error.message : error.stack ?? error.message) : String(error)}\n`)
    process.exit(1)
  }
}
