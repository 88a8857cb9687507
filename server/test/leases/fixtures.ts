// Lease test fixtures: one database several "processes" share, and due payments and refunds in it.
import type { Db } from '../../src/db/database.js'
import { DEFAULT_STORE_ID, forStore, storeScopeOf } from '../../src/db/store-scope.js'
import { createTable } from '../../src/repositories/tables.js'
import { newId, sha256 } from '../../src/lib/tokens.js'
import { tempDataDir } from '../helper.js'
import { freshPgDatabase } from '../pg.js'

/**
 * Env that makes apps share one database: the same DATA_DIR on SQLite; under TEST_DATABASE=postgres one fresh
 * PostgreSQL database for all of them (each app still gets its own DATA_DIR for keys and files).
 */
export async function sharedDatabaseEnv (): Promise<Record<string, string>> {
  if (process.env.TEST_DATABASE === 'postgres') return { DATABASE_URL: (await freshPgDatabase()).url }
  return { DATA_DIR: tempDataDir() }
}

export const at = (ms: number): string => new Date(ms).toISOString()

/** Rows are written as the default store's: on PostgreSQL store_id has no default, so a root handle is scoped first. */
function defaultStore (db: Db): Db {
  return storeScopeOf(db) === null ? forStore(db, DEFAULT_STORE_ID) : db
}

/** `count` open payments of one order, all due at `dueAt` (epoch ms); their ids in creation order. */
export async function duePayments (root: Db, count: number, dueAt: number, storeId?: string): Promise<string[]> {
  const db = storeId === undefined ? defaultStore(root) : forStore(root, storeId)
  const table = await createTable(db, { label: `L${Math.floor(Math.random() * 1e6)}` })
  const orderId = newId('ord')
  const created = at(dueAt - 60_000)
  await db.insertInto('orders').values({
    id: orderId, number: Math.floor(Math.random() * 1e9), client_order_id: crypto.randomUUID(), request_hash: sha256(orderId), device_id: null,
    table_id: table.id, status: 'placed', subtotal: 100, total: 100, currency: 'CNY', note: null, cancel_reason: null,
    created_at: created, updated_at: created,
  }).execute()
  const ids = Array.from({ length: count }, () => newId('pay'))
  await db.insertInto('payments').values(ids.map(id => ({
    id, order_id: orderId, method: 'alipay_qr', status: 'waiting', amount: 100, currency: 'CNY', qr_code: null, trade_no: null,
    buyer_id: null, expires_at: null, qr_deadline_at: null, failure_code: null, paid_at: null, next_check_at: at(dueAt),
    unknown_since: null, created_at: created, updated_at: created,
  }))).execute()
  return ids
}

/** What a real check does last: the payment is next looked at later, so it is no longer due now. */
export async function checkedUntil (db: Db, id: string, nextAt: number): Promise<void> {
  await db.updateTable('payments').set({ next_check_at: at(nextAt) }).where('id', '=', id).execute()
}

export async function leaseOf (db: Db, id: string): Promise<{ owner: string | null, until: string | null }> {
  const row = await db.selectFrom('payments').select(['lease_owner', 'lease_until']).where('id', '=', id).executeTakeFirstOrThrow()
  return { owner: row.lease_owner, until: row.lease_until }
}

/** A promise with its resolver, for a test to decide when a fake step may finish. */
export function gate (): { promise: Promise<void>, open: () => void } {
  let open!: () => void
  const promise = new Promise<void>(resolve => { open = resolve })
  return { promise, open }
}

/** An open (pending) refund of `paymentId`, due at `dueAt` (epoch ms). */
export async function dueRefund (db: Db, paymentId: string, dueAt: number): Promise<string> {
  const id = newId('rfd')
  await defaultStore(db).insertInto('refunds').values({
    id, payment_id: paymentId, out_request_no: id, amount: 100, reason: 'test', status: 'pending', staff_id: null,
    failure_code: null, next_check_at: at(dueAt), created_at: at(dueAt), updated_at: at(dueAt), succeeded_at: null,
  }).execute()
  return id
}

/** A logger that says nothing. */
export const silent = { error () {}, warn () {}, info () {}, debug () {}, child () { return silent } } as never
