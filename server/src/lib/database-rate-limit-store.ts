// A @fastify/rate-limit store that counts in the database (`rate_limits`), so the processes behind a load balancer
// share one request budget per client instead of each granting its own. Used on PostgreSQL (plugins/external/rate-limit.ts).
import type { FastifyRateLimitOptions, FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit'
import type { Db } from '../db/database.js'
import { SharedLimitWindows } from './shared-limit-windows.js'

type Callback = (error: Error | null, result?: { current: number, ttl: number }) => void
type ChildOptions = Parameters<FastifyRateLimitStore['child']>[0] & { routeInfo?: { method?: unknown, url?: unknown } }

/**
 * The plugin's fixed window (the same as its in-memory store's): the first request opens a window of `timeWindow`,
 * each one counts, and the count starts again once the window has ended. `continueExceeding` and
 * `exponentialBackoff` are not supported (Tablepad uses neither).
 */
class DatabaseRateLimitStore implements FastifyRateLimitStore {
  constructor (
    private readonly windows: SharedLimitWindows,
    private readonly scope: string,
    private readonly handlers: { count: number } = { count: 0 },
  ) {}

  incr (key: string, callback: Callback, timeWindow: number): void {
    this.windows.count(this.scope, key, timeWindow).then(
      window => { callback(null, { current: window.count, ttl: Math.max(0, window.resetAt - this.windows.now()) }) },
      (error: unknown) => { callback(error instanceof Error ? error : new Error(String(error))) },
    )
  }

  /** The plugin's non-counting peek (`{ increment: false }`). */
  read (key: string, callback: Callback): void {
    this.windows.find(this.scope, key).then(
      window => { callback(null, window ? { current: window.count, ttl: Math.max(0, window.resetAt - this.windows.now()) } : { current: 0, ttl: 0 }) },
      (error: unknown) => { callback(error instanceof Error ? error : new Error(String(error))) },
    )
  }

  /**
   * Each limited route counts apart, under its method and URL. A limiter made with `fastify.rateLimit()` has no
   * route: it is numbered in the order the app creates them, which every process running the same code shares.
   */
  child (options: ChildOptions): FastifyRateLimitStore {
    const { method, url } = options.routeInfo ?? {}
    const scope = typeof url === 'string' ? `route:${String(method)} ${url}` : `handler:${++this.handlers.count}`
    return new DatabaseRateLimitStore(this.windows, scope, this.handlers)
  }
}

/** The store class the plugin's `store` option takes; `database` is read on first use (see SharedLimitWindows). */
export function databaseRateLimitStore (database: () => Db, now: () => number = Date.now): FastifyRateLimitStoreCtor {
  const windows = new SharedLimitWindows(database, now)
  return class extends DatabaseRateLimitStore {
    constructor (_options: FastifyRateLimitOptions) {
      super(windows, 'global')
    }
  }
}
