// The database's counting windows (repositories/limits.ts) for one process: the clock, and a sweep of ended windows
// now and then so the table holds only the clients counted in the last window or so.
import type { Db } from '../db/database.js'
import { countInWindow, deleteEndedWindows, deleteWindow, findWindow, listFullWindows, type LimitWindow } from '../repositories/limits.js'

/**
 * How often one process deletes ended windows. Ended rows already count as absent, so this only bounds the table's
 * size; once a minute per process is one indexed delete, far below the cost of the counting itself.
 */
export const SWEEP_INTERVAL_MS = 60_000

export class SharedLimitWindows {
  private lastSweepAt = 0

  /**
   * `database` is read on each use: the rate-limit plugin creates its store before the database plugin has
   * opened the database, and requests only arrive once both are registered.
   * Every process uses its own clock: hosts kept in time by NTP agree to far better than a second.
   */
  constructor (private readonly database: () => Db, readonly now: () => number = Date.now) {}

  /** Counts one event of (scope, key) and returns its window (see countInWindow). */
  async count (scope: string, key: string, windowMs: number): Promise<LimitWindow> {
    const now = this.now()
    if (now - this.lastSweepAt >= SWEEP_INTERVAL_MS) {
      this.lastSweepAt = now
      await deleteEndedWindows(this.database(), now)
    }
    return countInWindow(this.database(), scope, key, windowMs, now)
  }

  find (scope: string, key: string): Promise<LimitWindow | null> {
    return findWindow(this.database(), scope, key, this.now())
  }

  listFull (scope: string, minCount: number): Promise<Array<LimitWindow & { key: string }>> {
    return listFullWindows(this.database(), scope, minCount, this.now())
  }

  delete (scope: string, key: string): Promise<boolean> {
    return deleteWindow(this.database(), scope, key, this.now())
  }
}
