// Opens the SQLite file under DATA_DIR (WAL, foreign keys) behind Kysely and runs the migrations.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import { Kysely, Migrator, SqliteDialect, type MigrationProvider } from 'kysely'
import type { Database } from './schema.js'
import { migrations } from './migrations/index.js'
import { StatementCache } from './statement-cache.js'
import { CommitGroup } from './group-commit.js'

export type Db = Kysely<Database>

export const DATABASE_FILE = 'tablepad.sqlite'

export interface OpenedDatabase {
  db: Db
  /** The raw handle, for what Kysely cannot express (backups, pragmas). */
  sqlite: SQLite.Database
  /** The prepared statements Kysely's queries reuse. */
  statements: StatementCache
  /** The database's one commit group: writes queued together share a transaction (one fsync). */
  commits: CommitGroup
}

export function openDatabase (dataDir: string): OpenedDatabase {
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
  return { db, sqlite, statements, commits: new CommitGroup(db) }
}

const provider: MigrationProvider = { getMigrations: async () => migrations }

/** Runs pending migrations, each in its own transaction; throws on the first failure. */
export async function migrate (db: Db): Promise<void> {
  const migrator = new Migrator({ db, provider })
  const { error, results } = await migrator.migrateToLatest()
  const failed = results?.find(result => result.status === 'Error')
  if (error || failed) {
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String(error)}`, { cause: error })
  }
}
