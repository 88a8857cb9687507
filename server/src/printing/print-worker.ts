// Prints the queue: each printer's jobs one at a time, oldest first. A job is marked printed only after the
// printer took all of it; a printer that fails keeps its jobs, is retried with backoff, and raises one alert
// (resolved when it prints again). Printers do not wait for each other. With several processes on one database, a
// printer is served by one process at a time, under its job lease (printerLease, lib/job-leases.ts): its jobs stay
// in order, and a failing printer is retried on one process's backoff, not on every process's.
import { inTransaction } from '../db/transaction.js'
import type { FastifyBaseLogger } from 'fastify'
import type { Db } from '../db/database.js'
import type { PrinterRow, PrintJobRow } from '../db/schema.js'
import type { EventHub } from '../lib/event-hub.js'
import type { Alerts } from '../payments/alerts.js'
import type { JobLeases } from '../lib/job-leases.js'
import { DEFAULT_STORE_ID } from '../db/store-scope.js'
import { findAlert, resolveAlert } from '../repositories/alerts.js'
import { deletePrintedJobs, markJobFailed, markJobPrinted, nextPrintJob, printersWithQueue } from '../repositories/print-jobs.js'
import { findPrinterRow, markPrinterFailing, markPrinterPrinting } from '../repositories/printers.js'
import { PrinterSendError, type SendToPrinter } from './tcp-sender.js'
import { toAlert } from '../payments/alerts.js'
import { AlertKindEnum } from '#shared/schemas/alert.js'
import { StaffEventEnum } from '#shared/schemas/events.js'

/** Printed jobs are kept this long (what was printed when), then dropped. */
export const PRINTED_JOBS_KEPT_MS = 7 * 86_400_000
const PRUNE_EVERY_MS = 3_600_000

export interface PrintWorkerDeps {
  db: Db
  events: EventHub
  alerts: Pick<Alerts, 'record' | 'announce'>
  log: FastifyBaseLogger
  send: SendToPrinter
  /** The job's bytes, or null when there is nothing left to print (its order is gone). */
  render: (job: PrintJobRow, printer: PrinterRow) => Promise<Buffer | null>
  /** First retry of a failing printer; doubled per failure up to maxRetryMs. */
  retryMs: number
  maxRetryMs?: number
  /** A look at the queue this often even without a wake (jobs left by a crash, a missed wake). */
  pollMs?: number
  /** Absent: printers are served without a lease (a lone process, unit tests). */
  leases?: Pick<JobLeases, 'runExclusive'>
  /** The store whose printers these are: part of each printer's lease name (the default store when absent). */
  storeId?: string
}

/**
 * The job lease of one printer's queue. Another store's carries its id; the default store's keeps the name it had
 * before stores, so processes of both versions exclude each other during a rolling upgrade.
 */
export function printerLease (printerId: string, storeId: string = DEFAULT_STORE_ID): string {
  return storeId === DEFAULT_STORE_ID ? `printer:${printerId}` : `printer:${storeId}:${printerId}`
}

interface Backoff {
  failures: number
  /** Epoch ms before which the printer is not tried again. */
  until: number
}

export class PrintWorker {
  private readonly serving = new Map<string, Promise<void>>()
  /** Printers woken while being served: looked at again once the current run ends (a job may have come after its last read). */
  private readonly missed = new Set<string>()
  private readonly backoff = new Map<string, Backoff>()
  private readonly retryTimers = new Set<NodeJS.Timeout>()
  private poll: NodeJS.Timeout | undefined
  private wakeQueued = false
  private running = false
  private lastPrune = 0

  constructor (private readonly deps: PrintWorkerDeps) {}

  start (): void {
    if (this.running) return
    this.running = true
    this.poll = setInterval(() => { this.wake() }, this.deps.pollMs ?? 30_000)
    this.poll.unref()
    this.wake()
  }

  /** Looks at the queue soon (coalesced): after jobs were committed, or a printer's backoff ran out. */
  wake (): void {
    if (!this.running || this.wakeQueued) return
    this.wakeQueued = true
    setImmediate(() => {
      this.wakeQueued = false
      this.tick().catch((error: unknown) => { this.deps.log.error({ err: error }, 'print queue check failed') })
    })
  }

  /** Stops taking jobs and waits for the ones being sent (each bounded by the sender's timeouts). */
  async stop (): Promise<void> {
    this.running = false
    clearInterval(this.poll)
    for (const timer of this.retryTimers) clearTimeout(timer)
    this.retryTimers.clear()
    await Promise.allSettled([...this.serving.values()])
  }

  /** A printer's failures are forgotten (it was edited: a new address deserves a try now). */
  forget (printerId: string): void {
    this.backoff.delete(printerId)
    this.wake()
  }

  private async tick (): Promise<void> {
    const now = Date.now()
    if (now - this.lastPrune > PRUNE_EVERY_MS) {
      this.lastPrune = now
      await deletePrintedJobs(this.deps.db, new Date(now - PRINTED_JOBS_KEPT_MS).toISOString())
    }
    for (const printerId of await printersWithQueue(this.deps.db)) {
      if (this.serving.has(printerId)) this.missed.add(printerId)
      if (!this.running || this.serving.has(printerId) || (this.backoff.get(printerId)?.until ?? 0) > now) continue
      const serving = this.serve(printerId)
        .catch((error: unknown) => { this.deps.log.error({ err: error, printerId }, 'printing failed') })
        .finally(() => {
          this.serving.delete(printerId)
          if (this.missed.delete(printerId)) this.wake()
        })
      this.serving.set(printerId, serving)
    }
  }

  /** Serves the printer under its lease; nothing when another process is serving it. */
  private async serve (printerId: string): Promise<void> {
    const { leases } = this.deps
    if (!leases) {
      await this.sendQueue(printerId)
      return
    }
    let released = false
    await leases.runExclusive(printerLease(printerId, this.deps.storeId), async (lease) => {
      await this.sendQueue(printerId, lease.held)
      // A failing printer stays this process's until its retry: the others leave it alone meanwhile.
      const retryIn = (this.backoff.get(printerId)?.until ?? 0) - Date.now()
      if (retryIn > 0) return { keepForMs: retryIn }
      released = true
    })
    // Another process may have queued a job while this one held the printer, and its wake found the printer taken:
    // the queue is looked at once more now that the lease is free.
    if (released) this.missed.add(printerId)
  }

  /**
   * The printer's jobs in order until the queue is empty or a send fails, or (`held` false) the printer's lease was
   * lost: another process may be serving it now, and a job both sent would print twice.
   */
  private async sendQueue (printerId: string, held: () => boolean = () => true): Promise<void> {
    while (this.running) {
      const printer = await findPrinterRow(this.deps.db, printerId)
      const job = printer ? await nextPrintJob(this.deps.db, printerId) : undefined
      if (!printer || !job) return
      let bytes: Buffer | null
      try {
        bytes = await this.deps.render(job, printer)
      } catch (error) {
        // A ticket that cannot be built (a bug, the database busy) keeps its place and holds the printer's queue:
        // a failed attempt like any, so staff see the printer's alert and it is retried with backoff — never
        // dropped unseen, never retried at every wake.
        this.deps.log.error({ err: error, printerId, jobId: job.id }, 'a print job could not be rendered')
        await this.failed(printer, job, 'RENDER_FAILED')
        return
      }
      if (bytes === null) {
        await markJobPrinted(this.deps.db, job.id, new Date().toISOString())
        continue
      }
      // Asked last thing before the send: the render may have taken long enough for the lease to go.
      if (!held()) {
        this.deps.log.warn({ printerId, jobId: job.id }, 'the printer\'s lease was lost; its queue is left to the process holding it')
        return
      }
      try {
        await this.deps.send({ host: printer.host, port: printer.port }, bytes)
      } catch (error) {
        await this.failed(printer, job, error instanceof PrinterSendError ? error.code : 'ERROR')
        return
      }
      await this.printed(printer, job)
    }
  }

  private async printed (printer: PrinterRow, job: PrintJobRow): Promise<void> {
    const at = new Date().toISOString()
    // First, alone: the window in which a crash reprints this job is this one statement.
    await markJobPrinted(this.deps.db, job.id, at)
    this.backoff.delete(printer.id)
    const alertId = await markPrinterPrinting(this.deps.db, printer.id, at)
    if (alertId === null) return
    this.deps.log.info({ printerId: printer.id }, 'printer is back')
    if (await resolveAlert(this.deps.db, alertId, at)) {
      const row = await findAlert(this.deps.db, alertId)
      if (row) this.deps.events.toStaff(StaffEventEnum.ALERT_UPDATED, toAlert(row))
    }
  }

  private async failed (printer: PrinterRow, job: PrintJobRow, code: string): Promise<void> {
    const at = new Date().toISOString()
    const failures = (this.backoff.get(printer.id)?.failures ?? 0) + 1
    const delay = Math.min(this.deps.retryMs * 2 ** (failures - 1), this.deps.maxRetryMs ?? 60_000)
    this.backoff.set(printer.id, { failures, until: Date.now() + delay })
    this.deps.log.warn({ printerId: printer.id, jobId: job.id, code, retryInMs: delay }, 'printer did not take the job')
    const alert = await inTransaction(this.deps.db, async (trx) => {
      await markJobFailed(trx, job.id, code)
      // One open alert per printer, raised on its first failure; it stays open until the printer prints again.
      const raise = printer.alert_id === null
      const raised = raise
        ? await this.deps.alerts.record(trx, {
          kind: AlertKindEnum.PRINTER_UNREACHABLE,
          detail: { printerId: printer.id, name: printer.name, host: printer.host, port: printer.port, code },
        })
        : null
      await markPrinterFailing(trx, printer.id, at, code, raised?.id ?? null)
      return raised
    })
    if (alert) this.deps.alerts.announce(alert)
    const timer = setTimeout(() => {
      this.retryTimers.delete(timer)
      this.wake()
    }, delay)
    timer.unref()
    this.retryTimers.add(timer)
  }
}
