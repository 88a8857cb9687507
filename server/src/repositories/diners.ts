// Diners seen through Alipay's OAuth and their phone sessions: SQL for `diners`, `diner_sessions` and `oauth_states`.
import { inTransaction } from '../db/transaction.js'
import type { ExpressionBuilder } from 'kysely'
import type { Db } from '../db/database.js'
import type { Database } from '../db/schema.js'
import { DINER_HASH_SALT_KEY, dinerIdHash, newDinerHashSalt } from '../diners/diner-hash.js'
import { newId, newSecret, nowIso, sha256 } from '../lib/tokens.js'

/** A phone session lasts a meal; after it the phone goes through Alipay's authorization again. */
export const DINER_SESSION_TTL_MS = 4 * 3600_000
/** The diner has this long to come back from Alipay's authorization page. */
export const OAUTH_STATE_TTL_MS = 10 * 60_000

/** Who Alipay says the diner is: apps are moving from `user_id` (2088…) to `open_id`, so either may come. */
export type AlipayIdentity = { userId: string } | { openId: string }

export interface Diner {
  id: string
  alipayUserId: string | null
  alipayOpenId: string | null
}

export interface DinerSession {
  dinerId: string
  tableId: string
  tableLabel: string
  expiresAt: string
  /** The table's store: the phone's requests act in it. */
  storeId: string
}

/** Why a returning `state` was refused; the table's code comes along when the state was ours, for a retry link. */
export type OAuthStateOutcome =
  | { ok: true, tableId: string, tableCode: string }
  | { ok: false, reason: 'unknown' }
  | { ok: false, reason: 'expired' | 'used' | 'other-browser' | 'table-removed', tableCode: string }

function identityColumn (identity: AlipayIdentity): { column: 'alipay_user_id' | 'alipay_open_id', value: string } {
  return 'userId' in identity
    ? { column: 'alipay_user_id', value: identity.userId }
    : { column: 'alipay_open_id', value: identity.openId }
}

function toDiner (row: { id: string, alipay_user_id: string | null, alipay_open_id: string | null }): Diner {
  return { id: row.id, alipayUserId: row.alipay_user_id, alipayOpenId: row.alipay_open_id }
}

/** A diner by our id, e.g. to name them as `buyer_id` / `buyer_open_id` of an `alipay.trade.create`. */
export async function findDinerById (db: Db, id: string): Promise<Diner | null> {
  const row = await db.selectFrom('diners').selectAll().where('id', '=', id).executeTakeFirst()
  return row ? toDiner(row) : null
}

/**
 * The diner with this Alipay id, created on first sight; the same person scanning again is the same diner.
 * One upsert: it creates the row or marks it seen (which restarts its DINER_DATA_DAYS), writing the salted
 * hash reports count diners by in the same statement; two phones of one person authorizing at once meet
 * on the unique Alipay id and both get the one row.
 */
export async function findOrCreateDiner (db: Db, identity: AlipayIdentity, now = Date.now()): Promise<Diner> {
  const { column, value } = identityColumn(identity)
  const idHash = dinerIdHash(await dinerHashSalt(db), value)
  const seenAt = nowIso(now)
  const row = await db.insertInto('diners').values({
    id: newId('din'),
    alipay_user_id: column === 'alipay_user_id' ? value : null,
    alipay_open_id: column === 'alipay_open_id' ? value : null,
    created_at: seenAt,
    id_hash: idHash,
    last_seen_at: seenAt,
  })
    .onConflict(oc => oc.column(column).doUpdateSet({ last_seen_at: seenAt, id_hash: idHash }))
    .returning(['id', 'alipay_user_id', 'alipay_open_id'])
    .executeTakeFirstOrThrow()
  return toDiner(row)
}

const salts = new WeakMap<Db, string>()

/**
 * The salt of diners' hashes, from `settings` (migration 009 made it; made here only if it went
 * missing). Cached per database: it never changes, and every sign-in needs it.
 */
export async function dinerHashSalt (db: Db): Promise<string> {
  const cached = salts.get(db)
  if (cached !== undefined) return cached
  await db.insertInto('settings').values({ key: DINER_HASH_SALT_KEY, value: newDinerHashSalt() })
    .onConflict(oc => oc.column('key').doNothing())
    .execute()
  const { value } = await db.selectFrom('settings').select('value').where('key', '=', DINER_HASH_SALT_KEY).executeTakeFirstOrThrow()
  salts.set(db, value)
  return value
}

/**
 * Erases what identifies diners not seen since `cutoff`: their Alipay ids and hash, and their (long
 * expired) sessions. Orders keep `diner_id`, so past figures stay whole; a returning person becomes a new
 * diner. Returns how many diners were erased.
 */
export async function eraseDinersNotSeenSince (db: Db, cutoff: string): Promise<number> {
  return await inTransaction(db, async trx => {
    const stale = (eb: ExpressionBuilder<Database, 'diners'>) => eb(eb.fn.coalesce('last_seen_at', 'created_at'), '<', cutoff)
    await trx.deleteFrom('diner_sessions').where('diner_id', 'in', trx.selectFrom('diners').select('id').where(stale)).execute()
    const erased = await trx.updateTable('diners')
      .set({ alipay_user_id: null, alipay_open_id: null, id_hash: null })
      .where(stale)
      .where(eb => eb.or([eb('alipay_user_id', 'is not', null), eb('alipay_open_id', 'is not', null), eb('id_hash', 'is not', null)]))
      .executeTakeFirst()
    return Number(erased.numUpdatedRows)
  })
}

/**
 * Erases the buyer ids Alipay reported for up to `limit` payments made before `cutoff`: on the payment
 * and in its events' details (a `paid` event keeps what Alipay said). One transaction per batch, so a
 * first pass over years of history does not hold the database for long. Returns the payments erased.
 */
export async function eraseBuyerIdsBefore (db: Db, cutoff: string, limit = 500): Promise<number> {
  return await inTransaction(db, async trx => {
    const payments = await trx.selectFrom('payments').select('id')
      .where('created_at', '<', cutoff)
      .where(eb => eb.or([eb('buyer_id', 'is not', null), eb('buyer_open_id', 'is not', null)]))
      .limit(limit)
      .execute()
    if (payments.length === 0) return 0
    const ids = payments.map(payment => payment.id)
    const events = await trx.selectFrom('payment_events').select(['id', 'detail'])
      .where('payment_id', 'in', ids)
      .where('detail', 'like', '%"buyerId":"%')
      .execute()
    for (const event of events) {
      const detail = JSON.parse(event.detail) as Record<string, unknown>
      await trx.updateTable('payment_events').set({ detail: JSON.stringify({ ...detail, buyerId: null }) }).where('id', '=', event.id).execute()
    }
    await trx.updateTable('payments').set({ buyer_id: null, buyer_open_id: null }).where('id', 'in', ids).execute()
    return ids.length
  })
}

/** Starts a phone session at a table; returns the cookie's token (only its SHA-256 is stored). */
export async function createDinerSession (db: Db, dinerId: string, tableId: string, now = Date.now()): Promise<string> {
  const token = newSecret()
  // Expired sessions are swept here rather than by a timer, as staff sessions are.
  await db.deleteFrom('diner_sessions').where('expires_at', '<=', nowIso(now)).execute()
  await db.insertInto('diner_sessions').values({
    token_hash: sha256(token),
    diner_id: dinerId,
    table_id: tableId,
    created_at: nowIso(now),
    expires_at: nowIso(now + DINER_SESSION_TTL_MS),
  }).execute()
  return token
}

/**
 * The unexpired session of `token` at a table still in use, else null. Read on every phone request, never cached.
 * Called on the ROOT handle by the diner auth hook (the token is a global secret; the row names its store).
 */
export async function findDinerSession (db: Db, token: string, now = Date.now()): Promise<DinerSession | null> {
  const row = await db.selectFrom('diner_sessions')
    .innerJoin('tables', 'tables.id', 'diner_sessions.table_id')
    .select(['diner_sessions.diner_id', 'diner_sessions.table_id', 'diner_sessions.expires_at', 'diner_sessions.store_id', 'tables.label'])
    .where('diner_sessions.token_hash', '=', sha256(token))
    .where('diner_sessions.expires_at', '>', nowIso(now))
    .where('tables.removed_at', 'is', null)
    .executeTakeFirst()
  return row ? { dinerId: row.diner_id, tableId: row.table_id, tableLabel: row.label, expiresAt: row.expires_at, storeId: row.store_id } : null
}

/**
 * Starts an authorization round trip from a table; returns the `state` to send to Alipay. Only hashes
 * are stored: of the state, and of the browser's `tp_oauth` cookie the state is bound to.
 */
export async function createOAuthState (db: Db, tableId: string, browserToken: string, now = Date.now()): Promise<string> {
  const state = newSecret()
  await db.deleteFrom('oauth_states').where('expires_at', '<=', nowIso(now)).execute()
  await db.insertInto('oauth_states').values({
    id: sha256(state),
    table_id: tableId,
    browser_hash: sha256(browserToken),
    created_at: nowIso(now),
    expires_at: nowIso(now + OAUTH_STATE_TTL_MS),
    used_at: null,
  }).execute()
  return state
}

/**
 * Uses up a returning `state`: only once, before it expires, in the browser that started it, for a
 * table still in use. The single conditional update makes two racing callbacks yield one success.
 */
export async function consumeOAuthState (db: Db, state: string, browserToken: string | undefined, now = Date.now()): Promise<OAuthStateOutcome> {
  const id = sha256(state)
  const browserHash = browserToken ? sha256(browserToken) : ''
  const used = await db.updateTable('oauth_states')
    .set({ used_at: nowIso(now) })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('expires_at', '>', nowIso(now))
    .where('browser_hash', '=', browserHash)
    .where('table_id', 'in', eb => eb.selectFrom('tables').select('id').where('removed_at', 'is', null))
    .executeTakeFirst()
  const row = await db.selectFrom('oauth_states')
    .innerJoin('tables', 'tables.id', 'oauth_states.table_id')
    .select(['oauth_states.table_id', 'oauth_states.expires_at', 'oauth_states.used_at', 'oauth_states.browser_hash', 'tables.code', 'tables.removed_at'])
    .where('oauth_states.id', '=', id)
    .executeTakeFirst()
  if (!row) return { ok: false, reason: 'unknown' }
  if (used.numUpdatedRows === 1n) return { ok: true, tableId: row.table_id, tableCode: row.code }
  const tableCode = row.code
  if (row.removed_at !== null) return { ok: false, reason: 'table-removed', tableCode }
  if (row.used_at !== null) return { ok: false, reason: 'used', tableCode }
  if (row.expires_at <= nowIso(now)) return { ok: false, reason: 'expired', tableCode }
  return { ok: false, reason: 'other-browser', tableCode }
}
