// Opens the SQLite file under DATA_DIR (WAL, foreign keys) behind Kysely and runs the migrations.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import { Kysely, Migrator, SqliteAdapter, SqliteDialect, sql, type MigrationProvider } from 'kysely'
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

/**
 * Runs pending migrations; throws on the first failure. On SQLite they run together in one transaction
 * with foreign keys unenforced (see sqliteRebuildWindow); elsewhere the migrator's own transaction holds them.
 */
export async function migrate (db: Db): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) await sqliteRebuildWindow(db, () => runMigrations(db))
  else await runMigrations(db)
}

async function runMigrations (db: Db): Promise<void> {
  const migrator = new Migrator({ db, provider })
  const { error, results } = await migrator.migrateToLatest()
  const failed = results?.find(result => result.status === 'Error')
  if (error || failed) {
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String(error)}`, { cause: error })
  }
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
