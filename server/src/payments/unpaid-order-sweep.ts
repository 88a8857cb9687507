// The sweep of orphaned unpaid orders (services/unpaid-orders.ts), run from the reconciler's timer: every
// few seconds it cancels the pay-first orders nobody has tried to pay for in UNPAID_ORDER_TTL_S.
import type { FastifyBaseLogger } from 'fastify'
import type { Db } from '../db/database.js'
import { abandonedOrderIds } from '../repositories/unpaid-orders.js'

/** Orders cancelled per pass at most; the rest wait for the next one. */
const BATCH = 50
/** How often it looks: a tenth of the TTL (an order goes at most 10 % late), within these bounds. */
const MIN_INTERVAL_MS = 1000
const MAX_INTERVAL_MS = 30_000

export interface UnpaidOrderSweepDeps {
  db: Db
  ttlMs: number
  /** Cancels one order if still unpaid with no payment ended after `endedBefore`; true when it did. */
  cancel: (orderId: string, endedBefore: string) => Promise<boolean>
  log: FastifyBaseLogger
  now?: () => number
}

export class UnpaidOrderSweep {
  private readonly now: () => number
  private readonly intervalMs: number
  private nextAt = 0

  constructor (private readonly deps: UnpaidOrderSweepDeps) {
    this.now = deps.now ?? Date.now
    this.intervalMs = Math.min(MAX_INTERVAL_MS, Math.max(MIN_INTERVAL_MS, Math.floor(deps.ttlMs / 10)))
  }

  /** On every reconciler tick: a pass when one is due. */
  async maybeRun (): Promise<void> {
    const now = this.now()
    if (now < this.nextAt) return
    this.nextAt = now + this.intervalMs
    await this.run(now)
  }

  /** One pass as of `now` (epoch ms); gives the ids it cancelled. */
  async run (now: number = this.now()): Promise<string[]> {
    const cutoff = new Date(now - this.deps.ttlMs).toISOString()
    const cancelled: string[] = []
    for (const orderId of await abandonedOrderIds(this.deps.db, cutoff, BATCH)) {
      try {
        if (await this.deps.cancel(orderId, cutoff)) cancelled.push(orderId)
      } catch (error) {
        this.deps.log.error({ err: error, orderId }, 'cancelling an unpaid order failed')
      }
    }
    if (cancelled.length > 0) this.deps.log.info({ orderIds: cancelled }, 'unpaid orders cancelled: nobody paid in time (payment_abandoned)')
    return cancelled
  }
}
