// Counts failed attempts (wrong PINs, wrong pairing codes) per client and blocks after too many. Two stores behind
// one interface: this process's memory (SQLite, one process) or the database (PostgreSQL, every process shares the
// counts; database-failure-limiter.ts).
import type { FastifyReply } from 'fastify'
import { RateLimitedError } from '../errors.js'

/** A client out of attempts, with its failures and the seconds until it may try again. */
export interface BlockedClient {
  key: string
  failures: number
  retryAfterS: number
}

/**
 * Unlike a request limiter, only failures count: staff who type their PIN right are never slowed
 * down, and a success does not reset the count (a known PIN must not unlock guessing another one).
 */
export abstract class FailureLimiter {
  constructor (readonly maxFailures: number, readonly windowMs: number, protected readonly now: () => number = Date.now) {}

  /** Seconds until `key` may try again, or 0 while it has failures left in the current window. */
  abstract blockedFor (key: string): Promise<number>

  /** Counts one failure of `key`: the first opens a window of `windowMs`. */
  abstract fail (key: string): Promise<void>

  /** Every key blocked right now, with its failures and the seconds left (for a manager to lift). */
  abstract blocked (): Promise<BlockedClient[]>

  /** Forgets `key`'s failures (a manager vouched for the person); false when it had none. */
  abstract clear (key: string): Promise<boolean>

  /** Throws RATE_LIMITED (429, with Retry-After) while `key` is blocked. */
  async guard (key: string, reply: FastifyReply): Promise<void> {
    const wait = await this.blockedFor(key)
    if (wait === 0) return
    reply.header('retry-after', String(wait))
    throw new RateLimitedError(wait)
  }

  /** Seconds left in a full window ending at `resetAt`; at least 1, so a client is never told to retry at once. */
  protected secondsUntil (resetAt: number): number {
    return Math.max(1, Math.ceil((resetAt - this.now()) / 1000))
  }
}

interface Window {
  failures: number
  resetAt: number
}

/** Above this many tracked clients, expired windows are swept before adding another. */
const SWEEP_THRESHOLD = 10_000

/** The counts in this process's memory: right for one process (SQLite), lost on restart. */
export class MemoryFailureLimiter extends FailureLimiter {
  private readonly windows = new Map<string, Window>()

  async blockedFor (key: string): Promise<number> {
    return this.waitOf(this.current(key))
  }

  async fail (key: string): Promise<void> {
    const window = this.current(key)
    if (window) {
      window.failures++
      return
    }
    if (this.windows.size >= SWEEP_THRESHOLD) this.sweep()
    this.windows.set(key, { failures: 1, resetAt: this.now() + this.windowMs })
  }

  async blocked (): Promise<BlockedClient[]> {
    const found = []
    for (const key of [...this.windows.keys()]) {
      const window = this.current(key)
      const retryAfterS = this.waitOf(window)
      if (window && retryAfterS > 0) found.push({ key, failures: window.failures, retryAfterS })
    }
    return found
  }

  async clear (key: string): Promise<boolean> {
    return this.current(key) !== null && this.windows.delete(key)
  }

  private waitOf (window: Window | null): number {
    return window && window.failures >= this.maxFailures ? this.secondsUntil(window.resetAt) : 0
  }

  private current (key: string): Window | null {
    const window = this.windows.get(key)
    if (!window) return null
    if (window.resetAt <= this.now()) {
      this.windows.delete(key)
      return null
    }
    return window
  }

  private sweep (): void {
    const now = this.now()
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key)
  }
}
