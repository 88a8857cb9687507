// Job leases: SQL for `leases`, one row per singleton job (`reconciliation:nightly`, `printer:<id>`, …). Every
// change is one compare-and-set statement, so two processes racing for a lease cannot both get it, on SQLite
// (one writer at a time) as on PostgreSQL (the row's lock, and the upsert's WHERE re-read on the latest row).
import type { Db } from '../db/database.js'

/**
 * Takes `name` for `owner` until `until` (ISO) when it is free: absent, expired at `now`, or `owner`'s already
 * (then it is renewed). True when `owner` holds it now.
 */
export async function acquireLease (db: Db, name: string, owner: string, now: string, until: string): Promise<boolean> {
  const result = await db.insertInto('leases').values({ name, owner, until })
    .onConflict(oc => oc.column('name').doUpdateSet({ owner, until })
      .where(eb => eb.or([eb('leases.owner', '=', owner), eb('leases.until', '<=', now)])))
    .executeTakeFirst()
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0
}

/** Moves `name`'s end to `until` if `owner` still holds it (never takes it back once given up). True when it did. */
export async function renewLease (db: Db, name: string, owner: string, until: string): Promise<boolean> {
  const result = await db.updateTable('leases').set({ until }).where('name', '=', name).where('owner', '=', owner).executeTakeFirst()
  return result.numUpdatedRows > 0n
}

/** Gives `name` up if `owner` still holds it (another process may have taken it after it expired). */
export async function releaseLease (db: Db, name: string, owner: string): Promise<void> {
  await db.deleteFrom('leases').where('name', '=', name).where('owner', '=', owner).execute()
}

/** Every job lease `owner` holds, given up at once (a process shutting down). */
export async function releaseLeasesOf (db: Db, owner: string): Promise<number> {
  const result = await db.deleteFrom('leases').where('owner', '=', owner).executeTakeFirst()
  return Number(result.numDeletedRows)
}

/** Who holds `name` at `now`, or null when nobody does. */
export async function leaseHolder (db: Db, name: string, now: string): Promise<string | null> {
  const row = await db.selectFrom('leases').select('owner').where('name', '=', name).where('until', '>', now).executeTakeFirst()
  return row?.owner ?? null
}
