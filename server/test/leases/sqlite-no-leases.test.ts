// On SQLite one process serves the database, so nothing is leased (issue 16): a reconciler pass reads the due
// payments and writes no lease, and singleton jobs run without a lease row — each lease would be one more
// fsync'd write (every 3 s per open QR). On PostgreSQL (DATABASE_URL) the lease suites cover the leases.
import { describe, expect, it } from 'vitest'
import { TEST_DATABASE } from '../helper.js'
import { startApp } from '../payments/fixtures.js'
import { pollUntil } from '../poll.js'
import { duePayments, leaseOf } from './fixtures.js'

describe.skipIf(TEST_DATABASE !== 'sqlite')('leases on SQLite', () => {
  it('are never written: the reconciler checks a due payment, and a job runs, with no lease', async () => {
    const { app } = await startApp()
    const [paymentId] = await duePayments(app.db, 1, Date.now() - 1000)
    const leasesSeen: Array<string | null> = []
    const check = app.payments.check.bind(app.payments)
    app.payments.check = async (id, source) => {
      leasesSeen.push((await leaseOf(app.db, id)).owner)
      await check(id, source)
    }
    await pollUntil(() => leasesSeen.length > 0, { what: 'the reconciler checking the due payment' })
    expect(leasesSeen[0]).toBeNull()
    expect((await leaseOf(app.db, paymentId!)).owner).toBeNull()

    const jobLeases: string[] = []
    const runExclusive = app.jobLeases.runExclusive.bind(app.jobLeases)
    app.jobLeases.runExclusive = async (name, work) => {
      jobLeases.push(name)
      return runExclusive(name, work)
    }
    await app.dinerRetention.pass()
    expect(jobLeases).toEqual([])
    expect(await app.db.selectFrom('leases').selectAll().execute()).toEqual([])
  })
})
