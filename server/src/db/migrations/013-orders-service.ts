// 013: the staff lists by time (issue 15). The orders board and its search read the newest orders first, within
// store-local days when asked; the payments list likewise. Without these, each read scanned and sorted every
// order (or payment) ever taken. `number` second gives the board its tie-break order from the index itself.
import type { Kysely } from 'kysely'

export async function up (db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('orders_created_number').on('orders').columns(['created_at', 'number']).execute()
  await db.schema.createIndex('payments_created_at').on('payments').column('created_at').execute()
}
