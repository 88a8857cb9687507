// The live events every SSE stream subscribes to: what an event is, who it is for, and the hubs callers publish
// through. One ROOT hub per process carries the events of every store: MemoryEventHub (below) is the one-process
// hub of the SQLite server; on PostgreSQL the hub of events/postgres-event-hub.ts shares one event log between
// every process. A store's code publishes and listens through its STORE-BOUND hub (`root.forStore(id)`, a
// StoreContext's `events`): it stamps its store on what it publishes and hears only its store's events.
import { randomBytes } from 'node:crypto'
import type { StaffEventPayloads, TabletEventPayloads } from '#shared/schemas/events.js'
import { DEFAULT_STORE_ID } from '../db/store-scope.js'

/**
 * Who an event is for. A tablet sees its table's, its own device's and broadcast events. `processes` is
 * internal: no stream sends it; the server's own subscribers (the store registry) hear it in every process.
 */
export type Audience =
  | { kind: 'table', tableId: string }
  | { kind: 'device', deviceId: string }
  | { kind: 'tablets' }
  | { kind: 'staff' }
  | { kind: 'processes' }

export interface HubEvent {
  /** What the stream sends as the SSE id, and a reconnecting client sends back as Last-Event-ID. */
  id: string
  /** The event's position: larger is later, within one hub (memory) or one event log (PostgreSQL), all stores. */
  seq: number
  /** The store the event belongs to: only that store's streams hear it. */
  storeId: string
  event: string
  data: unknown
  audience: Audience
}

/** Audiences on the tablets' stream (/api/events). */
export type TabletAudience = Exclude<Audience, { kind: 'staff' } | { kind: 'processes' }>

/** Events between the server's processes, never sent to a client: what each one's data is. */
export interface ProcessEventPayloads {
  /** A store was created or its settings changed: every process's registry reloads its context. */
  'store.updated': { storeId: string }
}

export type EventFilter = (event: HubEvent) => boolean
export type EventListener = (event: HubEvent) => void
/** Told that events were lost (not delivered, and not replayable): a stream must make its client resync. */
export type GapListener = () => void

/** What a stream missed after a Last-Event-ID: the events after position `after` that pass the filter. */
export interface Replay {
  after: number
  events: HubEvent[]
}

/** The most events a resuming stream is replayed; past it a `resync` (a reload) is cheaper than the replay. */
export const REPLAY_BUFFER_SIZE = 2000

/**
 * Fan-out to subscribers, and the typed way the server publishes. Publishing is fire-and-forget: callers
 * never wait, and on PostgreSQL the subscribers of every process hear the event a moment later.
 * Both the root hub and a store-bound hub are EventHubs: code given one does not need to know which.
 */
export abstract class EventHub {
  private readonly listeners = new Set<EventListener>()
  private readonly gapListeners = new Set<GapListener>()

  /** The store this hub publishes for and hears; null for the root hub, which hears every store. */
  abstract readonly storeId: string | null

  /**
   * Any event to any audience, unchecked: the server's code sends through toStaff and toTablets. A store-bound
   * hub stamps its store; the root hub stamps the default store (for callers not yet given a store's hub).
   */
  abstract publish (audience: Audience, event: string, data: unknown): void

  /** The position of the newest event delivered here (all stores share positions): a fresh stream starts from it. */
  abstract get currentSeq (): number

  /** `currentSeq` as an SSE id. */
  abstract get currentId (): string

  /**
   * What a stream resuming after `lastEventId` missed (of this hub's store, when store-bound), or null when that
   * cannot all be known (an unknown or foreign id, or older than what is kept): the client must then resynchronise.
   */
  abstract replay (lastEventId: string, filter: EventFilter): Promise<Replay | null>

  /** The hub bound to `storeId`: the same object on every call (cached by the root). */
  abstract forStore (storeId: string): EventHub

  /**
   * Settles once every event published here so far has reached this process's subscribers: at once in memory, a
   * round trip through the log on PostgreSQL. For tests and shutdown; publishers never wait.
   */
  async settled (): Promise<void> {}

  /** Stops background work and ends connections (the app's onClose). */
  async close (): Promise<void> {}

  /** An event for the staff console, carrying the data StaffEventPayloads declares for it. */
  toStaff<E extends keyof StaffEventPayloads> (event: E, data: StaffEventPayloads[E]): void {
    this.publish({ kind: 'staff' }, event, data)
  }

  /** An event for tablets (a table's, one device's or all), carrying the data TabletEventPayloads declares for it. */
  toTablets<E extends keyof TabletEventPayloads> (audience: TabletAudience, event: E, data: TabletEventPayloads[E]): void {
    this.publish(audience, event, data)
  }

  /** An event for the server's own subscribers in every process (never a client), e.g. `store.updated`. */
  toProcesses<E extends keyof ProcessEventPayloads> (event: E, data: ProcessEventPayloads[E]): void {
    this.publish({ kind: 'processes' }, event, data)
  }

  /** Hears every event delivered here (the root: every store's), in order; `onGap` hears that some were lost. */
  subscribe (listener: EventListener, onGap?: GapListener): () => void {
    this.listeners.add(listener)
    if (onGap) this.gapListeners.add(onGap)
    return () => {
      this.listeners.delete(listener)
      if (onGap) this.gapListeners.delete(onGap)
    }
  }

  get subscriberCount (): number {
    return this.listeners.size
  }

  protected deliver (event: HubEvent): void {
    for (const listener of this.listeners) listener(event)
  }

  protected deliverGap (): void {
    for (const listener of [...this.gapListeners]) listener()
  }
}

/**
 * The hub of the whole process: every store's events, in one sequence of positions. Implementations append and
 * deliver (`publishAs`) and read back (`replayOf`); store-bound hubs are views on it.
 */
export abstract class RootEventHub extends EventHub {
  readonly storeId = null
  private readonly storeHubs = new Map<string, StoreEventHub>()

  /** Publishes `event` as an event of `storeId`. */
  abstract publishAs (storeId: string, audience: Audience, event: string, data: unknown): void

  /** What a stream missed after `lastEventId`: only `storeId`'s events, or every store's when null. */
  abstract replayOf (storeId: string | null, lastEventId: string, filter: EventFilter): Promise<Replay | null>

  publish (audience: Audience, event: string, data: unknown): void {
    this.publishAs(DEFAULT_STORE_ID, audience, event, data)
  }

  replay (lastEventId: string, filter: EventFilter): Promise<Replay | null> {
    return this.replayOf(null, lastEventId, filter)
  }

  forStore (storeId: string): EventHub {
    let hub = this.storeHubs.get(storeId)
    if (!hub) {
      hub = new StoreEventHub(this, storeId)
      this.storeHubs.set(storeId, hub)
    }
    return hub
  }
}

/**
 * One store's view of the root hub. It subscribes to the root once, while it has subscribers of its own, and fans
 * its store's events out to them: the root calls one listener per store, not one per stream. A gap is the root's
 * (events lost in this process may have been any store's), so every store's streams hear it.
 */
export class StoreEventHub extends EventHub {
  private detach: (() => void) | null = null

  constructor (private readonly root: RootEventHub, readonly storeId: string) {
    super()
  }

  publish (audience: Audience, event: string, data: unknown): void {
    this.root.publishAs(this.storeId, audience, event, data)
  }

  get currentSeq (): number {
    return this.root.currentSeq
  }

  get currentId (): string {
    return this.root.currentId
  }

  replay (lastEventId: string, filter: EventFilter): Promise<Replay | null> {
    return this.root.replayOf(this.storeId, lastEventId, filter)
  }

  forStore (storeId: string): EventHub {
    return this.root.forStore(storeId)
  }

  override settled (): Promise<void> {
    return this.root.settled()
  }

  override subscribe (listener: EventListener, onGap?: GapListener): () => void {
    const unsubscribe = super.subscribe(listener, onGap)
    this.detach ??= this.root.subscribe(
      event => { if (event.storeId === this.storeId) this.deliver(event) },
      () => { this.deliverGap() },
    )
    return () => {
      unsubscribe()
      if (this.subscriberCount === 0 && this.detach) {
        this.detach()
        this.detach = null
      }
    }
  }
}

/** The SQLite server's hub: one process, ids `<boot>-<seq>`, the last REPLAY_BUFFER_SIZE events kept for replay. */
export class MemoryEventHub extends RootEventHub {
  /** A Last-Event-ID from before a restart is recognised as such. */
  readonly bootId = randomBytes(4).toString('hex')
  private seq = 0
  private readonly buffer: HubEvent[] = []

  constructor (private readonly capacity = REPLAY_BUFFER_SIZE) {
    super()
  }

  publishAs (storeId: string, audience: Audience, event: string, data: unknown): HubEvent {
    const seq = ++this.seq
    const hubEvent: HubEvent = { id: `${this.bootId}-${seq}`, seq, storeId, event, data, audience }
    this.buffer.push(hubEvent)
    if (this.buffer.length > this.capacity) this.buffer.shift()
    this.deliver(hubEvent)
    return hubEvent
  }

  /** As the root's publish (the default store), answering the event: tests read its id. */
  override publish (audience: Audience, event: string, data: unknown): HubEvent {
    return this.publishAs(DEFAULT_STORE_ID, audience, event, data)
  }

  get currentSeq (): number {
    return this.seq
  }

  get currentId (): string {
    return `${this.bootId}-${this.seq}`
  }

  replayOf (storeId: string | null, lastEventId: string, filter: EventFilter): Promise<Replay | null> {
    return Promise.resolve(this.since(lastEventId, storeId === null ? filter : event => event.storeId === storeId && filter(event)))
  }

  /** replay's answer, at once: everything it needs is in memory. */
  since (lastEventId: string, filter: EventFilter): Replay | null {
    const match = /^([0-9a-f]+)-(\d+)$/.exec(lastEventId)
    if (!match || match[1] !== this.bootId) return null
    const lastSeq = Number(match[2])
    if (lastSeq > this.seq) return null
    const oldest = this.buffer[0]?.seq ?? this.seq + 1
    if (lastSeq < oldest - 1) return null
    return { after: lastSeq, events: this.buffer.filter(event => event.seq > lastSeq && filter(event)) }
  }
}
