// The claim queries under real concurrency on PostgreSQL (issue 16): twenty processes' claimers at once, each
// due payment claimed by exactly one of them; twenty processes racing for one job lease, one winner.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrate, openPostgres, type OpenedPostgres } from '../../src/db/database.js'
import { claimDuePayments } from '../../src/repositories/payments.js'
import { acquireLease } from '../../src/repositories/leases.js'
import { freshPgDatabase } from '../pg.js'
import { at, duePayments } from './fixtures.js'

const CLAIMERS = 20
const PAYMENTS = 60
const NOW = Date.parse('2026-03-02T05:00:00.000Z')

let database: OpenedPostgres

beforeAll(async () => {
  const { url } = await freshPgDatabase()
  // A connection per claimer, so the claims really run at the same time.
  database = await openPostgres(url, CLAIMERS + 2)
  await migrate(database.db)
})

afterAll(async () => { await database.close() })

describe('claiming due payments on PostgreSQL', () => {
  it('gives each payment to exactly one of twenty concurrent claimers', async () => {
    const ids = await duePayments(database.db, PAYMENTS, NOW - 1000)
    const claimedBy = new Map<string, string[]>()
    // Each claimer takes a few at a time until nothing is left for it; a claimer that lost every row of its
    // batch to the others just claims again.
    const claimer = async (owner: string): Promise<void> => {
      for (let round = 0; round < PAYMENTS; round++) {
        const claimed = await claimDuePayments(database.db, { owner, now: at(NOW), until: at(NOW + 30_000), limit: 3 })
        for (const { id } of claimed) claimedBy.set(id, [...(claimedBy.get(id) ?? []), owner])
        if (claimed.length === 0 && claimedBy.size === PAYMENTS) return
      }
    }
    await Promise.all(Array.from({ length: CLAIMERS }, (_, n) => claimer(`process-${n}`)))

    expect([...claimedBy.entries()].filter(([, owners]) => owners.length > 1)).toEqual([])
    expect([...claimedBy.keys()].sort()).toEqual([...ids].sort())
    // Each row names its one claimer. (How the rows are split is timing: a claimer never waits for another's row,
    // SKIP LOCKED, so on a loaded machine one claimer may take them all before the others have connected.)
    const rows = await database.db.selectFrom('payments').select(['id', 'lease_owner']).execute()
    for (const row of rows) expect(row.lease_owner).toBe(claimedBy.get(row.id)![0])
  })

  it('gives a job lease to exactly one of twenty processes racing for it', async () => {
    const won = await Promise.all(Array.from({ length: CLAIMERS }, (_, n) =>
      acquireLease(database.db, 'reconciliation:nightly', `process-${n}`, at(NOW), at(NOW + 30_000))))
    expect(won.filter(Boolean)).toHaveLength(1)
  })
})

describe('a claim racing another for the oldest due payment', () => {
  it('takes the next due payment instead of waiting for the other and coming back empty', async () => {
    const [oldest, next] = await duePayments(database.db, 2, NOW - 500)
    await database.db.updateTable('payments').set({ next_check_at: at(NOW - 900) }).where('id', '=', oldest!).execute()
    // Another process's claim of the oldest, not yet committed, holds its row.
    const claimed = await database.db.transaction().execute(async (trx) => {
      await trx.updateTable('payments').set({ lease_owner: 'process-a', lease_until: at(NOW + 30_000) }).where('id', '=', oldest!).execute()
      return claimDuePayments(database.db, { owner: 'process-b', now: at(NOW), until: at(NOW + 30_000), limit: 1 })
    })
    expect(claimed).toEqual([{ id: next, storeId: 'default' }])
  })
})
