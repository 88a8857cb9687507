// The end-of-day close: SQL for `business_days` (a row while a day is closed, with its Z-report figures as
// they were at the close) and `business_day_log` (every close and reopen).
import type { Db } from '../db/database.js'
import type { DayCloseAction } from '#shared/schemas/reports.js'

export interface ClosedDay {
  date: string
  /** The DayFigures JSON recorded at the close. */
  figures: string
  closedAt: string
  closedBy: string
  closedByName: string
}

export interface DayLogEntry {
  action: DayCloseAction
  at: string
  staffId: string
  staffName: string
  reason: string | null
}

/**
 * The name shown for a close or reopen by someone the store's staff list does not hold: the chain's owner (an owner
 * row has no store, so a store's handle never joins it). A left join, so such a day still reads as closed.
 */
export const OWNER_FALLBACK_NAME = 'Owner'

export async function findClosedDay (db: Db, date: string): Promise<ClosedDay | null> {
  const row = await db.selectFrom('business_days')
    .leftJoin('staff', 'staff.id', 'business_days.closed_by')
    .select(['business_days.date', 'business_days.figures', 'business_days.closed_at', 'business_days.closed_by', 'staff.name'])
    .where('business_days.date', '=', date)
    .executeTakeFirst()
  return row ? { date: row.date, figures: row.figures, closedAt: row.closed_at, closedBy: row.closed_by, closedByName: row.name ?? OWNER_FALLBACK_NAME } : null
}

/**
 * Records the close. Throws a unique violation when the day is closed already: of two racing closes, the
 * primary key lets one through. Run it in the transaction that also logs the close.
 */
export async function insertClosedDay (db: Db, day: { date: string, figures: string, closedAt: string, closedBy: string }): Promise<void> {
  await db.insertInto('business_days').values({ date: day.date, figures: day.figures, closed_at: day.closedAt, closed_by: day.closedBy }).execute()
}

/** Opens a closed day again; false when it was not closed (or another reopen got there first). */
export async function deleteClosedDay (db: Db, date: string): Promise<boolean> {
  const result = await db.deleteFrom('business_days').where('date', '=', date).executeTakeFirst()
  return result.numDeletedRows > 0n
}

export async function appendDayLog (db: Db, entry: { date: string, action: DayCloseAction, staffId: string, at: string, reason: string | null }): Promise<void> {
  await db.insertInto('business_day_log').values({ date: entry.date, action: entry.action, staff_id: entry.staffId, at: entry.at, reason: entry.reason }).execute()
}

/** Every close and reopen of the day, oldest first. */
export async function dayLog (db: Db, date: string): Promise<DayLogEntry[]> {
  const rows = await db.selectFrom('business_day_log')
    .leftJoin('staff', 'staff.id', 'business_day_log.staff_id')
    .select(['business_day_log.action', 'business_day_log.at', 'business_day_log.staff_id', 'business_day_log.reason', 'staff.name'])
    .where('business_day_log.date', '=', date)
    .orderBy('business_day_log.id')
    .execute()
  return rows.map(row => ({ action: row.action as DayCloseAction, at: row.at, staffId: row.staff_id, staffName: row.name ?? OWNER_FALLBACK_NAME, reason: row.reason }))
}
