// Uploaded pictures in `media_blobs` (PostgreSQL: every process serves every photo). Rows are immutable and
// named by the SHA-256 of their bytes, so storing the same picture again changes nothing.
import type { Db } from '../db/database.js'

export interface MediaBlob {
  type: string
  bytes: Buffer
}

/** Stores the picture unless a row of that hash exists (then it holds the very same bytes). */
export async function saveMediaBlob (db: Db, hash: string, blob: MediaBlob, createdAt: string): Promise<void> {
  await db.insertInto('media_blobs')
    .values({ hash, type: blob.type, bytes: blob.bytes, created_at: createdAt })
    .onConflict(oc => oc.column('hash').doNothing())
    .execute()
}

export async function findMediaBlob (db: Db, hash: string): Promise<MediaBlob | null> {
  const row = await db.selectFrom('media_blobs').select(['type', 'bytes']).where('hash', '=', hash).executeTakeFirst()
  return row ? { type: row.type, bytes: row.bytes } : null
}
