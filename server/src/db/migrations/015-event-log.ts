// 015: the shared log of live events (issue 16). On PostgreSQL every process appends the events it publishes here
// and NOTIFYs their ids; every process loads them and fans them out to its own SSE streams, and a reconnecting
// stream replays from here. SQLite (one process, events/ in memory) creates the table and leaves it empty.
import { sql, type Kysely } from 'kysely'
import { databaseKind } from '../dialect.js'
import { strictTable } from './strict.js'

export async function up (db: Kysely<unknown>): Promise<void> {
  if (databaseKind(db) === 'postgres') {
    // Unlogged: an event is worth an hour at most (the retention window), so it skips the WAL and its commit waits
    // for no fsync, which is what lets publishers take turns (events/event-log.ts) without slowing each other.
    // A crash empties it; streams then resync. The id sequence stays logged, so ids never go back after a
    // crash and a Last-Event-ID from before it is recognised as a gap rather than mistaken for a newer event.
    await sql`create sequence events_id_seq`.execute(db)
    await sql`create unlogged table events (
      id bigint primary key default nextval('events_id_seq'),
      audience_kind text not null,
      audience_id text,
      name text not null,
      data text not null,
      at text not null
    )`.execute(db)
    return
  }
  await strictTable(db, db.schema.createTable('events')
    .addColumn('id', 'integer', col => col.primaryKey().autoIncrement())
    .addColumn('audience_kind', 'text', col => col.notNull())
    .addColumn('audience_id', 'text')
    .addColumn('name', 'text', col => col.notNull())
    .addColumn('data', 'text', col => col.notNull())
    .addColumn('at', 'text', col => col.notNull()))
}
