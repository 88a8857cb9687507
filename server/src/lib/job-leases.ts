// Singleton work across processes (issue 16): the nightly bill reconciliation, the diner-data purge, a printer's
// queue must each run in one process at a time when several serve one database. Each takes a named lease in
// `leases` (repositories/leases.ts) and renews it while it runs; a process that dies stops renewing, so its lease
// runs out and the work moves to another process. A process shutting down hands its leases back at once
// (plugins/app/instance.ts). On SQLite with one process every lease is simply granted.
import type { FastifyBaseLogger } from 'fastify'
import type { Db } from '../db/database.js'
import { acquireLease, releaseLease, renewLease } from '../repositories/leases.js'

/**
 * How long a job lease lasts unless renewed: how long a dead process's job waits before another takes it.
 * Renewed every third of it while the job runs, so a slow job (a large bill, a stalled printer) keeps it.
 */
export const JOB_LEASE_MS = 30_000

/** What a job is told while it runs: whether it still holds its lease, asked before each step that must not be done twice. */
export interface HeldLease {
  /** False once a renewal found the lease taken, or the lease ran out without a renewal landing (the database away). */
  held: () => boolean
}

/** What a job may ask for as it ends: keep the lease this much longer instead of giving it back (a printer's backoff). */
export interface LeaseKept {
  keepForMs: number
}

export interface JobLeasesDeps {
  db: Db
  /** This process's instance id. */
  owner: string
  log: Pick<FastifyBaseLogger, 'warn'>
  now?: () => number
  /** JOB_LEASE_MS unless a test wants leases to run out sooner. */
  ttlMs?: number
}

export class JobLeases {
  readonly owner: string
  readonly ttlMs: number
  private readonly now: () => number

  constructor (private readonly deps: JobLeasesDeps) {
    this.owner = deps.owner
    this.ttlMs = deps.ttlMs ?? JOB_LEASE_MS
    this.now = deps.now ?? Date.now
  }

  /** Takes `name` for `ttlMs` when it is free or expired, or renews it when this process holds it. */
  async acquire (name: string, ttlMs = this.ttlMs): Promise<boolean> {
    const now = this.now()
    return acquireLease(this.deps.db, name, this.owner, new Date(now).toISOString(), new Date(now + ttlMs).toISOString())
  }

  /** Keeps `name` for `ms` more if this process still holds it; false when it was lost to another process. */
  async extend (name: string, ms = this.ttlMs): Promise<boolean> {
    return renewLease(this.deps.db, name, this.owner, new Date(this.now() + ms).toISOString())
  }

  /** Gives `name` up, so another process may take it at once. */
  async release (name: string): Promise<void> {
    await releaseLease(this.deps.db, name, this.owner)
  }

  /**
   * Runs `work` holding `name`, renewed while it runs, and gives the lease up after (or keeps it as long as `work`
   * asked); false without running it when another process holds `name`. A lease lost while the work runs (a
   * renewal found it taken, or none landed before it ran out) is logged and `held()` turns false: the work cannot
   * be stopped from outside, so it asks before each step another process must not repeat (a printer's send).
   */
  async runExclusive (name: string, work: (lease: HeldLease) => Promise<void | LeaseKept>): Promise<boolean> {
    const acquiredAt = this.now()
    if (!await this.acquire(name)) return false
    let expiresAt = acquiredAt + this.ttlMs
    let lost = false
    let renewing: Promise<unknown> = Promise.resolve()
    const timer = setInterval(() => {
      const renewedAt = this.now()
      renewing = this.extend(name)
        .then(held => {
          if (held) expiresAt = renewedAt + this.ttlMs
          else if (!lost) {
            lost = true
            this.deps.log.warn({ lease: name }, 'a job lease was lost while its job ran')
          }
        })
        .catch((error: unknown) => { this.deps.log.warn({ err: error, lease: name }, 'renewing a job lease failed') })
    }, Math.max(1, Math.floor(this.ttlMs / 3)))
    timer.unref()
    let kept: void | LeaseKept = undefined
    try {
      kept = await work({ held: () => !lost && this.now() < expiresAt })
    } finally {
      clearInterval(timer)
      // A renewal under way must land before the release, or it would outlive it.
      await renewing
      await (kept ? this.extend(name, kept.keepForMs) : this.release(name))
        .catch((error: unknown) => { this.deps.log.warn({ err: error, lease: name }, 'giving a job lease back failed; it runs out by itself') })
    }
    return true
  }
}
