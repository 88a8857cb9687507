// DINER_DATA_DAYS: what identifies a phone diner is kept only so long after their last sign-in. Run once
// at start and then daily; a pass is one transaction, cheap enough to run while serving. With several processes on
// one database, a pass runs under the job lease RETENTION_LEASE: one process erases at a time (passes repeated
// one after another find nothing left, so they need no more than that).
import type { FastifyBaseLogger } from 'fastify'
import type { Db } from '../db/database.js'
import type { JobLeases } from '../lib/job-leases.js'
import { eraseBuyerIdsBefore, eraseDinersNotSeenSince } from '../repositories/diners.js'

export const DAY_MS = 86_400_000
/** The job lease (lib/job-leases.ts) a pass runs under. */
export const RETENTION_LEASE = 'diners:retention'

export interface DinerRetentionDeps {
  db: Db
  days: number
  log: FastifyBaseLogger
  /** Absent: passes run unguarded (a lone process, unit tests). */
  leases?: Pick<JobLeases, 'runExclusive'>
  now?: () => number
  /** Between passes; a day unless a test wants it shorter. */
  intervalMs?: number
}

/**
 * One pass: erases the data of diners last seen more than `days` ago, and the buyer ids Alipay reported
 * for payments as old (tablet QR payments have a buyer too), batch after batch until none is left.
 */
export async function eraseExpiredDinerData (db: Db, days: number, now = Date.now()): Promise<{ diners: number, payments: number }> {
  const cutoff = new Date(now - days * DAY_MS).toISOString()
  const diners = await eraseDinersNotSeenSince(db, cutoff)
  let payments = 0
  for (let batch = await eraseBuyerIdsBefore(db, cutoff); batch > 0; batch = await eraseBuyerIdsBefore(db, cutoff)) payments += batch
  return { diners, payments }
}

export class DinerRetention {
  private timer: NodeJS.Timeout | null = null
  private running: Promise<void> | null = null

  constructor (private readonly deps: DinerRetentionDeps) {}

  /** The first pass now (awaited, so a restart after a long stop erases before serving), then daily. */
  async start (): Promise<void> {
    await this.pass()
    this.timer = setInterval(() => { void this.pass() }, this.deps.intervalMs ?? DAY_MS)
    // A daily chore never keeps the process alive on its own.
    this.timer.unref()
  }

  async stop (): Promise<void> {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    await this.running
  }

  /** Overlapping calls share the pass in progress; a failure is logged and tried again next time. */
  pass (): Promise<void> {
    this.running ??= this.run().finally(() => { this.running = null })
    return this.running
  }

  private async run (): Promise<void> {
    const { db, days, log, now, leases } = this.deps
    const erase = async (): Promise<void> => {
      const erased = await eraseExpiredDinerData(db, days, (now ?? Date.now)())
      if (erased.diners > 0 || erased.payments > 0) log.info({ ...erased, days }, 'diner data past DINER_DATA_DAYS erased')
    }
    try {
      // Another process erasing right now: this pass is theirs.
      if (leases) await leases.runExclusive(RETENTION_LEASE, erase)
      else await erase()
    } catch (error) {
      log.error({ err: error }, 'erasing diner data past DINER_DATA_DAYS failed')
    }
  }
}
