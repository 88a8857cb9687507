// 005: the QR's own deadline, kept apart from expires_at (which a diner's cancel moves to "now"), so a
// payment is judged late against the time the diner was actually given, never against when they gave up.
import { type Kysely, sql } from 'kysely'

export async function up (db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('payments').addColumn('qr_deadline_at', 'text').execute()
  // Older rows: expires_at is the best record of their deadline there is.
  await sql`update payments set qr_deadline_at = expires_at`.execute(db)
}
