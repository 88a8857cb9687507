// The hub of a server on PostgreSQL: events live in the shared log (`events`, repositories/event-log.ts), so every
// process's streams hear every process's events under the same ids, and a stream can resume on any process.
//
// publish → queued → appended in batches (one statement each, in publish order) → NOTIFY <last id> at commit →
// every process's LogListener → loaded by id from the log → delivered here in id order.
// It is the ROOT hub: the log holds every store's events (each row's store_id), every one is delivered here, and a
// store-bound hub (forStore) passes on its store's; a store's replay reads only that store's rows.
import type { FastifyBaseLogger } from 'fastify'
import type { Db } from '../db/database.js'
import { RootEventHub, REPLAY_BUFFER_SIZE, type Audience, type EventFilter, type HubEvent, type Replay } from '../lib/event-hub.js'
import { nowIso } from '../lib/tokens.js'
import { appendEvents, eventLogSpan, eventsAfter, loadEvents, pruneEvents, type LoggedEvent, type NewLoggedEvent } from '../repositories/event-log.js'
import { LogListener, type LogListenerTiming } from './log-listener.js'

/**
 * How long an event stays replayable. Replay serves short gaps — a tablet's Wi-Fi blip, a laptop lid closed over
 * lunch, a rolling restart behind the load balancer; past an hour a `resync` (the client reloads what it shows)
 * costs less than the replay would, and the table stays small however many restaurants share it.
 */
export const EVENT_RETENTION_MS = 60 * 60_000
/** Each process prunes this often: a delete of about a minute's events, walked along the primary key. */
export const EVENT_PRUNE_EVERY_MS = 60_000
/** Events per append statement: a burst (a menu change to every tablet…) goes in a few statements, not hundreds. */
const APPEND_BATCH = 500
/** Events per load from the log. */
const LOAD_BATCH = 1000
/**
 * Events held while PostgreSQL refuses appends. Past it the oldest are dropped and this process's streams
 * resync: memory stays bounded through a long outage.
 */
const MAX_QUEUED = 10_000
const RETRY_FIRST_MS = 100
const RETRY_MAX_MS = 2_000

export interface PostgresEventHubOptions {
  /** The ROOT (unscoped) handle: the log is every store's. */
  db: Db
  databaseUrl: string
  log: FastifyBaseLogger
  retentionMs?: number
  pruneEveryMs?: number
  /** Tests shorten the LISTEN connection's heartbeat. */
  listenerTiming?: Partial<LogListenerTiming>
}

function toNewLoggedEvent (storeId: string, audience: Audience, event: string, data: unknown): NewLoggedEvent {
  const audienceId = audience.kind === 'table' ? audience.tableId : audience.kind === 'device' ? audience.deviceId : null
  // Serialised now: a caller may change its object after publishing, and the memory hub would have sent it as it was.
  return { storeId, audienceKind: audience.kind, audienceId, name: event, data: JSON.stringify(data) ?? 'null', at: nowIso() }
}

function toAudience (kind: string, id: string | null): Audience | null {
  if (kind === 'table' && id !== null) return { kind, tableId: id }
  if (kind === 'device' && id !== null) return { kind, deviceId: id }
  if (kind === 'tablets' || kind === 'staff' || kind === 'processes') return { kind }
  return null
}

/** The event as streams see it; null for a row this version cannot read (a newer version wrote it?), skipped. */
function toHubEvent (logged: LoggedEvent): HubEvent | null {
  const audience = toAudience(logged.audienceKind, logged.audienceId)
  if (!audience) return null
  let data: unknown
  try {
    data = JSON.parse(logged.data)
  } catch {
    return null
  }
  return { id: String(logged.id), seq: logged.id, storeId: logged.storeId, event: logged.name, data, audience }
}

const delay = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))

export class PostgresEventHub extends RootEventHub {
  /** The newest id delivered here; every id below it was delivered (or never existed). */
  private delivered = 0
  /** The newest id announced by a notification. */
  private notified = 0
  private draining: Promise<void> | null = null
  private readonly queue: NewLoggedEvent[] = []
  private appending: Promise<void> | null = null
  /** The newest id this process appended. */
  private appended = 0
  /** settled() callers, each waiting for `delivered` to reach its id. */
  private readonly waiters: Array<{ id: number, resolve: () => void }> = []
  private closed = false
  /** Notifications before open() has read where the log ends only raise `notified`; open() drains after. */
  private started = false
  private pruneTimer: NodeJS.Timeout | null = null
  private readonly db: Db
  private readonly log: FastifyBaseLogger
  private readonly retentionMs: number
  readonly listener: LogListener

  private constructor (options: PostgresEventHubOptions) {
    super()
    this.db = options.db
    this.log = options.log
    this.retentionMs = options.retentionMs ?? EVENT_RETENTION_MS
    this.listener = new LogListener(options.databaseUrl, {
      notified: lastId => { this.announce(lastId) },
      reconnected: () => { void this.catchUp() },
    }, options.log, options.listenerTiming)
  }

  /** Listening before reading where the log ends, so no event falls between the two. */
  static async open (options: PostgresEventHubOptions): Promise<PostgresEventHub> {
    const hub = new PostgresEventHub(options)
    await hub.listener.start()
    let lastId: number | null
    try {
      lastId = (await eventLogSpan(hub.db)).lastId
    } catch (error) {
      await hub.listener.close()
      throw error
    }
    hub.delivered = Math.max(hub.delivered, lastId ?? 0)
    hub.started = true
    hub.announce(Math.max(hub.notified, hub.delivered))
    hub.pruneTimer = setInterval(() => { void hub.prune() }, options.pruneEveryMs ?? EVENT_PRUNE_EVERY_MS)
    hub.pruneTimer.unref()
    return hub
  }

  publishAs (storeId: string, audience: Audience, event: string, data: unknown): void {
    if (this.closed) {
      this.log.warn({ event, storeId }, 'event published after the hub closed; dropped')
      return
    }
    this.queue.push(toNewLoggedEvent(storeId, audience, event, data))
    this.appending ??= this.appendQueued()
  }

  get currentSeq (): number {
    return this.delivered
  }

  get currentId (): string {
    return String(this.delivered)
  }

  /** Reads only `storeId`'s events (when given): a busy store does not push a quiet one's streams into a resync. */
  async replayOf (storeId: string | null, lastEventId: string, filter: EventFilter): Promise<Replay | null> {
    if (!/^\d{1,15}$/.test(lastEventId)) return null
    const after = Number(lastEventId)
    const { firstId, lastId, events } = await eventsAfter(this.db, after, REPLAY_BUFFER_SIZE + 1, storeId)
    // An empty log is a new or reset database: only the position before everything is still meaningful.
    if (firstId === null || lastId === null) return after === 0 ? { after, events: [] } : null
    // From the future (another database, or one restored from a backup), or from before what is kept.
    if (after > lastId || after < firstId - 1) return null
    if (events.length > REPLAY_BUFFER_SIZE) return null
    return { after, events: events.map(toHubEvent).filter(event => event !== null && filter(event)) as HubEvent[] }
  }

  override async settled (): Promise<void> {
    while (this.appending) await this.appending
    const id = this.appended
    if (this.delivered >= id || this.closed) return
    await new Promise<void>(resolve => { this.waiters.push({ id, resolve }) })
  }

  /** Waits for queued events to be appended, then stops listening and pruning. */
  override async close (): Promise<void> {
    this.closed = true
    if (this.pruneTimer) clearInterval(this.pruneTimer)
    await this.appending
    await this.listener.close()
    await this.draining
    this.wakeWaiters()
  }

  /** Deletes what is older than the retention window. */
  async prune (now = Date.now()): Promise<void> {
    try {
      await pruneEvents(this.db, nowIso(now - this.retentionMs))
    } catch (error) {
      this.log.warn({ err: error }, 'could not prune the event log')
    }
  }

  /**
   * Appends the queue in publish order, one batch in flight at a time: events published in the same tick share
   * a statement, and this process's events keep their order in the log.
   */
  private async appendQueued (): Promise<void> {
    await Promise.resolve()
    let failures = 0
    while (this.queue.length > 0) {
      const batch = this.queue.slice(0, APPEND_BATCH)
      try {
        this.appended = Math.max(this.appended, await appendEvents(this.db, batch))
        this.queue.splice(0, batch.length)
        failures = 0
      } catch (error) {
        failures++
        this.log.warn({ err: error, queued: this.queue.length }, 'could not append events to the log; retrying')
        // An append that failed may still have committed (the connection broke after the commit): a retry can
        // then repeat a batch. Events carry whole states (an order, a payment), so a repeat is harmless.
        if (this.closed || this.queue.length > MAX_QUEUED) this.dropQueued(this.closed ? this.queue.length : this.queue.length - MAX_QUEUED)
        else await delay(Math.min(RETRY_FIRST_MS * 2 ** (failures - 1), RETRY_MAX_MS))
      }
    }
    this.appending = null
  }

  private dropQueued (count: number): void {
    this.queue.splice(0, count)
    this.log.error({ dropped: count }, 'events dropped: PostgreSQL refused them; streams here resync')
    this.deliverGap()
  }

  private announce (lastId: number): void {
    if (lastId > this.notified) this.notified = lastId
    if (this.started) this.draining ??= this.drain()
  }

  /**
   * Loads and delivers every id up to the newest notified, in order. Ids grow in commit order (the append's
   * turn), so once `n` is notified everything up to `n` is committed and a range query misses nothing.
   */
  private async drain (): Promise<void> {
    // Never settle synchronously: `draining` is assigned this promise after the call returns, and must not
    // outlive a drain that had nothing to do.
    await Promise.resolve()
    try {
      while (this.delivered < this.notified && !this.closed) {
        const upTo = this.notified
        const events = await loadEvents(this.db, this.delivered, upTo, LOAD_BATCH)
        if (events.length > 0 && events[0]!.id > this.delivered + 1 && await this.prunedPast(this.delivered)) {
          this.log.warn({ delivered: this.delivered, nextLoaded: events[0]!.id }, 'events were pruned before this process loaded them; streams resync')
          this.deliverGap()
        }
        for (const logged of events) {
          this.delivered = logged.id
          const event = toHubEvent(logged)
          if (event) this.deliverSafely(event)
          else this.log.warn({ id: logged.id, audience: logged.audienceKind }, 'unreadable event in the log; skipped')
        }
        if (events.length < LOAD_BATCH) this.delivered = Math.max(this.delivered, upTo)
        this.wakeWaiters()
      }
    } catch (error) {
      this.log.warn({ err: error }, 'could not load events from the log; retrying')
      if (!this.closed) await delay(RETRY_MAX_MS)
    } finally {
      this.draining = null
    }
    if (this.delivered < this.notified && !this.closed) this.announce(this.notified)
  }

  /**
   * Whether ids after `delivered` were pruned unseen: a process frozen longer than the retention (a paused VM)
   * wakes to notifications of events whose predecessors are gone. Ids may also skip for other reasons (a rolled
   * back append uses up its ids), so a hole counts as lost only when the log no longer reaches back to it.
   */
  private async prunedPast (delivered: number): Promise<boolean> {
    const { firstId } = await eventLogSpan(this.db)
    return firstId !== null && firstId > delivered + 1
  }

  private wakeWaiters (): void {
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const waiter = this.waiters[i]!
      if (waiter.id <= this.delivered || this.closed) {
        this.waiters.splice(i, 1)
        waiter.resolve()
      }
    }
  }

  private deliverSafely (event: HubEvent): void {
    try {
      this.deliver(event)
    } catch (error) {
      this.log.error({ err: error, event: event.event }, 'an event subscriber failed')
    }
  }

  /**
   * After the LISTEN connection came back: the events notified meanwhile are loaded from the log, unless the log
   * no longer holds them all (pruned, or the database was reset) — then this process's streams resync.
   */
  private async catchUp (): Promise<void> {
    try {
      await this.draining
      const { firstId, lastId } = await eventLogSpan(this.db)
      const lost = lastId === null
        ? this.delivered > 0
        : this.delivered > lastId || (firstId !== null && this.delivered < firstId - 1)
      if (lost) {
        this.delivered = lastId ?? 0
        this.notified = this.delivered
        this.log.warn('events were lost while the LISTEN connection was down; streams resync')
        this.deliverGap()
        this.wakeWaiters()
        return
      }
      if (lastId !== null) this.announce(lastId)
    } catch (error) {
      this.log.warn({ err: error }, 'could not catch up with the event log; streams resync')
      this.deliverGap()
    }
  }
}
