// Opens PostgreSQL (DATABASE_URL) behind Kysely: a pg.Pool of DATABASE_POOL_MAX connections per process.
// `pg` is imported here, on this path only: the SQLite server never loads it (its idle memory is budgeted).
import { Kysely, PostgresDialect } from 'kysely'
import type { Pool, PoolConfig, types } from 'pg'
import type { Database } from './schema.js'

/** pg's type OIDs for the two types whose default parser yields strings. */
const INT8_OID = 20
const NUMERIC_OID = 1700

/** How long a query waits for a new connection before it fails. */
export const CONNECT_TIMEOUT_MS = 10_000

/**
 * How long PostgreSQL lets a session sit idle inside an open transaction before it ends the session. A process
 * frozen mid-transaction (a paused VM, SIGSTOP, a debugger) would otherwise hold the writer lock — and so every
 * other process's writes — for as long as it stays frozen. No real transaction here waits between its statements
 * for more than milliseconds (bodies touch nothing but the database, see db/transaction.ts), so 15 s is far above
 * any of them yet short enough for the other processes to carry on soon.
 */
export const IDLE_IN_TRANSACTION_TIMEOUT_MS = 15_000

export interface PostgresOptions {
  /** Tests set a short one; see IDLE_IN_TRANSACTION_TIMEOUT_MS. */
  idleInTransactionTimeoutMs?: number
}

export interface PostgresConnection {
  db: Kysely<Database>
  pool: Pool
}

/**
 * int8 (count(*), sum() of integers, bigserial) and numeric (sum() of money in minor units) come back as JS
 * numbers, as on SQLite. Every such value here fits in a double: money is integer minor units and counts are small.
 * Per pool rather than pg's global parsers, so nothing else in the process is affected.
 */
function numberTypes (defaults: typeof types): NonNullable<PoolConfig['types']> {
  return {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
      if (oid === INT8_OID || oid === NUMERIC_OID) return (value: string) => Number(value)
      return format === 'binary' ? defaults.getTypeParser(oid, 'binary') : defaults.getTypeParser(oid)
    }) as NonNullable<PoolConfig['types']>['getTypeParser'],
  }
}

/** Where a URL points, without its password: for error messages and logs. */
export function describePostgresUrl (url: string): string {
  try {
    const parsed = new URL(url)
    return `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}${parsed.pathname}`
  } catch {
    return 'the DATABASE_URL server'
  }
}

/**
 * A pool on `url`, checked with one query so a wrong URL fails here with a clear line rather than later in a
 * migration. `onIdleError` hears errors of idle connections (the server restarted, say): pg drops such a
 * connection and the next query opens another, but an unheard pool error would end the process.
 */
export async function connectPostgres (url: string, poolMax: number, onIdleError: (error: Error) => void = () => {}, options: PostgresOptions = {}): Promise<PostgresConnection> {
  const pg = (await import('pg')).default
  const pool = new pg.Pool({
    connectionString: url,
    max: poolMax,
    types: numberTypes(pg.types),
    // A server cut off by the network would otherwise leave every request waiting for a connection forever.
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    idle_in_transaction_session_timeout: options.idleInTransactionTimeoutMs ?? IDLE_IN_TRANSACTION_TIMEOUT_MS,
  })
  pool.on('error', onIdleError)
  // The pool hears errors of idle connections only. A checked-out one whose session the server ends between two
  // queries (the idle-in-transaction timeout above) emits 'error' with nobody listening, which would end the
  // process; heard here, it is left unqueryable and the pool drops it when it is released.
  pool.on('connect', client => { client.on('error', onIdleError) })
  try {
    await pool.query('select 1')
  } catch (error) {
    await pool.end()
    throw new Error(`cannot reach PostgreSQL at ${describePostgresUrl(url)}: ${(error as Error).message}`, { cause: error })
  }
  return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), pool }
}
