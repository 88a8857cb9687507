// Staff alerts: SQL for the `alerts` table (rows as stored; payments/alerts.ts turns them into Alerts).
import { sql } from 'kysely'
import type { Db } from '../db/database.js'
import type { AlertRow } from '../db/schema.js'
import { databaseKind, jsonTextField, jsonWithIncrement } from '../db/dialect.js'
import { nowIso } from '../lib/tokens.js'
import type { AlertKind } from '#shared/schemas/alert.js'

/** Where a page of alerts ended: the createdAt and id of its last row. */
export interface AlertCursor {
  createdAt: string
  id: string
}

export interface AlertRowPage {
  rows: AlertRow[]
  nextCursor: AlertCursor | null
}

/** An alert as written: its store_id is the scoped handle's to add (db/store-scope.ts). */
export type NewAlertRow = Omit<AlertRow, 'store_id'>

export async function insertAlert (db: Db, row: NewAlertRow): Promise<void> {
  await db.insertInto('alerts').values(row).execute()
}

export async function findAlert (db: Db, id: string): Promise<AlertRow | undefined> {
  return db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst()
}

/** Marks an alert seen; acknowledging twice keeps the first acknowledgement. */
export async function acknowledgeAlert (db: Db, id: string, staffId: string): Promise<void> {
  await db.updateTable('alerts').set({ acknowledged_at: nowIso(), acknowledged_by: staffId })
    .where('id', '=', id).where('acknowledged_at', 'is', null).execute()
}

/** Closes an alert the server itself saw resolved (a printer printing again): done, by nobody. False if it was done already. */
export async function resolveAlert (db: Db, id: string, at: string): Promise<boolean> {
  const result = await db.updateTable('alerts').set({ acknowledged_at: at }).where('id', '=', id).where('acknowledged_at', 'is', null).executeTakeFirst()
  return result.numUpdatedRows > 0n
}

/** True when an unacknowledged alert of this kind already exists for the payment. */
export async function hasOpenAlert (db: Db, kind: AlertKind, paymentId: string): Promise<boolean> {
  const row = await db.selectFrom('alerts').select('id')
    .where('kind', '=', kind).where('payment_id', '=', paymentId).where('acknowledged_at', 'is', null)
    .executeTakeFirst()
  return row !== undefined
}

/**
 * One page, newest first, continuing after `before` (the last row of the previous page): ordered by
 * createdAt then id, so rows with the same timestamp are neither skipped nor repeated.
 */
export async function alertRowPage (db: Db, options: { includeAcknowledged: boolean, limit: number, before: AlertCursor | null }): Promise<AlertRowPage> {
  let query = db.selectFrom('alerts').selectAll()
    .orderBy('created_at', 'desc').orderBy('id', 'desc').limit(options.limit + 1)
  if (!options.includeAcknowledged) query = query.where('acknowledged_at', 'is', null)
  const before = options.before
  if (before) {
    query = query.where(eb => eb.or([
      eb('created_at', '<', before.createdAt),
      eb.and([eb('created_at', '=', before.createdAt), eb('id', '<', before.id)]),
    ]))
  }
  const rows = await query.execute()
  const shown = rows.slice(0, options.limit)
  const last = shown.at(-1)
  return {
    rows: shown,
    nextCursor: rows.length > options.limit && last ? { createdAt: last.created_at, id: last.id } : null,
  }
}

/** The newest unacknowledged summary alert of this kind and source created since `since` (ISO). */
export async function openSummaryAlert (db: Db, kind: AlertKind, source: string, since: string): Promise<AlertRow | undefined> {
  return openSummaryQuery(db, kind, source, since).selectAll().executeTakeFirst()
}

/**
 * Counts `by` more occurrences into the open summary alert of this kind and source (see openSummaryAlert), with the
 * latest occurrence's facts (`set`) written over its detail, in one statement: concurrent calls, in this process or
 * others, each add theirs (a read-then-write lost some on PostgreSQL). Undefined when no summary is open.
 */
export async function countIntoSummaryAlert (
  db: Db, kind: AlertKind, source: string, since: string, by: number, set: Readonly<Record<string, string>>,
): Promise<AlertRow | undefined> {
  return db.updateTable('alerts')
    .set({ detail: jsonWithIncrement(databaseKind(db), sql.ref('detail'), 'count', by, set) })
    .where('id', '=', openSummaryQuery(db, kind, source, since).select('id'))
    // Again on the row itself: PostgreSQL re-checks these on the latest version when a concurrent writer changed
    // it (an acknowledgement in between), where the subquery's answer would stand.
    .where('acknowledged_at', 'is', null).where('created_at', '>=', since)
    .returningAll().executeTakeFirst()
}

function openSummaryQuery (db: Db, kind: AlertKind, source: string, since: string) {
  return db.selectFrom('alerts')
    .where('kind', '=', kind).where('acknowledged_at', 'is', null).where('created_at', '>=', since)
    .where(jsonTextField(databaseKind(db), sql.ref('detail'), 'source'), '=', source)
    .orderBy('created_at', 'desc').limit(1)
}

/** How many alerts of this kind were created since `since` (ISO): the distinct sources of a window. */
export async function countAlertsSince (db: Db, kind: AlertKind, since: string): Promise<number> {
  const { n } = await db.selectFrom('alerts').select(eb => eb.fn.countAll<number>().as('n'))
    .where('kind', '=', kind).where('created_at', '>=', since).executeTakeFirstOrThrow()
  return Number(n)
}
