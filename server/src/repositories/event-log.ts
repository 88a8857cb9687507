// The shared event log (`events`, migration 015; `store_id` since 019): PostgreSQL only — SQLite's single process
// keeps its events in memory. One log for every store, read and written on the ROOT handle: the hub delivers every
// store's events and each store-bound hub picks its own (the raw SQL here names `store_id` itself). Appending takes a cluster-wide turn, so ids grow in commit order: whoever has seen id N has, or can
// still load, every event before it, which is what makes `id > Last-Event-ID` a correct replay.
import { sql } from 'kysely'
import type { Db } from '../db/database.js'

/** The LISTEN/NOTIFY channel: a notification's payload is the highest id of a committed batch. */
export const EVENT_CHANNEL = 'tablepad_events'

/**
 * The advisory lock publishers take turns on (two-int form: its own key space). Held from the insert to its commit,
 * which is short because the table is unlogged (no fsync at commit).
 */
const APPEND_LOCK = sql`pg_advisory_xact_lock(1952539244, 1702262899)`

export interface NewLoggedEvent {
  storeId: string
  audienceKind: string
  /** The table's or device's id, for those audiences. */
  audienceId: string | null
  name: string
  /** JSON text. */
  data: string
  at: string
}

export interface LoggedEvent extends NewLoggedEvent {
  id: number
}

interface EventRow {
  id: number
  store_id: string
  audience_kind: string
  audience_id: string | null
  name: string
  data: string
  at: string
}

function toLoggedEvent (row: EventRow): LoggedEvent {
  return { id: Number(row.id), storeId: row.store_id, audienceKind: row.audience_kind, audienceId: row.audience_id, name: row.name, data: row.data, at: row.at }
}

/**
 * Appends a batch in its order, in one statement and so one transaction, and notifies the batch's last id (which
 * it returns): the notification goes out at commit, and PostgreSQL delivers notifications in commit order.
 */
export async function appendEvents (db: Db, events: readonly NewLoggedEvent[]): Promise<number> {
  if (events.length === 0) return 0
  const { rows } = await sql<{ last_id: number }>`
    with turn as (select ${APPEND_LOCK}),
    appended as (
      insert into events (store_id, audience_kind, audience_id, name, data, at)
      select batch.store_id, batch.audience_kind, batch.audience_id, batch.name, batch.data, batch.at
      from turn, unnest(
        ${events.map(event => event.storeId)}::text[],
        ${events.map(event => event.audienceKind)}::text[],
        ${events.map(event => event.audienceId)}::text[],
        ${events.map(event => event.name)}::text[],
        ${events.map(event => event.data)}::text[],
        ${events.map(event => event.at)}::text[]
      ) with ordinality as batch (store_id, audience_kind, audience_id, name, data, at, position)
      order by batch.position
      returning id
    )
    select pg_notify(${EVENT_CHANNEL}, max(id)::text), max(id) as last_id from appended`.execute(db)
  return Number(rows[0]?.last_id ?? 0)
}

/** Events with `after < id <= upTo`, oldest first, at most `limit`. */
export async function loadEvents (db: Db, after: number, upTo: number, limit: number): Promise<LoggedEvent[]> {
  const { rows } = await sql<EventRow>`
    select id, store_id, audience_kind, audience_id, name, data, at from events
    where id > ${after} and id <= ${upTo} order by id limit ${limit}`.execute(db)
  return rows.map(toLoggedEvent)
}

export interface EventLogSpan {
  /** Oldest and newest id kept; null when the log is empty. */
  firstId: number | null
  lastId: number | null
}

/** The ids the log holds now. */
export async function eventLogSpan (db: Db): Promise<EventLogSpan> {
  const { rows } = await sql<{ first_id: number | null, last_id: number | null }>`
    select min(id) as first_id, max(id) as last_id from events`.execute(db)
  const row = rows[0]
  return { firstId: row?.first_id == null ? null : Number(row.first_id), lastId: row?.last_id == null ? null : Number(row.last_id) }
}

/**
 * The span and the first `limit` events after `after` (only `storeId`'s, unless null), read in one statement (one
 * snapshot), so a prune between two reads cannot hide a hole at the start of the replay. The span is the whole
 * log's: ids are positions shared by every store.
 */
export async function eventsAfter (db: Db, after: number, limit: number, storeId: string | null = null): Promise<EventLogSpan & { events: LoggedEvent[] }> {
  const ofStore = storeId === null ? sql`true` : sql`store_id = ${storeId}`
  const { rows } = await sql<Partial<EventRow> & { first_id: number | null, last_id: number | null }>`
    select span.first_id, span.last_id, e.id, e.store_id, e.audience_kind, e.audience_id, e.name, e.data, e.at
    from (select min(id) as first_id, max(id) as last_id from events) span
    left join lateral (select * from events where id > ${after} and ${ofStore} order by id limit ${limit}) e on true
    order by e.id`.execute(db)
  const first = rows[0]
  return {
    firstId: first?.first_id == null ? null : Number(first.first_id),
    lastId: first?.last_id == null ? null : Number(first.last_id),
    events: rows.filter(row => row.id != null).map(row => toLoggedEvent(row as EventRow)),
  }
}

/**
 * Deletes the events from before `beforeIso`, always keeping the newest one: then an empty log means a reset
 * database (streams must resync), never a quiet one. Walks the primary key from the oldest, so it reads about
 * as many rows as it deletes.
 */
export async function pruneEvents (db: Db, beforeIso: string): Promise<number> {
  const result = await sql`
    delete from events where id < coalesce(
      (select min(id) from events where at >= ${beforeIso}),
      (select max(id) from events))`.execute(db)
  return Number(result.numAffectedRows ?? 0)
}
