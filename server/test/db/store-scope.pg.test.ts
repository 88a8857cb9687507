// Stores on PostgreSQL: a scoped handle's queries touch only its store (store-scope-cases.ts), and a store's write
// transactions take that store's writer lock, so two stores write in parallel while one store's writers queue.
import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { migrate, openPostgres, type Db, type OpenedDatabase } from '../../src/db/database.js'
import { DEFAULT_STORE_ID, forStore } from '../../src/db/store-scope.js'
import { inTransaction } from '../../src/db/transaction.js'
import { freshPgDatabase } from '../pg.js'
import { pollUntil } from '../poll.js'
import { storeScopeCases } from './store-scope-cases.js'

const opened: OpenedDatabase[] = []
afterEach(async () => {
  for (const database of opened.splice(0)) await database.close()
})

async function migrated (poolMax = 4): Promise<Db> {
  const database = await openPostgres((await freshPgDatabase()).url, poolMax)
  opened.push(database)
  await migrate(database.db)
  return database.db
}

storeScopeCases(() => migrated())

/** Advisory locks some transaction waits for right now. */
async function waitingAdvisoryLocks (db: Db): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from pg_locks
    where locktype = 'advisory' and not granted and database = (select oid from pg_database where datname = current_database())`.execute(db)
  return Number(rows[0]!.n)
}

/** A write transaction on `db` that holds its writer lock until `release` is called. */
function holdWriterLock (db: Db): { started: Promise<void>, release: () => void, done: Promise<void> } {
  let release!: () => void
  let started!: () => void
  const startedPromise = new Promise<void>(resolve => { started = resolve })
  const released = new Promise<void>(resolve => { release = resolve })
  const done = inTransaction(db, async () => { started(); await released })
  return { started: startedPromise, release, done }
}

describe('the writer lock on PostgreSQL', () => {
  it('is per store: a second writer of the same store waits, one of another store does not', async () => {
    const root = await migrated(6)
    await root.insertInto('stores').values({ id: 'east', slug: 'east', name: 'East', sealed_settings: null, created_at: new Date().toISOString() }).execute()
    const main = forStore(root, DEFAULT_STORE_ID)
    const east = forStore(root, 'east')
    const first = holdWriterLock(main)
    await first.started
    // Another store writes and commits while the default store's writer holds its lock.
    await inTransaction(east, trx => trx.insertInto('settings').values({ key: 'k', value: 'east' }).execute())
    expect(await waitingAdvisoryLocks(root)).toBe(0)
    // The same store's second writer queues behind the first.
    let secondDone = false
    const second = inTransaction(main, trx => trx.insertInto('settings').values({ key: 'k', value: 'main' }).execute()).then(() => { secondDone = true })
    await pollUntil(async () => await waitingAdvisoryLocks(root) === 1, { what: 'the second writer of the store to wait for the lock' })
    expect(secondDone).toBe(false)
    first.release()
    await Promise.all([first.done, second])
    expect(await root.selectFrom('settings').select(['store_id', 'value']).where('key', '=', 'k').orderBy('store_id').execute())
      .toEqual([{ store_id: DEFAULT_STORE_ID, value: 'main' }, { store_id: 'east', value: 'east' }])
  })

  it('of an unscoped (root) writer excludes every store\'s writers, and waits for them', async () => {
    const root = await migrated(6)
    const main = forStore(root, DEFAULT_STORE_ID)
    const store = holdWriterLock(main)
    await store.started
    const rootWriter = holdWriterLock(root)
    await pollUntil(async () => await waitingAdvisoryLocks(root) === 1, { what: 'the root writer to wait for the store writer' })
    store.release()
    await rootWriter.started
    const storeWriter = inTransaction(main, trx => trx.insertInto('settings').values({ key: 'after-root', value: '1' }).execute())
    await pollUntil(async () => await waitingAdvisoryLocks(root) === 1, { what: 'the store writer to wait for the root writer' })
    rootWriter.release()
    await Promise.all([store.done, rootWriter.done, storeWriter])
  })

  it('leaves store_id without a default: a row the root handle inserts without a store fails loudly', async () => {
    const root = await migrated()
    await expect(root.insertInto('settings').values({ key: 'k', value: 'v' }).execute()).rejects.toThrow(/store_id/)
  })
})
