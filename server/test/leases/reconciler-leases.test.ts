// The reconciler's leases (issue 16): several processes on one database each run a reconciler, and a payment or
// refund is checked by one of them at a time; a dead process's lease runs out and the row moves; a stopping
// reconciler finishes what it runs and gives its leases back. Two handles on one SQLite file stand for two processes.
import { afterEach, describe, expect, it } from 'vitest'
import { migrate, openDatabase, type Db } from '../../src/db/database.js'
import { Reconciler, RECONCILE_LEASE_MS, reconcileLeaseMs } from '../../src/payments/reconciler.js'
import { claimDuePayments } from '../../src/repositories/payments.js'
import { claimDueRefunds } from '../../src/repositories/refunds.js'
import { tempDataDir } from '../helper.js'
import { at, checkedUntil, duePayments, dueRefund, gate, leaseOf, silent } from './fixtures.js'

const NOW = Date.parse('2026-03-02T05:00:00.000Z')

const opened: Db[] = []
afterEach(async () => {
  for (const db of opened.splice(0)) await db.destroy()
})

/** `count` handles on one new, migrated database: one per "process". */
async function databases (count: number): Promise<Db[]> {
  const dir = tempDataDir()
  const handles = Array.from({ length: count }, () => openDatabase(dir).db)
  opened.push(...handles)
  await migrate(handles[0]!)
  return handles
}

interface FakeServices {
  check?: (id: string) => Promise<void>
  execute?: (id: string) => Promise<void>
}

function reconciler (db: Db, owner: string, services: FakeServices, options: { now?: () => number, leaseMs?: number } = {}): Reconciler {
  return new Reconciler({
    db,
    servicesOf: async () => ({
      payments: { check: services.check ?? (async () => {}) },
      refunds: { execute: services.execute ?? (async () => {}) },
    }),
    log: silent,
    owner,
    now: options.now ?? (() => NOW),
    ...(options.leaseMs === undefined ? {} : { leaseMs: options.leaseMs }),
  })
}

describe('reconciler leases', () => {
  it('never lets two reconcilers check the same payment at once, and checks each due payment once', async () => {
    const [first, second] = await databases(2)
    const ids = await duePayments(first!, 6, NOW - 1000)
    const active = new Map<string, string>()
    const doubled: string[] = []
    const checked: Array<{ owner: string, id: string }> = []
    // Every check waits until both reconcilers are inside one: their passes truly overlap.
    const bothBusy = gate()
    let busy = 0
    const checking = (owner: string, db: Db) => async (id: string): Promise<void> => {
      if (active.has(id)) doubled.push(id)
      active.set(id, owner)
      checked.push({ owner, id })
      if (++busy >= 2) bothBusy.open()
      await bothBusy.promise
      await checkedUntil(db, id, NOW + 60_000)
      active.delete(id)
      busy--
    }
    const a = reconciler(first!, 'process-a', { check: checking('process-a', first!) })
    const b = reconciler(second!, 'process-b', { check: checking('process-b', second!) })

    await Promise.all([a.tick(), b.tick()])

    expect(doubled).toEqual([])
    expect(checked.map(check => check.id).sort()).toEqual([...ids].sort())
    expect(new Set(checked.map(check => check.owner))).toEqual(new Set(['process-a', 'process-b']))
    // Each finished check gave its lease back.
    for (const id of ids) expect(await leaseOf(first!, id)).toEqual({ owner: null, until: null })
  })

  it('moves a dead process\'s payment and refund to another once their leases ran out, not before', async () => {
    const [db] = await databases(1)
    const [paymentId] = await duePayments(db!, 1, NOW - 1000)
    const refundId = await dueRefund(db!, paymentId!, NOW - 1000)
    // The dead process claimed both, then never finished (nor gave them back).
    const claim = { owner: 'dead', now: at(NOW), until: at(NOW + RECONCILE_LEASE_MS), limit: 5 }
    expect(await claimDuePayments(db!, claim)).toEqual([{ id: paymentId, storeId: 'default' }])
    expect(await claimDueRefunds(db!, claim)).toEqual([{ id: refundId, storeId: 'default' }])

    let clock = NOW + RECONCILE_LEASE_MS - 1
    const checked: string[] = []
    const alive = reconciler(db!, 'alive', {
      check: async (id) => { checked.push(id); await checkedUntil(db!, id, clock + 3000) },
      execute: async (id) => { checked.push(id) },
    }, { now: () => clock })
    await alive.tick()
    expect(checked).toEqual([])
    expect(await leaseOf(db!, paymentId!)).toEqual({ owner: 'dead', until: at(NOW + RECONCILE_LEASE_MS) })

    clock = NOW + RECONCILE_LEASE_MS
    await alive.tick()
    expect(checked).toEqual([paymentId, refundId])
    expect(await leaseOf(db!, paymentId!)).toEqual({ owner: null, until: null })
  })

  it('on stop takes no more work, waits for the check under way, and gives its leases back', async () => {
    const [db] = await databases(1)
    const ids = await duePayments(db!, 3, NOW - 1000)
    const inCheck = gate()
    const mayFinish = gate()
    const checked: string[] = []
    const r = reconciler(db!, 'closing', {
      check: async (id) => {
        checked.push(id)
        inCheck.open()
        await mayFinish.promise
        await checkedUntil(db!, id, NOW + 3000)
      },
    }, { leaseMs: 5000 })
    const pass = r.tick()
    await inCheck.promise
    // The lease is the deps' length, from the claim.
    expect(await leaseOf(db!, checked[0]!)).toEqual({ owner: 'closing', until: at(NOW + 5000) })

    let stopped = false
    const stopping = r.stop().then(() => { stopped = true })
    await new Promise(resolve => setImmediate(resolve))
    expect(stopped).toBe(false)
    mayFinish.open()
    await stopping
    await pass

    expect(checked).toHaveLength(1)
    for (const id of ids) expect(await leaseOf(db!, id)).toEqual({ owner: null, until: null })
  })

  it('leases for at least the gateway calls one check can make', () => {
    expect(reconcileLeaseMs(5000)).toBe(RECONCILE_LEASE_MS)
    // ALIPAY_TIMEOUT_MS at its maximum (120 s): longer than four such calls.
    expect(reconcileLeaseMs(120_000)).toBeGreaterThan(4 * 120_000)
  })
})
