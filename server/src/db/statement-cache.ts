// Reuses better-sqlite3 prepared statements across queries: Kysely's SQLite driver prepares every
// query afresh, which cost more than running it. A dialect detail: repositories never see it.
import type SQLite from 'better-sqlite3'
import type { SqliteDatabase, SqliteStatement } from 'kysely'

/** Distinct SQL texts kept; `in (?, ?, …)` lists make one text per list length, so the set is open. */
export const STATEMENT_CACHE_SIZE = 500

/**
 * Statements worth keeping: data reads and writes and the transaction commands. Anything else
 * (CREATE, ALTER, DROP, PRAGMA: migrations) runs once, uncached, and empties the cache, so no
 * statement prepared against an older schema outlives the change. SQLite would re-prepare such a
 * statement itself; emptying keeps that an invariant rather than a reliance.
 */
const REUSABLE = /^\s*(select|insert|update|delete|with|replace|begin|commit|rollback|savepoint|release)\b/i

/** Stands in for the better-sqlite3 handle Kysely's SqliteDialect is given; a bounded LRU of statements. */
export class StatementCache implements SqliteDatabase {
  readonly #sqlite: SQLite.Database
  readonly #limit: number
  /** Map order is use order: the first key is the least recently used. */
  readonly #statements = new Map<string, SQLite.Statement>()

  constructor (sqlite: SQLite.Database, limit = STATEMENT_CACHE_SIZE) {
    this.#sqlite = sqlite
    this.#limit = limit
  }

  get size (): number {
    return this.#statements.size
  }

  prepare (sql: string): SqliteStatement {
    const cached = this.#statements.get(sql)
    // A statement still iterating (a streamed select) cannot run again until it finishes: the
    // second use gets a statement of its own, used once.
    if (cached?.busy) return this.#sqlite.prepare(sql)
    if (cached) {
      this.#statements.delete(sql)
      this.#statements.set(sql, cached)
      return cached
    }
    if (!REUSABLE.test(sql)) {
      this.clear()
      return this.#sqlite.prepare(sql)
    }
    const statement = this.#sqlite.prepare(sql)
    this.#statements.set(sql, statement)
    if (this.#statements.size > this.#limit) this.#statements.delete(this.#statements.keys().next().value!)
    return statement
  }

  clear (): void {
    this.#statements.clear()
  }

  close (): void {
    this.clear()
    this.#sqlite.close()
  }
}
