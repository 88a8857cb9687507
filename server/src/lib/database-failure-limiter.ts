// Failed attempts counted in the database, so every server process behind a load balancer sees the same lockouts
// and a manager's lift on one process frees the client on all. Chosen on PostgreSQL (failureLimiterFor).
import type { AppConfig } from '../config.js'
import type { Db } from '../db/database.js'
import { FailureLimiter, MemoryFailureLimiter, type BlockedClient } from './failure-limiter.js'
import { SharedLimitWindows } from './shared-limit-windows.js'

export class DatabaseFailureLimiter extends FailureLimiter {
  private readonly windows: SharedLimitWindows

  /** `scope` names the counter in `rate_limits` ('login', 'pairing'): two limiters never share counts. */
  constructor (database: () => Db, readonly scope: string, maxFailures: number, windowMs: number, now: () => number = Date.now) {
    super(maxFailures, windowMs, now)
    this.windows = new SharedLimitWindows(database, now)
  }

  async blockedFor (key: string): Promise<number> {
    const window = await this.windows.find(this.scope, key)
    return window && window.count >= this.maxFailures ? this.secondsUntil(window.resetAt) : 0
  }

  async fail (key: string): Promise<void> {
    await this.windows.count(this.scope, key, this.windowMs)
  }

  async blocked (): Promise<BlockedClient[]> {
    const windows = await this.windows.listFull(this.scope, this.maxFailures)
    return windows.map(window => ({ key: window.key, failures: window.count, retryAfterS: this.secondsUntil(window.resetAt) }))
  }

  clear (key: string): Promise<boolean> {
    return this.windows.delete(this.scope, key)
  }
}

/** The limiter the configuration asks for: in the database on PostgreSQL, in this process's memory on SQLite. */
export function failureLimiterFor (
  config: Pick<AppConfig, 'databaseUrl'>, database: () => Db, scope: string, maxFailures: number, windowMs: number,
): FailureLimiter {
  return config.databaseUrl
    ? new DatabaseFailureLimiter(database, scope, maxFailures, windowMs)
    : new MemoryFailureLimiter(maxFailures, windowMs)
}
