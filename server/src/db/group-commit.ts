// Group commit: writes that arrive together share one transaction, so one fsync (synchronous=FULL)
// covers many writes instead of one each. Each caller still resumes only after the commit that holds its
// write, so what it does next (answering, publishing, asking Alipay) sees its write durable, exactly as
// with a transaction of its own (docs/alipay.md, "Unknown outcomes and retries": a payment row exists
// before Alipay hears of it). One group per database, shared by every writer: a group per service would
// leave each service committing on its own.
// On PostgreSQL there is no batching: each write is its own transaction (inTransaction: READ COMMITTED under
// the writer lock), since the server's commit is not this process's fsync to share, and one write's retry (a
// deadlock) must not undo and retry its neighbours.
import { sql } from 'kysely'
import type { Db } from './database.js'
import { databaseKind } from './dialect.js'
import { inTransaction } from './transaction.js'

interface Pending {
  work: (trx: Db) => Promise<unknown>
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
}

export class CommitGroup {
  private queue: Pending[] = []
  private scheduled = false

  private readonly batched: boolean

  constructor (private readonly db: Db) {
    this.batched = databaseKind(db) === 'sqlite'
  }

  /**
   * Runs `work` in a transaction shared with the other writes queued in this turn of the event loop; resolves
   * with its result after the commit. Each write is a savepoint of its own: one that fails is undone alone and
   * rejects alone, as its own transaction would have. `work` writes through `trx` only: the db itself, or this
   * group, would wait for the connection the batch holds, forever. On PostgreSQL `work` may run more than once
   * (a serialization failure is retried), so it must touch nothing outside the database (transaction.ts).
   */
  run<T> (work: (trx: Db) => Promise<T>): Promise<T> {
    if (!this.batched) return inTransaction(this.db, work)
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject })
      if (this.scheduled) return
      this.scheduled = true
      // After this I/O phase: every request read in it has queued its write by then.
      setImmediate(() => { void this.flush() })
    })
  }

  private async flush (): Promise<void> {
    const batch = this.queue
    this.queue = []
    this.scheduled = false
    if (batch.length === 1) {
      const only = batch[0]!
      await this.db.transaction().execute(only.work).then(only.resolve, only.reject)
      return
    }
    const outcomes: Array<{ ok: true, value: unknown } | { ok: false, error: unknown }> = []
    try {
      await this.db.transaction().execute(async (trx) => {
        for (const item of batch) {
          await sql`savepoint group_write`.execute(trx)
          try {
            outcomes.push({ ok: true, value: await item.work(trx) })
            await sql`release group_write`.execute(trx)
          } catch (error) {
            await sql`rollback to group_write`.execute(trx)
            await sql`release group_write`.execute(trx)
            outcomes.push({ ok: false, error })
          }
        }
      })
    } catch (error) {
      // The commit itself failed: nothing of the batch is written.
      for (const item of batch) item.reject(error)
      return
    }
    batch.forEach((item, n) => {
      const outcome = outcomes[n]!
      if (outcome.ok) item.resolve(outcome.value)
      else item.reject(outcome.error)
    })
  }
}
