// Presence across processes (PostgreSQL, issue 16): a tablet's event stream lives in one process, but the staff
// console may ask any process whether it is online. Each process therefore keeps `last_seen_at` fresh for the
// tablets streaming from it — at once when a tablet's first stream opens, then for all of them together in one
// UPDATE every PRESENCE_REFRESH_MS — and every process reads "seen within ONLINE_GRACE_MS" as online. On SQLite
// there is one process and this is never started: its own streams are the whole truth, and a stream costs no write.
import type { FastifyBaseLogger } from 'fastify'
import { ONLINE_GRACE_MS, type DevicePresence, type PresenceListener } from './device-presence.js'
import { nowIso } from './tokens.js'

/**
 * A third of the grace: a tablet stays online everywhere through two refreshes that failed or came late (a database
 * hiccup, a busy event loop), for one UPDATE per process every 20 s however many tablets stream from it.
 */
export const PRESENCE_REFRESH_MS = ONLINE_GRACE_MS / 3

export interface PresenceRefreshDeps {
  presence: DevicePresence
  /** Sets these devices' last_seen_at to `at`, in one statement. */
  markSeen: (deviceIds: string[], at: string) => Promise<void>
  log: Pick<FastifyBaseLogger, 'warn'>
  /** PRESENCE_REFRESH_MS unless a test wants refreshes sooner. */
  everyMs?: number
}

export class PresenceRefresh implements PresenceListener {
  private readonly everyMs: number
  private timer: NodeJS.Timeout | null = null
  private readonly writes = new Set<Promise<void>>()
  private refreshing = false
  private stopped = false

  constructor (private readonly deps: PresenceRefreshDeps) {
    this.everyMs = deps.everyMs ?? PRESENCE_REFRESH_MS
    deps.presence.watch(this)
  }

  opened (deviceId: string): void {
    if (this.stopped) return
    // Now, not at the next tick: a tablet that just connected shows online on every process at once.
    void this.write([deviceId])
    if (this.timer !== null) return
    // Runs only while something streams, so an idle process writes nothing.
    this.timer = setInterval(() => { void this.refresh() }, this.everyMs)
    this.timer.unref()
  }

  closed (): void {
    // The closed stream's own last_seen_at is written by the events route as it closes: the grace starts there.
    if (this.deps.presence.streamingDeviceIds().length === 0) this.clearTimer()
  }

  /** One UPDATE for every device streaming here; skipped while the previous one is still running. */
  async refresh (): Promise<void> {
    const deviceIds = this.deps.presence.streamingDeviceIds()
    if (this.refreshing || deviceIds.length === 0) return
    this.refreshing = true
    try {
      await this.write(deviceIds)
    } finally {
      this.refreshing = false
    }
  }

  /** Stops refreshing and waits for a write in flight (the database closes after). */
  async stop (): Promise<void> {
    this.stopped = true
    this.clearTimer()
    await Promise.all(this.writes)
  }

  private async write (deviceIds: string[]): Promise<void> {
    const written = this.deps.markSeen(deviceIds, nowIso(this.deps.presence.now()))
      // A missed refresh is made up by the next one, well inside the grace.
      .catch((error: unknown) => { this.deps.log.warn({ err: error, devices: deviceIds.length }, 'could not refresh last_seen_at of streaming tablets') })
      .finally(() => { this.writes.delete(written) })
    this.writes.add(written)
    await written
  }

  private clearTimer (): void {
    if (this.timer === null) return
    clearInterval(this.timer)
    this.timer = null
  }
}
