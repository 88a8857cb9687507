// One way to run a transaction on either database. SQLite serialises writers itself (one writer: a write
// transaction holds the database's lock from its first write to its commit), so read-then-write logic inside
// a transaction is safe there. PostgreSQL gets the same guarantee across processes from one advisory lock, the
// writer lock, taken as a write transaction's first statement: writers then run one at a time, and at READ
// COMMITTED every later statement reads what the previous writer committed. SERIALIZABLE was tried first and
// gave the same guarantee, but every order updates the order-number counter's row, and with 50 tablets posting
// at once the retries ran out (25 of 30 concurrent orders placed, 5 answered 500). A deadlock (40P01) or a
// serialization failure (40001) with a statement outside any transaction can still end a transaction, which
// is then run again from the start. Hence the rule for every `work`: it touches nothing outside the database
// (no events published, no HTTP, no timers, no caches, no outer variables it cannot overwrite), since it may
// run more than once; such effects go after the commit, on the value `work` returned.
import { setTimeout as sleep } from 'node:timers/promises'
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely'
import { databaseKind } from './dialect.js'
import { storeScopeOf } from './store-scope.js'

/** Attempts in all before the last failure is thrown: contention that outlasts this is a bug, not a race. */
export const MAX_TRANSACTION_ATTEMPTS = 10

/** The backoff before retry n (1-based) is random in [0, min(cap, base·2^(n-1))): full jitter. */
const BACKOFF_BASE_MS = 2
const BACKOFF_CAP_MS = 100

/**
 * The advisory lock every PostgreSQL write transaction takes first. A store's write transaction (on a handle
 * forStore scoped) holds its store's writer lock, `(WRITER_LOCK_KEY, storeLockKey(store))`, so one store's
 * writers run one at a time, as on SQLite, while other stores write in parallel. An unscoped write transaction
 * (the root handle: cross-store claims, stores, scripts) holds the database's writer lock, the single key
 * WRITER_LOCK_KEY, exclusively; a store's writer holds that one shared. So a root writer still runs alone, as
 * every writer did before stores, and store writers only wait for root writers and their own store's.
 */
export const WRITER_LOCK_KEY = 0x7461626c // 'tabl'

/** A stable int4 of the store id (FNV-1a, 32 bits, signed as PostgreSQL's int4): the store's writer lock's second key. */
export function storeLockKey (storeId: string): number {
  let hash = 0x811c9dc5
  for (const byte of new TextEncoder().encode(storeId)) {
    hash ^= byte
    hash = Math.imul(hash, 0x01000193)
  }
  return hash | 0
}

/** The writer lock(s) a PostgreSQL write transaction on `db` takes as its first statement (see WRITER_LOCK_KEY). */
function writerLock<DB> (db: Kysely<DB>): RawBuilder<unknown> {
  const storeId = storeScopeOf(db)
  if (storeId === null) return sql`select pg_advisory_xact_lock(${WRITER_LOCK_KEY})`
  // Left to right: the shared database lock first, as every writer takes the database lock before any store's.
  return sql`select pg_advisory_xact_lock_shared(${WRITER_LOCK_KEY}), pg_advisory_xact_lock(${WRITER_LOCK_KEY}, ${storeLockKey(storeId)})`
}

const RETRYABLE_CODES = new Set(['40001', '40P01'])

/** A PostgreSQL serialization failure or deadlock: the transaction did nothing and may simply run again. */
export function isRetryableTransactionFailure (error: unknown): boolean {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 5; cause = cause.cause, depth++) {
    if (RETRYABLE_CODES.has(String((cause as { code?: unknown }).code))) return true
  }
  return false
}

export interface TransactionOptions {
  /**
   * Reads only, from one consistent snapshot: on PostgreSQL a REPEATABLE READ, READ ONLY transaction that takes
   * no writer lock, so a long read (a report, the menu) never holds up orders.
   */
  readOnly?: boolean
}

/**
 * Runs `work` in a transaction and resolves with its result after the commit. On PostgreSQL a write
 * transaction first takes the writer lock, and is run again on a deadlock or serialization failure, so `work`
 * may run several times: it must have no effects outside the database (see the file's comment). Called with a
 * transaction, `work` simply runs in it.
 */
export async function inTransaction<DB, T> (db: Kysely<DB>, work: (trx: Transaction<DB>) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
  // Already in one (a repository's own transaction called inside a caller's): the work joins it, and a
  // retry, if any, is the outer transaction's.
  if (db.isTransaction) return work(db as Transaction<DB>)
  if (databaseKind(db) === 'sqlite') return db.transaction().execute(work)
  for (let attempt = 1; ; attempt++) {
    try {
      if (options.readOnly) return await db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(work)
      return await db.transaction().setIsolationLevel('read committed').execute(async (trx) => {
        await writerLock(db).execute(trx)
        return await work(trx)
      })
    } catch (error) {
      if (attempt >= MAX_TRANSACTION_ATTEMPTS || !isRetryableTransactionFailure(error)) throw error
      await sleep(Math.random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1)))
    }
  }
}
