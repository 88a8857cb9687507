// The nightly run: once yesterday's bill is due (Alipay publishes it by 10:00 Beijing time), reconcile that day;
// a day with no bill yet or a failed run is tried again hourly; a day that matched, mismatched or cannot be
// reconciled on this gateway (unavailable) is done. With several processes on one database, each checks on its own
// timer but a check runs under the job lease NIGHTLY_LEASE: one process at a time reads and reconciles the day, and
// the others find it done.
import type { FastifyBaseLogger } from 'fastify'
import { DEFAULT_STORE_ID } from '../db/store-scope.js'
import type { JobLeases } from '../lib/job-leases.js'
import { ReconciliationStatusEnum, type Reconciliation } from '#shared/schemas/reports.js'
import { addDays } from '../reports/report-dates.js'
import { beijingDayOf, beijingHour } from './bill-day.js'

/** Alipay's bill of a day is ready the next morning by this hour, Beijing time. */
export const BILL_DUE_HOUR_BEIJING = 10
export const RETRY_AFTER_MS = 3_600_000
/** Cheap (one read) when there is nothing to do. */
export const CHECK_EVERY_MS = 5 * 60_000
/** Not right at start: a restart storm or a test's short-lived server should not query Alipay. */
export const FIRST_CHECK_AFTER_MS = 60_000

/** The job lease (lib/job-leases.ts) a check runs under: the default store's; see nightlyLease. */
export const NIGHTLY_LEASE = 'reconciliation:nightly'

/**
 * A store's nightly lease: each store's bill is its own (its own Alipay account, perhaps), reconciled on its own.
 * The default store's keeps the name it had before stores, so processes of both versions exclude each other.
 */
export function nightlyLease (storeId: string = DEFAULT_STORE_ID): string {
  return storeId === DEFAULT_STORE_ID ? NIGHTLY_LEASE : `${NIGHTLY_LEASE}:${storeId}`
}

const RETRIED: ReadonlySet<string> = new Set([ReconciliationStatusEnum.NO_BILL, ReconciliationStatusEnum.FAILED])

/** The bill day due for the nightly run at `now`: yesterday in Beijing once it is 10:00 there; null before. */
export function dueBillDay (now: Date): string | null {
  if (beijingHour(now) < BILL_DUE_HOUR_BEIJING) return null
  return addDays(beijingDayOf(now), -1)
}

export function needsRun (last: Reconciliation, now: Date): boolean {
  if (last.status === ReconciliationStatusEnum.NOT_RUN || last.checkedAt === null) return true
  return RETRIED.has(last.status) && now.getTime() - Date.parse(last.checkedAt) >= RETRY_AFTER_MS
}

export interface NightlyDeps {
  reconciliation: { get: (date: string) => Promise<Reconciliation>, run: (date: string) => Promise<Reconciliation> }
  log: FastifyBaseLogger
  /** Absent: the check runs unguarded (a lone process, unit tests). */
  leases?: Pick<JobLeases, 'runExclusive'>
  /** The store whose bill this is: part of its lease name (the default store when absent). */
  storeId?: string
  now?: () => Date
  checkEveryMs?: number
  firstCheckAfterMs?: number
}

export class NightlyReconciliation {
  #timer: NodeJS.Timeout | null = null
  #tick: Promise<void> | null = null
  #stopped = true

  constructor (private readonly deps: NightlyDeps) {}

  start (): void {
    this.#stopped = false
    this.#schedule(this.deps.firstCheckAfterMs ?? FIRST_CHECK_AFTER_MS)
  }

  /** Stops the timer and waits for a run under way (its transaction commits or rolls back whole either way). */
  async stop (): Promise<void> {
    this.#stopped = true
    if (this.#timer !== null) clearTimeout(this.#timer)
    this.#timer = null
    await this.#tick
  }

  /** One check: reconciles the due day when it needs it, unless another process is checking. Never rejects. */
  async check (): Promise<void> {
    const now = this.deps.now?.() ?? new Date()
    const day = dueBillDay(now)
    if (day === null) return
    const { reconciliation, leases } = this.deps
    // Read under the lease: a day another process just reconciled is seen done, not run again.
    const work = async (): Promise<void> => { if (needsRun(await reconciliation.get(day), now)) await reconciliation.run(day) }
    try {
      if (leases) await leases.runExclusive(nightlyLease(this.deps.storeId), work)
      else await work()
    } catch (error) {
      this.deps.log.error({ err: error, day, storeId: this.deps.storeId }, 'nightly bill reconciliation failed')
    }
  }

  #schedule (delayMs: number): void {
    if (this.#stopped) return
    this.#timer = setTimeout(() => {
      this.#timer = null
      this.#tick = this.check().finally(() => {
        this.#tick = null
        this.#schedule(this.deps.checkEveryMs ?? CHECK_EVERY_MS)
      })
    }, delayMs)
    this.#timer.unref()
  }
}
