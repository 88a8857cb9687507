// Opens the configured database behind Kysely: the SQLite file under DATA_DIR (WAL, foreign keys), the
// embedded default, or PostgreSQL when DATABASE_URL is set (postgres.ts); and runs the migrations on either.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import { Kysely, Migrator, SqliteDialect, sql, type MigrationProvider, type MigrationResultSet } from 'kysely'
import type { Pool } from 'pg'
import type { Database } from './schema.js'
import { migrations } from './migrations/index.js'
import { WideIntegersPlugin } from './migrations/wide-integers.js'
import { StatementCache } from './statement-cache.js'
import { CommitGroup } from './group-commit.js'
import { databaseKind, type DatabaseKind } from './dialect.js'
import { connectPostgres, type PostgresOptions } from './postgres.js'

export type { DatabaseKind } from './dialect.js'

export type Db = Kysely<Database>

export const DATABASE_FILE = 'tablepad.sqlite'

interface OpenedCommon {
  kind: DatabaseKind
  db: Db
  /** The database's one commit group: on SQLite writes queued together share a transaction (one fsync). */
  commits: CommitGroup
  /** Ends every connection; the app's onClose calls it. */
  close: () => Promise<void>
}

export interface OpenedSqlite extends OpenedCommon {
  kind: 'sqlite'
  /** The raw handle, for what Kysely cannot express (backups, pragmas). */
  sqlite: SQLite.Database
  /** The prepared statements Kysely's queries reuse. */
  statements: StatementCache
}

export interface OpenedPostgres extends OpenedCommon {
  kind: 'postgres'
  /** The process's connection pool, for what needs a pg client of its own (LISTEN). */
  pool: Pool
}

export type OpenedDatabase = OpenedSqlite | OpenedPostgres

export interface DatabaseSettings {
  dataDir: string
  databaseUrl: string | null
  databasePoolMax: number
}

/** PostgreSQL when DATABASE_URL is set, otherwise SQLite under DATA_DIR. */
export async function openConfiguredDatabase (settings: DatabaseSettings, onIdleError?: (error: Error) => void): Promise<OpenedDatabase> {
  if (settings.databaseUrl === null) return openDatabase(settings.dataDir)
  return openPostgres(settings.databaseUrl, settings.databasePoolMax, onIdleError)
}

/** PostgreSQL at `url` with a pool of `poolMax` connections; not migrated (call migrate). */
export async function openPostgres (url: string, poolMax: number, onIdleError?: (error: Error) => void, options?: PostgresOptions): Promise<OpenedPostgres> {
  const { db, pool } = await connectPostgres(url, poolMax, onIdleError, options)
  return { kind: 'postgres', db, pool, commits: new CommitGroup(db), close: () => db.destroy() }
}

export function openDatabase (dataDir: string): OpenedSqlite {
  mkdirSync(dataDir, { recursive: true })
  const sqlite = new SQLite(join(dataDir, DATABASE_FILE))
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('foreign_keys = ON')
  // WAL with synchronous=NORMAL survives process crashes; FULL also survives power loss, which a
  // restaurant mini-PC does suffer, and orders and payments are worth the fsync.
  sqlite.pragma('synchronous = FULL')
  sqlite.pragma('busy_timeout = 5000')
  const statements = new StatementCache(sqlite)
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: statements }) })
  return { kind: 'sqlite', db, sqlite, statements, commits: new CommitGroup(db), close: () => db.destroy() }
}

const provider: MigrationProvider = { getMigrations: async () => migrations }

/**
 * Runs pending migrations and returns the names of those that ran; throws on the first failure. On SQLite
 * they run together in one transaction with foreign keys unenforced (see sqliteRebuildWindow); on PostgreSQL
 * the migrator's own transaction holds them, and its lock lets several processes start at once.
 */
export async function migrate (db: Db): Promise<string[]> {
  const ran: string[] = []
  const work = async (): Promise<void> => { ran.push(...await runMigrations(db)) }
  if (databaseKind(db) === 'sqlite') await sqliteRebuildWindow(db, work)
  else await work()
  return ran
}

async function runMigrations (target: Db): Promise<string[]> {
  // PostgreSQL: the migrations' integer columns become bigint, SQLite's width (wide-integers.ts).
  const db = databaseKind(target) === 'postgres' ? target.withPlugin(new WideIntegersPlugin()) : target
  const migrator = new Migrator({ db, provider })
  const { error, results }: MigrationResultSet = await migrator.migrateToLatest()
  const failed = results?.find(result => result.status === 'Error')
  if (error || failed) {
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String(error)}`, { cause: error })
  }
  return (results ?? []).filter(result => result.status === 'Success').map(result => result.migrationName)
}

/**
 * SQLite-specific. A migration that rebuilds a table (SQLite cannot drop a NOT NULL, say) drops the old
 * table while others still reference it, which enforced foreign keys refuse; and Kysely runs SQLite
 * migrations outside any transaction, so a failure halfway would leave half a schema. Here enforcement is
 * off (the pragma is ignored inside a transaction, so it is set first), everything runs in one
 * transaction, and `PRAGMA foreign_key_check` must find nothing before the commit.
 */
async function sqliteRebuildWindow (db: Db, work: () => Promise<void>): Promise<void> {
  await sql`pragma foreign_keys = off`.execute(db)
  try {
    await sql`begin immediate`.execute(db)
    try {
      await work()
      const { rows } = await sql<{ table: string, parent: string }>`pragma foreign_key_check`.execute(db)
      if (rows.length > 0) {
        const broken = [...new Set(rows.map(row => `${row.table} → ${row.parent}`))].join(', ')
        throw new Error(`migrations left ${rows.length} foreign key violation(s): ${broken}`)
      }
      await sql`commit`.execute(db)
    } catch (error) {
      await sql`rollback`.execute(db)
      throw error
    }
  } finally {
    await sql`pragma foreign_keys = on`.execute(db)
  }
}
