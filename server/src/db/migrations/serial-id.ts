// An increasing integer id assigned by the database, for append-only logs and queues whose order is their id's:
// `integer primary key autoincrement` on SQLite (never reused, even after the last row is deleted), a
// `bigserial` on PostgreSQL (a sequence; 8 bytes like SQLite's integer; parsed to a JS number by db/postgres.ts).
import type { ColumnBuilderCallback, ColumnDataType, Kysely } from 'kysely'
import { databaseKind } from '../dialect.js'

/** The type and definition of such a column: `.addColumn('id', ...serialId(db))`. */
export function serialId (db: Kysely<unknown>): [ColumnDataType, ColumnBuilderCallback] {
  return databaseKind(db) === 'postgres'
    ? ['bigserial', col => col.primaryKey()]
    : ['integer', col => col.primaryKey().autoIncrement()]
}
