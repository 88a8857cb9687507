// Tables of the restaurant: SQL for the `tables` table, mapped to the shared Table shape in one place.
import { inTransaction } from '../db/transaction.js'
import { randomBytes } from 'node:crypto'
import type { Db } from '../db/database.js'
import type { TableRow } from '../db/schema.js'
import { isUniqueViolation } from '../db/unique-violation.js'
import { newId, nowIso } from '../lib/tokens.js'
import { TableLabelTakenError } from '../errors.js'
import { OPEN_ORDER_STATUSES } from '#shared/statuses.js'
import type { Table } from '#shared/schemas/table.js'

export const DEFAULT_SEATS = 4
/** 32 lower-case letters and digits without look-alikes (0/o, 1/l), so a code can be read off a sticker. */
export const TABLE_CODE_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789'
export const TABLE_CODE_LENGTH = 12

export interface NewTable {
  label: string
  /** The name in Chinese; absent or null for none. */
  labelZh?: string | null
  seats?: number
  /** Position in the staff list; tables with the same sort are ordered naturally by label (T2 < T10). */
  sort?: number
}

export interface TableChanges {
  label?: string
  /** null removes the Chinese name. */
  labelZh?: string | null
  seats?: number
}

export function toTable (row: Omit<TableRow, 'store_id'>): Table {
  return { id: row.id, label: row.label, labelZh: row.label_zh, code: row.code, seats: row.seats }
}

/** The Chinese name as stored: trimmed, and null for none (a blank one is none). */
function chineseLabel (labelZh: string | null | undefined): string | null {
  return labelZh?.trim() || null
}

/** 60 random bits in URL-safe characters: the phone link `/t/<code>` must not be guessable. */
export function newTableCode (): string {
  // 256 is a multiple of 32, so masking each byte keeps the draw uniform.
  return Array.from(randomBytes(TABLE_CODE_LENGTH), byte => TABLE_CODE_ALPHABET[byte & 31]).join('')
}

// Made when tables are first listed, not at start: a Collator pages in about 4 MiB of ICU data that an idle server need not hold.
let naturalOrder: Intl.Collator | undefined

function byPosition (a: TableRow, b: TableRow): number {
  naturalOrder ??= new Intl.Collator('en', { numeric: true, sensitivity: 'base' })
  return a.sort - b.sort || naturalOrder.compare(a.label, b.label)
}

async function assertLabelFree (db: Db, label: string, exceptId?: string): Promise<void> {
  // Case-insensitive: "t1" next to "T1" would confuse staff picking a table.
  let query = db.selectFrom('tables').select('id').where(eb => eb(eb.fn('lower', ['label']), '=', label.toLowerCase()))
  if (exceptId) query = query.where('id', '!=', exceptId)
  if (await query.executeTakeFirst()) throw new TableLabelTakenError(label)
}

/** Tables in use (not removed), in the order staff see them. */
export async function listTables (db: Db): Promise<Table[]> {
  const rows = await db.selectFrom('tables').selectAll().where('removed_at', 'is', null).execute()
  return rows.sort(byPosition).map(toTable)
}

/** A table in use by id; removed tables are not found. */
export async function findTable (db: Db, id: string): Promise<Table | null> {
  const row = await db.selectFrom('tables').selectAll().where('id', '=', id).where('removed_at', 'is', null).executeTakeFirst()
  return row ? toTable(row) : null
}

/** A table in use by its phone-link code; the link of a removed table stops working. */
export async function findTableByCode (db: Db, code: string): Promise<Table | null> {
  const row = await db.selectFrom('tables').selectAll().where('code', '=', code).where('removed_at', 'is', null).executeTakeFirst()
  return row ? toTable(row) : null
}

/** ROOT handle: the table (still in use) of a phone-link code and its store; codes are global, the store unknown yet. */
export async function findTableByCodeOnRoot (root: Db, code: string): Promise<{ table: Table, storeId: string } | null> {
  const row = await root.selectFrom('tables').selectAll().where('code', '=', code).where('removed_at', 'is', null).executeTakeFirst()
  return row ? { table: toTable(row), storeId: row.store_id } : null
}

/** Adds a table with a fresh phone-link code; a label already in use throws TABLE_LABEL_TAKEN (409). */
export async function createTable (db: Db, table: NewTable): Promise<Table> {
  const label = table.label.trim()
  await assertLabelFree(db, label)
  for (let attempt = 0; ; attempt++) {
    // store_id comes from the store's handle the table is created through.
    const row: Omit<TableRow, 'store_id'> = {
      id: newId('tbl'),
      label,
      code: newTableCode(),
      seats: table.seats ?? DEFAULT_SEATS,
      sort: table.sort ?? 0,
      created_at: nowIso(),
      removed_at: null,
      label_zh: chineseLabel(table.labelZh),
    }
    try {
      // A code collision is astronomically rare; draw again rather than fail. Skipped, not raised: on
      // PostgreSQL an error inside the caller's transaction (the demo seed's) would abort all of it.
      const inserted = await db.insertInto('tables').values(row)
        .onConflict(oc => oc.column('code').doNothing())
        .returning('id')
        .executeTakeFirst()
      if (inserted) return toTable(row)
    } catch (error) {
      if (isUniqueViolation(error, 'tables.label')) throw new TableLabelTakenError(label)
      throw error
    }
    if (attempt >= 5) throw new Error('no free table code after 6 draws')
  }
}

/** Renames or resizes a table; null when it does not exist. */
export async function changeTable (db: Db, id: string, changes: TableChanges): Promise<Table | null> {
  const label = changes.label?.trim()
  if (label !== undefined) await assertLabelFree(db, label, id)
  const set: { label?: string, label_zh?: string | null, seats?: number } = {}
  if (label !== undefined) set.label = label
  if (changes.labelZh !== undefined) set.label_zh = chineseLabel(changes.labelZh)
  if (changes.seats !== undefined) set.seats = changes.seats
  try {
    if (Object.keys(set).length > 0) await db.updateTable('tables').set(set).where('id', '=', id).where('removed_at', 'is', null).execute()
  } catch (error) {
    if (label !== undefined && isUniqueViolation(error, 'tables.label')) throw new TableLabelTakenError(label)
    throw error
  }
  return findTable(db, id)
}

/** Why a table cannot be removed now, or null when it can. */
export async function tableInUseReason (db: Db, id: string): Promise<string | null> {
  const device = await db.selectFrom('devices').select('name').where('table_id', '=', id).executeTakeFirst()
  if (device) return `A tablet (${device.name}) is paired to this table`
  const order = await db.selectFrom('orders').select('number')
    .where('table_id', '=', id).where('status', 'in', OPEN_ORDER_STATUSES).executeTakeFirst()
  if (order) return `Order ${order.number} of this table is still open`
  return null
}

/**
 * Removes the table; false when it did not exist. Check tableInUseReason first. A table that past
 * orders point at is kept as removed under a freed label, so "T13" can be added again later.
 */
export async function removeTable (db: Db, id: string): Promise<boolean> {
  return inTransaction(db, async trx => {
    const row = await trx.selectFrom('tables').selectAll().where('id', '=', id).where('removed_at', 'is', null).executeTakeFirst()
    if (!row) return false
    const referenced = await trx.selectFrom('orders').select('id').where('table_id', '=', id).executeTakeFirst()
    if (!referenced) {
      // Phones that only signed in (no order yet) leave sessions and sign-in states behind: they go with the table.
      await trx.deleteFrom('diner_sessions').where('table_id', '=', id).execute()
      await trx.deleteFrom('oauth_states').where('table_id', '=', id).execute()
      await trx.deleteFrom('tables').where('id', '=', id).execute()
      return true
    }
    await trx.updateTable('tables')
      .set({ removed_at: nowIso(), label: `${row.label} (removed ${row.id.slice(-6)})` })
      .where('id', '=', id)
      .execute()
    return true
  })
}

/** A table's label, removed tables included: an old check still names the table it was run at. */
export async function tableLabelById (db: Db, id: string): Promise<string | null> {
  const row = await db.selectFrom('tables').select('label').where('id', '=', id).executeTakeFirst()
  return row?.label ?? null
}
