// A process frozen mid-transaction (a paused VM, SIGSTOP) must not hold the writer lock — and so every other
// process's writes — for as long as it stays frozen: PostgreSQL ends the session once it has sat idle in the
// transaction past idle_in_transaction_session_timeout, the lock goes with it, and the frozen process's pool
// carries on with fresh connections when it wakes. The timeout is shortened here through openPostgres.
import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { openPostgres, type OpenedDatabase } from '../../src/db/database.js'
import { inTransaction } from '../../src/db/transaction.js'
import { freshPgDatabase } from '../pg.js'

const opened: OpenedDatabase[] = []
afterEach(async () => {
  for (const database of opened.splice(0)) await database.close()
})

async function processOn (url: string, idleInTransactionTimeoutMs: number): Promise<OpenedDatabase> {
  const database = await openPostgres(url, 2, undefined, { idleInTransactionTimeoutMs })
  opened.push(database)
  return database
}

describe('a writer frozen mid-transaction', () => {
  it('is ended by PostgreSQL, another writer proceeds, and the frozen one\'s pool still works after', async () => {
    const { url } = await freshPgDatabase()
    // Only the frozen process's sessions need the short timeout. Not too short either: under load a live
    // transaction's own statements can be a second apart (an event-loop stall), and must not be ended for it.
    const frozen = await processOn(url, 2000)
    const other = await processOn(url, 60_000)
    await sql`create table counter (n integer not null)`.execute(other.db)
    await sql`insert into counter values (0)`.execute(other.db)

    let wake!: () => void
    const asleep = new Promise<void>(resolve => { wake = resolve })
    let holding!: () => void
    const lockTaken = new Promise<void>(resolve => { holding = resolve })
    const frozenWrite = inTransaction(frozen.db, async (trx) => {
      await sql`update counter set n = n + 1`.execute(trx)
      holding()
      await asleep
    })
    await lockTaken

    // Without the timeout this waits on the writer lock for as long as the frozen transaction stays open.
    const n = await inTransaction(other.db, async (trx) => {
      await sql`update counter set n = n + 10`.execute(trx)
      return (await sql<{ n: number }>`select n from counter`.execute(trx)).rows[0]!.n
    })
    expect(n).toBe(10)

    wake()
    await expect(frozenWrite).rejects.toThrow()
    // The ended connection was dropped from the pool: the woken process writes again on a new one.
    await inTransaction(frozen.db, trx => sql`update counter set n = n + 100`.execute(trx))
    expect((await sql<{ n: number }>`select n from counter`.execute(frozen.db)).rows[0]!.n).toBe(110)
  })
})
