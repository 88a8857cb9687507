// The live events every SSE stream subscribes to: what an event is, who it is for, and the hub callers publish
// through. MemoryEventHub (below) is the one-process hub of the SQLite server; on PostgreSQL the hub of
// events/postgres-event-hub.ts shares one event log between every process.
import { randomBytes } from 'node:crypto'
import type { StaffEventPayloads, TabletEventPayloads } from '#shared/schemas/events.js'

/** Who an event is for. A tablet sees its table's, its own device's and broadcast events. */
export type Audience =
  | { kind: 'table', tableId: string }
  | { kind: 'device', deviceId: string }
  | { kind: 'tablets' }
  | { kind: 'staff' }

export interface HubEvent {
  /** What the stream sends as the SSE id, and a reconnecting client sends back as Last-Event-ID. */
  id: string
  /** The event's position: larger is later, within one hub (memory) or one event log (PostgreSQL). */
  seq: number
  event: string
  data: unknown
  audience: Audience
}

/** Audiences on the tablets' stream (/api/events). */
export type TabletAudience = Exclude<Audience, { kind: 'staff' }>

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
 */
export abstract class EventHub {
  private readonly listeners = new Set<EventListener>()
  private readonly gapListeners = new Set<GapListener>()

  /** Any event to any audience, unchecked: the server's code sends through toStaff and toTablets. */
  abstract publish (audience: Audience, event: string, data: unknown): void

  /** The position of the newest event delivered here: a fresh stream starts from it. */
  abstract get currentSeq (): number

  /** `currentSeq` as an SSE id. */
  abstract get currentId (): string

  /**
   * What a stream resuming after `lastEventId` missed, or null when that cannot all be known (an unknown or
   * foreign id, or older than what is kept): the client must then resynchronise.
   */
  abstract replay (lastEventId: string, filter: EventFilter): Promise<Replay | null>

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

  /** Hears every event delivered here, in order; `onGap` hears that some were lost. */
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

/** The SQLite server's hub: one process, ids `<boot>-<seq>`, the last REPLAY_BUFFER_SIZE events kept for replay. */
export class MemoryEventHub extends EventHub {
  /** A Last-Event-ID from before a restart is recognised as such. */
  readonly bootId = randomBytes(4).toString('hex')
  private seq = 0
  private readonly buffer: HubEvent[] = []

  constructor (private readonly capacity = REPLAY_BUFFER_SIZE) {
    super()
  }

  publish (audience: Audience, event: string, data: unknown): HubEvent {
    const seq = ++this.seq
    const hubEvent: HubEvent = { id: `${this.bootId}-${seq}`, seq, event, data, audience }
    this.buffer.push(hubEvent)
    if (this.buffer.length > this.capacity) this.buffer.shift()
    this.deliver(hubEvent)
    return hubEvent
  }

  get currentSeq (): number {
    return this.seq
  }

  get currentId (): string {
    return `${this.bootId}-${this.seq}`
  }

  replay (lastEventId: string, filter: EventFilter): Promise<Replay | null> {
    return Promise.resolve(this.since(lastEventId, filter))
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
