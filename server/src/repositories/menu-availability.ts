// Sold-out history: every switch of a dish's availability, kept for the sales report's sold-out events.
import type { Db } from '../db/database.js'

/** Records a dish going sold out (false) or coming back (true); run it in the transaction that switches it. */
export async function recordAvailabilityChange (db: Db, itemId: string, available: boolean, at: string, staffId: string | null): Promise<void> {
  await db.insertInto('menu_availability_events').values({ item_id: itemId, available: available ? 1 : 0, at, staff_id: staffId }).execute()
}
