// Checks (one open per table), who joined them, and what check payments cover: SQL for `checks`,
// `check_diners` and `payment_orders`.
import { sql } from 'kysely'
import type { Db } from '../db/database.js'
import type { CheckRow, OrderRow, PaymentRow } from '../db/schema.js'
import { newId } from '../lib/tokens.js'
import { CheckStatusEnum, type PaymentMode } from '#shared/schemas/check.js'

/** Whether another order of the check still waits for its payment (`placed`): one indexed read, no order loaded. */
export async function hasOtherPlacedOrder (db: Db, checkId: string, orderId: string): Promise<boolean> {
  const row = await db.selectFrom('orders').select('id')
    .where('check_id', '=', checkId).where('status', '=', 'placed').where('id', '!=', orderId)
    .limit(1).executeTakeFirst()
  return row !== undefined
}

export async function findCheck (db: Db, id: string): Promise<CheckRow | undefined> {
  return db.selectFrom('checks').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function findOpenCheck (db: Db, tableId: string): Promise<CheckRow | undefined> {
  // 'open' as a literal, not a parameter: only then may the database use the partial index of open checks.
  return db.selectFrom('checks').selectAll().where('table_id', '=', tableId).where('status', '=', sql.lit(CheckStatusEnum.OPEN)).executeTakeFirst()
}

/** The table's open check, else the one closed last (a table sees its settled bill until the next order). */
export async function findCurrentCheck (db: Db, tableId: string): Promise<CheckRow | undefined> {
  return await findOpenCheck(db, tableId) ?? await db.selectFrom('checks').selectAll().where('table_id', '=', tableId)
    .orderBy('opened_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst()
}

/** The table's open check, else one opened now in the mode `modeForNewCheck` gives; run it in the order's transaction. */
export async function openCheckFor (db: Db, tableId: string, modeForNewCheck: () => Promise<PaymentMode>, at: string): Promise<CheckRow> {
  const open = await findOpenCheck(db, tableId)
  if (open) return open
  // Returned as stored: the store's handle fills in store_id.
  return db.insertInto('checks').values({
    id: newId('chk'), table_id: tableId, status: CheckStatusEnum.OPEN, payment_mode: await modeForNewCheck(),
    split_parts: null, split_base: null, split_started_at: null, opened_at: at, closed_at: null, close_reason: null, closed_by: null,
  }).returningAll().executeTakeFirstOrThrow()
}

/** Gives the diner the check's next number on first sight; their number never changes after. */
export async function joinCheck (db: Db, checkId: string, dinerId: string, at: string): Promise<{ number: number, joined: boolean }> {
  const existing = await db.selectFrom('check_diners').select('number').where('check_id', '=', checkId).where('diner_id', '=', dinerId).executeTakeFirst()
  if (existing) return { number: existing.number, joined: false }
  const last = await db.selectFrom('check_diners').select(({ fn }) => fn.max('number').as('n')).where('check_id', '=', checkId).executeTakeFirst()
  const number = Number(last?.n ?? 0) + 1
  await db.insertInto('check_diners').values({ check_id: checkId, diner_id: dinerId, number, joined_at: at }).execute()
  return { number, joined: true }
}

/** Whether the diner ordered into (joined) this check. */
export async function hasJoinedCheck (db: Db, checkId: string, dinerId: string): Promise<boolean> {
  const row = await db.selectFrom('check_diners').select('number').where('check_id', '=', checkId).where('diner_id', '=', dinerId).executeTakeFirst()
  return row !== undefined
}

/**
 * Whether the diner's newest session at the table began after the table's previous check closed (or the table
 * never had one): a phone left from an earlier meal must not see the next party's bill.
 */
export async function dinerArrivedAfterLastCheck (db: Db, tableId: string, dinerId: string): Promise<boolean> {
  const session = await db.selectFrom('diner_sessions').select(({ fn }) => fn.max('created_at').as('at'))
    .where('diner_id', '=', dinerId).where('table_id', '=', tableId).executeTakeFirst()
  const previous = await db.selectFrom('checks').select(({ fn }) => fn.max('closed_at').as('at'))
    .where('table_id', '=', tableId).where('status', '=', CheckStatusEnum.CLOSED).executeTakeFirst()
  return !previous?.at || (!!session?.at && session.at > previous.at)
}

export async function checkDiners (db: Db, checkId: string): Promise<Array<{ dinerId: string, number: number }>> {
  const rows = await db.selectFrom('check_diners').select(['diner_id', 'number']).where('check_id', '=', checkId).orderBy('number').execute()
  return rows.map(row => ({ dinerId: row.diner_id, number: row.number }))
}

export async function ordersOfCheck (db: Db, checkId: string): Promise<OrderRow[]> {
  return db.selectFrom('orders').selectAll().where('check_id', '=', checkId).orderBy('created_at').orderBy('number').execute()
}

/** Every payment against the check or one of its orders, newest first. */
export async function paymentsOfCheck (db: Db, checkId: string): Promise<PaymentRow[]> {
  return db.selectFrom('payments').selectAll()
    .where(eb => eb.or([
      eb('check_id', '=', checkId),
      eb('order_id', 'in', eb.selectFrom('orders').select('id').where('check_id', '=', checkId)),
    ]))
    .orderBy('created_at', 'desc').orderBy('id', 'desc').execute()
}

export async function coversOfPayments (db: Db, paymentIds: readonly string[]): Promise<Array<{ paymentId: string, orderId: string, amount: number }>> {
  if (paymentIds.length === 0) return []
  const rows = await db.selectFrom('payment_orders').selectAll().where('payment_id', 'in', paymentIds).execute()
  return rows.map(row => ({ paymentId: row.payment_id, orderId: row.order_id, amount: row.amount }))
}

/** Replaces what a payment covers (planned at creation, rewritten with what it settled once paid). */
export async function setCovers (db: Db, paymentId: string, covers: ReadonlyArray<{ orderId: string, amount: number }>): Promise<void> {
  await db.deleteFrom('payment_orders').where('payment_id', '=', paymentId).execute()
  if (covers.length === 0) return
  await db.insertInto('payment_orders').values(covers.map(cover => ({ payment_id: paymentId, order_id: cover.orderId, amount: cover.amount }))).execute()
}

export async function setSplit (db: Db, checkId: string, split: { parts: number, base: number, startedAt: string } | null): Promise<void> {
  await db.updateTable('checks').set({
    split_parts: split?.parts ?? null, split_base: split?.base ?? null, split_started_at: split?.startedAt ?? null,
  }).where('id', '=', checkId).execute()
}

/** Closes the check if it is still open; false when it was already closed. */
export async function closeCheck (db: Db, checkId: string, at: string, reason: string | null, staffId: string | null): Promise<boolean> {
  const result = await db.updateTable('checks')
    .set({ status: CheckStatusEnum.CLOSED, closed_at: at, close_reason: reason, closed_by: staffId, split_parts: null, split_base: null, split_started_at: null })
    .where('id', '=', checkId).where('status', '=', CheckStatusEnum.OPEN).executeTakeFirst()
  return result.numUpdatedRows > 0n
}
