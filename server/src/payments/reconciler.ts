// Drives open payments and refunds to a definite state: on a timer, and at start-up for whatever was in flight;
// the same timer sweeps orphaned unpaid orders. Every process on a shared (PostgreSQL) database runs one (issue
// 16): a due payment or refund is leased to one process while it is checked, so exactly one process talks to
// Alipay about it at a time; the lease runs out if that process dies, and the next process to look takes the row
// over. On SQLite one process serves the database: a pass reads the due rows and writes no lease. One reconciler
// serves every store (issue 16 phase B): it claims on the root handle and hands each row to its store's services.
import type { FastifyBaseLogger } from 'fastify'
import type { Db } from '../db/database.js'
import { claimDuePayments, countOpenPayments, duePaymentIds, postponePaymentCheck, releasePaymentLease, type DueRow, type LeaseClaim } from '../repositories/payments.js'
import { claimDueRefunds, countOpenRefunds, dueRefundIds, postponeRefundCheck, releaseRefundLease } from '../repositories/refunds.js'
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

/** What the reconciler asks of a store: its payments checked, its refunds executed. */
export interface StoreReconciling {
  payments: Pick<PaymentService, 'check'>
  refunds: Pick<RefundService, 'execute'>
}

export interface ReconcilerDeps {
  /** The root handle: due rows of every store are claimed through it. */
  db: Db
  /** The services of the row's store (StoreRegistry.get). */
  servicesOf: (storeId: string) => Promise<StoreReconciling>
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

/**
 * How long a row of a store that cannot load (its sealed settings unreadable) waits before it is tried again: moved
 * on, it no longer stays among the oldest due and takes every batch from the stores that work.
 */
export const UNLOADABLE_STORE_RETRY_MS = 60_000

interface Leased {
  kind: 'payment' | 'refund'
  claim: (db: Db, claim: LeaseClaim) => Promise<DueRow[]>
  due: (db: Db, now: string, limit: number) => Promise<DueRow[]>
  release: (db: Db, id: string, owner: string) => Promise<void>
  postpone: (db: Db, id: string, at: string) => Promise<void>
  work: (services: StoreReconciling, id: string) => Promise<void>
}

export class Reconciler {
  private timer: NodeJS.Timeout | null = null
  private running: Promise<void> | null = null
  private stopping = false
  private readonly now: () => number
  private readonly leaseMs: number
  /** Stores that could not load, logged once each until one loads again. */
  private readonly unloadable = new Set<string>()

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
    const { log } = this.deps
    try {
      await this.drain({ kind: 'payment', claim: claimDuePayments, due: duePaymentIds, release: releasePaymentLease, postpone: postponePaymentCheck, work: (store, id) => store.payments.check(id) })
      await this.drain({ kind: 'refund', claim: claimDueRefunds, due: dueRefundIds, release: releaseRefundLease, postpone: postponeRefundCheck, work: (store, id) => store.refunds.execute(id, 'reconciler', { leaseHeldByCaller: true }) })
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
      for (const row of await leased.due(db, new Date(this.now()).toISOString(), BATCH)) {
        if (this.stopping) return
        await this.work(leased, row)
      }
      return
    }
    const claimed: string[] = []
    try {
      while (claimed.length < BATCH && !this.stopping) {
        const now = this.now()
        const [row] = await leased.claim(db, { owner, now: new Date(now).toISOString(), until: new Date(now + this.leaseMs).toISOString(), limit: 1 })
        if (row === undefined) return
        claimed.push(row.id)
        await this.work(leased, row)
      }
    } finally {
      for (const id of claimed) {
        await leased.release(db, id, owner)
          .catch((error: unknown) => { log.warn({ err: error, [`${leased.kind}Id`]: id }, 'giving a lease back failed; it runs out by itself') })
      }
    }
  }

  /**
   * Works the row with its store's services. A store that cannot load (its settings unreadable) has the row's next
   * check pushed back (UNLOADABLE_STORE_RETRY_MS), so the oldest due rows are not that store's forever.
   */
  private async work (leased: Leased, row: DueRow): Promise<void> {
    const { db, log } = this.deps
    let services: StoreReconciling
    try {
      services = await this.deps.servicesOf(row.storeId)
    } catch (error) {
      if (!this.unloadable.has(row.storeId)) {
        this.unloadable.add(row.storeId)
        log.error({ err: error, storeId: row.storeId }, 'a store could not load: its due payments and refunds wait')
      }
      await leased.postpone(db, row.id, new Date(this.now() + UNLOADABLE_STORE_RETRY_MS).toISOString())
        .catch((postponeError: unknown) => { log.warn({ err: postponeError, [`${leased.kind}Id`]: row.id }, `postponing a ${leased.kind} failed`) })
      return
    }
    if (this.unloadable.delete(row.storeId)) log.info({ storeId: row.storeId }, 'a store loads again')
    try {
      await leased.work(services, row.id)
    } catch (error) {
      log.error({ err: error, [`${leased.kind}Id`]: row.id, storeId: row.storeId }, `reconciling a ${leased.kind} failed`)
    }
  }
}
