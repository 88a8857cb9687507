// Counts failed attempts (wrong PINs, wrong pairing codes) per client and blocks after too many.
import type { FastifyReply } from 'fastify'
import { RateLimitedError } from '../errors.js'

interface Window {
  failures: number
  resetAt: number
}

/** Above this many tracked clients, expired windows are swept before adding another. */
const SWEEP_THRESHOLD = 10_000

/**
 * Unlike a request limiter, only failures count: staff who type their PIN right are never slowed
 * down, and a success does not reset the count (a known PIN must not unlock guessing another one).
 */
export class FailureLimiter {
  private readonly windows = new Map<string, Window>()

  constructor (readonly maxFailures: number, readonly windowMs: number, private readonly now = Date.now) {}

  /** Seconds until `key` may try again, or 0 while it has failures left in the current window. */
  blockedFor (key: string): number {
    const window = this.current(key)
    if (!window || window.failures < this.maxFailures) return 0
    return Math.max(1, Math.ceil((window.resetAt - this.now()) / 1000))
  }

  /** Throws RATE_LIMITED (429, with Retry-After) while `key` is blocked. */
  guard (key: string, reply: FastifyReply): void {
    const wait = this.blockedFor(key)
    if (wait === 0) return
    reply.header('retry-after', String(wait))
    throw new RateLimitedError(wait)
  }

  fail (key: string): void {
    const window = this.current(key)
    if (window) {
      window.failures++
      return
    }
    if (this.windows.size >= SWEEP_THRESHOLD) this.sweep()
    this.windows.set(key, { failures: 1, resetAt: this.now() + this.windowMs })
  }

  /** Every key blocked right now, with its failures and the seconds left (for a manager to lift). */
  blocked (): Array<{ key: string, failures: number, retryAfterS: number }> {
    const found = []
    for (const key of [...this.windows.keys()]) {
      const retryAfterS = this.blockedFor(key)
      if (retryAfterS > 0) found.push({ key, failures: this.windows.get(key)!.failures, retryAfterS })
    }
    return found
  }

  /** Forgets `key`'s failures (a manager vouched for the person); false when it had none. */
  clear (key: string): boolean {
    return this.current(key) !== null && this.windows.delete(key)
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
