// Counting windows in `rate_limits`: request limits and failed attempts, shared by every process on one database.
// Only used on PostgreSQL (on SQLite one process keeps its counters in memory); the SQL is the same on both.
import type { Db } from '../db/database.js'

/** A live window: `count` events so far, ending at `resetAt` (epoch ms). */
export interface LimitWindow {
  count: number
  resetAt: number
}

/** int8 comes back as a string unless the pool parses it; either way the caller gets a number. */
function toWindow (row: { count: number | string, reset_at: number | string }): LimitWindow {
  return { count: Number(row.count), resetAt: Number(row.reset_at) }
}

/**
 * Counts one more event for (scope, key) and returns its window: a new one of `windowMs` when there was none
 * or it had ended, else the current one with its count raised. One statement, so two processes counting at
 * the same moment both land (the row lock of the upsert orders them): neither increment is lost.
 */
export async function countInWindow (db: Db, scope: string, key: string, windowMs: number, now: number): Promise<LimitWindow> {
  const row = await db.insertInto('rate_limits')
    .values({ scope, key, count: 1, reset_at: now + windowMs })
    .onConflict(oc => oc.columns(['scope', 'key']).doUpdateSet(eb => {
      const ended = eb('rate_limits.reset_at', '<=', now)
      return {
        count: eb.case().when(ended).then(eb.lit(1)).else(eb('rate_limits.count', '+', eb.lit(1))).end(),
        reset_at: eb.case().when(ended).then(now + windowMs).else(eb.ref('rate_limits.reset_at')).end(),
      }
    }))
    .returning(['count', 'reset_at'])
    .executeTakeFirstOrThrow()
  return toWindow(row)
}

/** The live window of (scope, key), without counting; null when there is none. */
export async function findWindow (db: Db, scope: string, key: string, now: number): Promise<LimitWindow | null> {
  const row = await db.selectFrom('rate_limits').select(['count', 'reset_at'])
    .where('scope', '=', scope).where('key', '=', key).where('reset_at', '>', now)
    .executeTakeFirst()
  return row ? toWindow(row) : null
}

/** Every live window of `scope` with at least `minCount` events (the blocked clients), soonest free first. */
export async function listFullWindows (db: Db, scope: string, minCount: number, now: number): Promise<Array<LimitWindow & { key: string }>> {
  const rows = await db.selectFrom('rate_limits').select(['key', 'count', 'reset_at'])
    .where('scope', '=', scope).where('count', '>=', minCount).where('reset_at', '>', now)
    .orderBy('reset_at').orderBy('key')
    .execute()
  return rows.map(row => ({ key: row.key, ...toWindow(row) }))
}

/** Forgets (scope, key)'s window; false when it had no live one. */
export async function deleteWindow (db: Db, scope: string, key: string, now: number): Promise<boolean> {
  const result = await db.deleteFrom('rate_limits')
    .where('scope', '=', scope).where('key', '=', key).where('reset_at', '>', now)
    .executeTakeFirst()
  return result.numDeletedRows > 0n
}

/** Deletes ended windows (they already count as absent), through the reset_at index. Returns how many. */
export async function deleteEndedWindows (db: Db, now: number): Promise<number> {
  const result = await db.deleteFrom('rate_limits').where('reset_at', '<=', now).executeTakeFirst()
  return Number(result.numDeletedRows)
}
