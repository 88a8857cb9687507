// 014: a table's name in Chinese next to its label, shown when the tablet or the console speaks Chinese.
import type { Kysely } from 'kysely'

export async function up (db: Kysely<unknown>): Promise<void> {
  // Null: no Chinese name, every language shows `label`.
  await db.schema.alterTable('tables').addColumn('label_zh', 'text').execute()
}
