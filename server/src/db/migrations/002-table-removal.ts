// 002: tables can be removed while their past orders keep pointing at them (soft delete).
import type { Kysely } from 'kysely'

export async function up (db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tables').addColumn('removed_at', 'text').execute()
}
