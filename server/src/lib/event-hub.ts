// In-process fan-out of live events with replay: every SSE stream subscribes here.
import { randomBytes } from 'node:crypto'
import type { StaffEventPayloads, TabletEventPayloads } from '#shared/schemas/events.js'

/** Who an event is for. A tablet sees its table's, its own device's and broadcast events. */
export type Audience =
  | { kind: 'table', tableId: string }
  | { kind: 'device', deviceId: string }
  | { kind: 'tablets' }
  | { kind: 'staff' }

export interface HubEvent {
  /** `<boot>-<seq>`: a Last-Event-ID from before a restart is recognised as such. */
  id: string
  seq: number
  event: string
  data: unknown
  audience: Audience
}

/** Audiences on the tablets' stream (/api/events). */
export type TabletAudience = Exclude<Audience, { kind: 'staff' }>

export type EventFilter = (event: HubEvent) => boolean
type Listener = (event: HubEvent) => void

export const REPLAY_BUFFER_SIZE = 2000

export class EventHub {
  readonly bootId = randomBytes(4).toString('hex')
  private seq = 0
  private readonly buffer: HubEvent[] = []
  private readonly listeners = new Set<Listener>()

  constructor (private readonly capacity = REPLAY_BUFFER_SIZE) {}

  /** Any event to any audience, unchecked: the server's code sends through toStaff and toTablets. */
  publish (audience: Audience, event: string, data: unknown): HubEvent {
    const seq = ++this.seq
    const hubEvent: HubEvent = { id: `${this.bootId}-${seq}`, seq, event, data, audience }
    this.buffer.push(hubEvent)
    if (this.buffer.length > this.capacity) this.buffer.shift()
    for (const listener of this.listeners) listener(hubEvent)
    return hubEvent
  }

  /** An event for the staff console, carrying the data StaffEventPayloads declares for it. */
  toStaff<E extends keyof StaffEventPayloads> (event: E, data: StaffEventPayloads[E]): HubEvent {
    return this.publish({ kind: 'staff' }, event, data)
  }

  /** An event for tablets (a table's, one device's or all), carrying the data TabletEventPayloads declares for it. */
  toTablets<E extends keyof TabletEventPayloads> (audience: TabletAudience, event: E, data: TabletEventPayloads[E]): HubEvent {
    return this.publish(audience, event, data)
  }

  subscribe (listener: Listener): () => void {
    this.listeners.add(listener)
    return () => { this.listeners.delete(listener) }
  }

  /** The id of the newest event, used as the starting point of a fresh stream. */
  get currentId (): string {
    return `${this.bootId}-${this.seq}`
  }

  get subscriberCount (): number {
    return this.listeners.size
  }

  /**
   * Events after `lastEventId` that pass the filter, or null when they cannot all be known
   * (another boot, or older than the buffer): the client must then resynchronise.
   */
  since (lastEventId: string, filter: EventFilter): HubEvent[] | null {
    const match = /^([0-9a-f]+)-(\d+)$/.exec(lastEventId)
    if (!match || match[1] !== this.bootId) return null
    const lastSeq = Number(match[2])
    if (lastSeq > this.seq) return null
    const oldest = this.buffer[0]?.seq ?? this.seq + 1
    if (lastSeq < oldest - 1) return null
    return this.buffer.filter(event => event.seq > lastSeq && filter(event))
  }
}
