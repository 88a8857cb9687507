// Drives open payments and refunds to a definite state: on a timer, and at start-up for whatever was in flight;
// the same timer sweeps orphaned unpaid orders.
import type { FastifyBaseLogger } from 'fastify'
import type { Db } from '../db/database.js'
import { countOpenPayments, duePaymentIds } from '../repositories/payments.js'
import { countOpenRefunds, dueRefundIds } from '../repositories/refunds.js'
import type { PaymentService } from './payment-service.js'
import type { RefundService } from './refund-service.js'

export interface ReconcilerDeps {
  db: Db
  payments: PaymentService
  refunds: RefundService
  log: FastifyBaseLogger
  /** Orphaned unpaid orders, looked at on the same timer (absent when UNPAID_ORDER_TTL_S=0). */
  unpaidOrders?: { maybeRun: () => Promise<void> }
  intervalMs?: number
  now?: () => number
}

/** Rows handled per tick; the rest wait for the next one, so one tick never runs for long. */
const BATCH = 50

export class Reconciler {
  private timer: NodeJS.Timeout | null = null
  private running: Promise<void> | null = null
  private readonly now: () => number

  constructor (private readonly deps: ReconcilerDeps) {
    this.now = deps.now ?? Date.now
  }

  async start (): Promise<void> {
    const inFlight = await countOpenPayments(this.deps.db)
    if (inFlight > 0) this.deps.log.info({ inFlight }, 'resuming in-flight payments')
    // Refunds recorded but not confirmed (a crash right after a double payment's commit, say) are due
    // already, so the first tick sends or confirms them whatever their payment's state.
    const openRefunds = await countOpenRefunds(this.deps.db)
    if (openRefunds > 0) this.deps.log.info({ openRefunds }, 'resuming open refunds')
    this.timer = setInterval(() => { void this.tick() }, this.deps.intervalMs ?? 1000)
    void this.tick()
  }

  async stop (): Promise<void> {
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
    const now = new Date(this.now()).toISOString()
    const { db, payments, refunds, log } = this.deps
    for (const id of await duePaymentIds(db, now, BATCH)) {
      try {
        await payments.check(id)
      } catch (error) {
        log.error({ err: error, paymentId: id }, 'reconciling a payment failed')
      }
    }
    for (const id of await dueRefundIds(db, now, BATCH)) {
      try {
        await refunds.execute(id)
      } catch (error) {
        log.error({ err: error, refundId: id }, 'reconciling a refund failed')
      }
    }
    // After the payments: one that just ended this pass counts as ended now, not TTL ago.
    try {
      await this.deps.unpaidOrders?.maybeRun()
    } catch (error) {
      log.error({ err: error }, 'sweeping unpaid orders failed')
    }
  }
}
