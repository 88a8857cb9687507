// Key/value settings of the restaurant (menu version, seed marker, counters): SQL for `settings`.
import type { Db } from '../db/database.js'

export async function getSetting (db: Db, key: string): Promise<string | null> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst()
  return row?.value ?? null
}

export async function setSetting (db: Db, key: string, value: string): Promise<void> {
  await db.insertInto('settings').values({ key, value })
    .onConflict(oc => oc.column('key').doUpdateSet({ value }))
    .execute()
}

/**
 * Adds one to an integer setting and returns the new value, atomically: the UPDATE takes the row
 * lock (PostgreSQL) or the write lock (SQLite), so two callers never get the same number.
 */
export async function incrementCounter (db: Db, key: string): Promise<number> {
  await db.insertInto('settings').values({ key, value: '0' }).onConflict(oc => oc.column('key').doNothing()).execute()
  const row = await db.updateTable('settings')
    .set(eb => ({ value: eb.cast(eb(eb.cast('value', 'integer'), '+', 1), 'text') }))
    .where('key', '=', key)
    .returning('value')
    .executeTakeFirstOrThrow()
  return Number(row.value)
}
