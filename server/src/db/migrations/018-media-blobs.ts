// 018: media_blobs, uploaded dish photos kept in the database, named by the SHA-256 of their bytes, so every server
// process on PostgreSQL serves every photo. On SQLite the photos stay files under DATA_DIR/media/uploads and the
// table stays empty; it exists there too so both databases have one schema.
import type { Kysely } from 'kysely'
import { databaseKind } from '../dialect.js'
import { strictTable } from './strict.js'

export async function up (db: Kysely<unknown>): Promise<void> {
  await strictTable(db, db.schema.createTable('media_blobs')
    // Hex SHA-256 of `bytes`: the same picture uploaded twice is one row, and a row never changes.
    .addColumn('hash', 'text', col => col.primaryKey())
    // The media type checked at upload (image/png, image/jpeg, image/webp).
    .addColumn('type', 'text', col => col.notNull())
    .addColumn('bytes', databaseKind(db) === 'postgres' ? 'bytea' : 'blob', col => col.notNull())
    .addColumn('created_at', 'text', col => col.notNull()))
}
