// Drives open payments and refunds to a definite state: on a timer, and at start-up for whatever was in flight;
// the same timer sweeps orphaned unpaid orders. Every process on a shared (PostgreSQL) database runs one (issue
// 16): a due payment or refund is leased to one process while it is checked, so exactly one process talks to
// Alipay about it at a time; the lease runs out if that process dies, and the next process to look takes the row
// over. On SQLite one process serves the database: a pass reads the due rows and writes no lease.
import type { FastifyBaseLogger } from 'fastify'
import type { Db } from '../db/database.js'
import { claimDuePayments, countOpenPayments, duePaymentIds, releasePaymentLease, type LeaseClaim } from '../repositories/payments.js'
import { claimDueRefunds, countOpenRefunds, dueRefundIds, releaseRefundLease } from '../repositories/refunds.js'
import type { PaymentService } from './payment-service.js'
import type { RefundService } from './refund-service.js'

/**
 * How long a claimed payment or refund stays this process's: how long a dead process's check waits before another
 * process takes it. At least GATEWAY_CALLS_PER_CHECK gateway calls' worth (reconcileLeaseMs), so a live process's
 * lease never runs out under a check that is waiting on Alipay.
 */
export const RECONCILE_LEASE_MS = 30_000
/** Gateway calls one check makes at most: a query and a cancel; for a payment found paid too late, a refund and its query. */
export const GATEWAY_CALLS_PER_CHECK = 4
/** Room beyond the gateway calls for the check's own database writes. */
const LEASE_MARGIN_MS = 10_000

/** The lease for an ALIPAY_TIMEOUT_MS: RECONCILE_LEASE_MS, or longer when a check's calls could outlast it. */
export function reconcileLeaseMs (alipayTimeoutMs: number): number {
  return Math.max(RECONCILE_LEASE_MS, GATEWAY_CALLS_PER_CHECK * alipayTimeoutMs + LEASE_MARGIN_MS)
}

export interface ReconcilerDeps {
  db: Db
  payments: PaymentService
  refunds: RefundService
  log: FastifyBaseLogger
  /** This process's instance id, written on the rows it leases; absent on SQLite, where nothing is leased. */
  owner?: string
  /** RECONCILE_LEASE_MS unless set (the plugin sets reconcileLeaseMs(ALIPAY_TIMEOUT_MS); tests shorten it). */
  leaseMs?: number
  /** Orphaned unpaid orders, looked at on the same timer (absent when UNPAID_ORDER_TTL_S=0). */
  unpaidOrders?: { maybeRun: () => Promise<void> }
  intervalMs?: number
  now?: () => number
}

/** Rows handled per tick; the rest wait for the next one, so one tick never runs for long. */
const BATCH = 50

interface Leased {
  kind: 'payment' | 'refund'
  claim: (db: Db, claim: LeaseClaim) => Promise<string[]>
  due: (db: Db, now: string, limit: number) => Promise<string[]>
  release: (db: Db, id: string, owner: string) => Promise<void>
  work: (id: string) => Promise<void>
}

export class Reconciler {
  private timer: NodeJS.Timeout | null = null
  private running: Promise<void> | null = null
  private stopping = false
  private readonly now: () => number
  private readonly leaseMs: number

  constructor (private readonly deps: ReconcilerDeps) {
    this.now = deps.now ?? Date.now
    this.leaseMs = deps.leaseMs ?? RECONCILE_LEASE_MS
  }

  async start (): Promise<void> {
    this.stopping = false
    const inFlight = await countOpenPayments(this.deps.db)
    if (inFlight > 0) this.deps.log.info({ inFlight }, 'resuming in-flight payments')
    // Refunds recorded but not confirmed (a crash right after a double payment's commit, say) are due
    // already, so the first tick sends or confirms them whatever their payment's state.
    const openRefunds = await countOpenRefunds(this.deps.db)
    if (openRefunds > 0) this.deps.log.info({ openRefunds }, 'resuming open refunds')
    this.timer = setInterval(() => { void this.tick() }, this.deps.intervalMs ?? 1000)
    void this.tick()
  }

  /** Takes no more work, and waits for the check under way (whose leases the pass then gives back). */
  async stop (): Promise<void> {
    this.stopping = true
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    await this.running
  }

  /** One pass over everything due; overlapping calls share the pass in progress. */
  tick (): Promise<void> {
    this.running ??= this.pass().finally(() => { this.running = null })
    return this.running
  }

  private async pass (): Promise<void> {
    const { payments, refunds, log } = this.deps
    try {
      await this.drain({ kind: 'payment', claim: claimDuePayments, due: duePaymentIds, release: releasePaymentLease, work: id => payments.check(id) })
      await this.drain({ kind: 'refund', claim: claimDueRefunds, due: dueRefundIds, release: releaseRefundLease, work: id => refunds.execute(id, 'reconciler', { leaseHeldByCaller: true }) })
    } catch (error) {
      // A claim that failed (the database away for a moment): the next tick claims again.
      log.error({ err: error }, 'claiming due payments or refunds failed')
    }
    if (this.stopping) return
    // After the payments: one that just ended this pass counts as ended now, not TTL ago.
    try {
      await this.deps.unpaidOrders?.maybeRun()
    } catch (error) {
      log.error({ err: error }, 'sweeping unpaid orders failed')
    }
  }

  /**
   * Claims due rows one at a time, up to BATCH, and works each: a lease starts when its row's check does (a batch
   * claimed at once could run out before its last row is reached), and processes looking together share the due
   * rows. Finished rows keep their lease until the pass ends, so one whose check left it due (a failure) is not
   * claimed again in the same pass; then each is given back. Without an owner (SQLite) the due rows are read and
   * worked, with no lease written.
   */
  private async drain (leased: Leased): Promise<void> {
    const { db, owner, log } = this.deps
    if (owner === undefined) {
      for (const id of await leased.due(db, new Date(this.now()).toISOString(), BATCH)) {
        if (this.stopping) return
        await this.work(leased, id)
      }
      return
    }
    const claimed: string[] = []
    try {
      while (claimed.length < BATCH && !this.stopping) {
        const now = this.now()
        const [id] = await leased.claim(db, { owner, now: new Date(now).toISOString(), until: new Date(now + this.leaseMs).toISOString(), limit: 1 })
        if (id === undefined) return
        claimed.push(id)
        await this.work(leased, id)
      }
    } finally {
      for (const id of claimed) {
        await leased.release(db, id, owner)
          .catch((error: unknown) => { log.warn({ err: error, [`${leased.kind}Id`]: id }, 'giving a lease back failed; it runs out by itself') })
      }
    }
  }

  private async work (leased: Leased, id: string): Promise<void> {
    try {
      await leased.work(id)
    } catch (error) {
      this.deps.log.error({ err: error, [`${leased.kind}Id`]: id }, `reconciling a ${leased.kind} failed`)
    }
  }
}
