// 004: staff edit the menu (removed dishes and categories stay for past orders) and tablets report unsent orders.
import type { Kysely } from 'kysely'

export async function up (db: Kysely<unknown>): Promise<void> {
  // Soft delete: order lines keep their snapshots, but a removed dish must never be ordered again.
  await db.schema.alterTable('items').addColumn('removed_at', 'text').execute()
  await db.schema.alterTable('categories').addColumn('removed_at', 'text').execute()
  // What the tablet last said its outbox holds; null until it reports.
  await db.schema.alterTable('devices').addColumn('unsent_orders', 'integer').execute()
}
