// Leases across app instances on one database (issue 16): each process has its own instance id; closing one hands
// every lease it holds back at once; the nightly bill reconciliation, checked by two processes together, runs once.
import { describe, expect, it } from 'vitest'
import { NightlyReconciliation } from '../../src/reconciliation/nightly.js'
import { claimDuePayments } from '../../src/repositories/payments.js'
import type { Reconciliation } from '#shared/schemas/reports.js'
import { buildTestApp } from '../helper.js'
import { startApp, stopApp } from '../payments/fixtures.js'
import { pollUntil } from '../poll.js'
import { at, duePayments, gate, leaseOf, sharedDatabaseEnv, silent } from './fixtures.js'

describe('leases across app instances', () => {
  it('are handed back when an app closes, so another process takes the work at once', async () => {
    const env = await sharedDatabaseEnv()
    const first = await buildTestApp(env)
    const second = await buildTestApp(env)
    expect(first.instanceId).not.toBe(second.instanceId)
    const now = Date.now()
    const [paymentId] = await duePayments(first.db, 1, now - 1000)
    const claim = (owner: string) => claimDuePayments(first.db, { owner, now: at(now), until: at(now + 60_000), limit: 5 })
    expect(await claim(first.instanceId)).toEqual([{ id: paymentId, storeId: 'default' }])
    expect(await first.jobLeases.acquire('printer:p1')).toBe(true)
    // Held: the other process gets neither.
    expect(await claim(second.instanceId)).toEqual([])
    expect(await second.jobLeases.acquire('printer:p1')).toBe(false)

    await first.close()

    expect(await leaseOf(second.db, paymentId!)).toEqual({ owner: null, until: null })
    expect(await claimDuePayments(second.db, { owner: second.instanceId, now: at(now), until: at(now + 60_000), limit: 5 })).toEqual([{ id: paymentId, storeId: 'default' }])
    expect(await second.jobLeases.acquire('printer:p1')).toBe(true)
  })

  it('run the nightly bill reconciliation once when two processes check it together', async () => {
    const env = await sharedDatabaseEnv()
    const first = await startApp(env)
    const second = await startApp(env)
    // 05:00 UTC is 13:00 in Beijing: yesterday's bill (1 March) is due.
    const due = new Date('2026-03-02T05:00:00.000Z')
    const day = '2026-03-01'
    const runs: string[] = []
    const firstRunMayEnd = gate()
    const nightly = (app: typeof first.app, name: string) => new NightlyReconciliation({
      reconciliation: {
        get: async (date: string) => app.billReconciliation.get(date),
        run: async (date: string): Promise<Reconciliation> => {
          runs.push(name)
          // The first run stays under way until the other process has checked.
          if (runs.length === 1) await firstRunMayEnd.promise
          return app.billReconciliation.run(date)
        },
      },
      leases: app.jobLeases,
      log: silent,
      now: () => due,
    })
    const [a, b] = [nightly(first.app, 'first'), nightly(second.app, 'second')]

    const checking = a.check()
    await pollUntil(() => runs.length === 1, { what: 'the first process reconciling' })
    await b.check()
    firstRunMayEnd.open()
    await checking
    expect((await second.app.billReconciliation.get(day)).status).not.toBe('not_run')
    // Done: either process now finds the day reconciled.
    await b.check()
    await a.check()
    expect(runs).toEqual(['first'])

    await stopApp(first.app)
    await stopApp(second.app)
  })
})
