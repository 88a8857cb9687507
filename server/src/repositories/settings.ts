// Key/value settings of the restaurant (menu version, seed marker, counters): SQL for `settings`.
import type { Db } from '../db/database.js'
import { reusableQuery } from '../db/reusable-query.js'

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
 * Adds one to an integer setting and returns the new value, atomically and in one statement (the
 * first call stores 1): the upsert takes the row lock (PostgreSQL) or the write lock (SQLite), so
 * two callers never get the same number.
 */
export async function incrementCounter (db: Db, key: string): Promise<number> {
  const { rows } = await increment(db, key)
  return Number(rows[0]!.value)
}

const increment = reusableQuery((db, key: string) => db.insertInto('settings').values({ key, value: '1' })
  .onConflict(oc => oc.column('key').doUpdateSet(eb => ({ value: eb.cast(eb(eb.cast('settings.value', 'integer'), '+', 1), 'text') })))
  .returning('value'))
