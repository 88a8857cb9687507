// 017: rate_limits, the counters of request limits and failed attempts (wrong PINs, wrong pairing codes) kept in the
// database so that several server processes on PostgreSQL share one budget per client. On SQLite (one process) the
// counters stay in memory and the table stays empty; it exists there too so both databases have one schema.
import { sql, type Kysely } from 'kysely'
import { databaseKind } from '../dialect.js'
import { strictTable } from './strict.js'

export async function up (db: Kysely<unknown>): Promise<void> {
  const postgres = databaseKind(db) === 'postgres'
  const table = db.schema.createTable('rate_limits')
    // What is counted: 'login' (wrong PINs), 'pairing' (wrong codes), or one route's request limit.
    .addColumn('scope', 'text', col => col.notNull())
    // Whom it counts: the client address.
    .addColumn('key', 'text', col => col.notNull())
    .addColumn('count', 'integer', col => col.notNull())
    // When the window ends (epoch ms): from then on the row counts as absent, and a sweep deletes it. Epoch
    // milliseconds outgrow PostgreSQL's 4-byte integer; SQLite's integer is 8 bytes (and STRICT knows no bigint).
    .addColumn('reset_at', postgres ? 'bigint' : 'integer', col => col.notNull())
    .addPrimaryKeyConstraint('rate_limits_pk', ['scope', 'key'])
  // Unlogged on PostgreSQL: a count is worth a minute, so it skips the WAL and a counted request waits for no fsync.
  // A crash of PostgreSQL empties it, which only restarts every client's budget (as a restart does on SQLite).
  await strictTable(db, postgres ? table.modifyFront(sql`unlogged`) : table)
  // The sweep of ended windows reads only those.
  await db.schema.createIndex('rate_limits_by_reset_at').on('rate_limits').column('reset_at').execute()
}
