// 007: a table's checks found by index. The partial index of 006 (one open check per table) serves only a
// query that names 'open' as a literal; a table's last closed check (what its bill shows until the next
// order) was found by scanning every check the restaurant ever had.
import type { Kysely } from 'kysely'

export async function up (db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('checks_table_opened').on('checks').columns(['table_id', 'opened_at']).execute()
}
