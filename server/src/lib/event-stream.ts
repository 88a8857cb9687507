// Writes a text/event-stream reply: replay after Last-Event-ID (or `resync`), live events, heartbeats.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { SSE_HEARTBEAT_MS } from '#shared/schemas/events.js'
import type { EventFilter, EventHub, HubEvent, Replay } from './event-hub.js'

export interface SseStreamOptions {
  hub: EventHub
  filter: EventFilter
  /** Called for each event before it is sent; may rewrite it (as a new object, never in place) or drop it (return null). */
  transform?: (event: HubEvent) => HubEvent | null
  heartbeatMs?: number
  onClose?: () => void
  /**
   * Whether the missed events can be replayed as they are; false sends `resync` instead (a tablet
   * moved to another table during the gap cannot tell which table's events it missed).
   */
  acceptReplay?: (missed: readonly HubEvent[]) => boolean
  /**
   * Whether the stream ends once `event` (passed the filter) is sent: the client then reconnects, and its new
   * stream may listen elsewhere (a tablet unpaired from its store's stream).
   */
  endAfter?: (event: HubEvent) => boolean
}

function frame (event: Pick<HubEvent, 'id' | 'event' | 'data'>): string {
  return `id: ${event.id}\nevent: ${event.event}\ndata: ${JSON.stringify(event.data)}\n\n`
}

/**
 * The frame of the event being fanned out, encoded once: the hub calls every stream's listener one after
 * the other for the same event, so 500 tablets share one Buffer instead of each serialising its own.
 * One slot only, so nothing accumulates; replays and rewritten events simply encode their own.
 */
let lastEvent: HubEvent | null = null
let lastFrame: Buffer = Buffer.alloc(0)

function encodedFrame (event: HubEvent): Buffer {
  if (event !== lastEvent) {
    lastFrame = Buffer.from(frame(event))
    lastEvent = event
  }
  return lastFrame
}

export function openEventStream (request: FastifyRequest, reply: FastifyReply, options: SseStreamOptions): void {
  const { hub, filter } = options
  const transform = options.transform ?? ((event: HubEvent) => event)
  reply.hijack()
  const raw = reply.raw
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    // Proxies such as nginx would otherwise buffer the stream.
    'x-accel-buffering': 'no',
  })
  // Node sends a HEAD reply's headers only when it ends, and a stream never ends by itself.
  if (request.method === 'HEAD') {
    raw.end()
    return
  }
  raw.write('retry: 3000\n\n')

  // Events are sent once each and in order: `sentSeq` is the position the client has reached. A resuming
  // stream subscribes before its replay is read and holds what arrives meanwhile in `held`; live events the
  // replay already covered (another process's log may be ahead of this one's delivery) are skipped.
  let sentSeq = hub.currentSeq
  let held: HubEvent[] | null = null
  let closed = false
  const heartbeat = setInterval(() => raw.write(': heartbeat\n\n'), options.heartbeatMs ?? SSE_HEARTBEAT_MS)
  heartbeat.unref()
  const send = (event: HubEvent) => {
    if (closed) return
    const out = transform(event)
    if (out) raw.write(encodedFrame(out))
    if (options.endAfter?.(event)) {
      raw.end()
      close()
    }
  }
  const live = (event: HubEvent) => {
    if (event.seq <= sentSeq) return
    sentSeq = event.seq
    if (filter(event)) send(event)
  }
  const resync = () => {
    sentSeq = hub.currentSeq
    raw.write(frame({ id: hub.currentId, event: 'resync', data: { reason: 'gap' } }))
  }

  const lastEventId = request.headers['last-event-id']
  const lastId = Array.isArray(lastEventId) ? lastEventId[0] : lastEventId
  const unsubscribe = hub.subscribe(
    event => { if (held) held.push(event); else live(event) },
    // Events were lost on their way here: the client reloads, then reconnects from the current position
    // (a tablet's table is read afresh then, in case a lost device.changed moved it).
    () => { if (!closed) { resync(); raw.end() } },
  )
  const resume = async (id: string) => {
    let missed: Replay | null = null
    try {
      missed = await hub.replay(id, filter)
    } catch (error) {
      request.log.warn({ err: error }, 'could not read the events a stream missed')
    }
    if (closed) return
    if (missed === null || options.acceptReplay?.(missed.events) === false) {
      resync()
    } else {
      sentSeq = missed.after
      for (const event of missed.events) {
        if (closed) return
        sentSeq = event.seq
        send(event)
      }
    }
    const waiting = held ?? []
    held = null
    for (const event of waiting) live(event)
  }
  if (lastId) {
    held = []
    void resume(lastId)
  } else {
    // A fresh stream starts with the current position, so a reconnect can replay from here.
    raw.write(frame({ id: hub.currentId, event: 'ready', data: {} }))
  }

  function close (): void {
    if (closed) return
    closed = true
    clearInterval(heartbeat)
    unsubscribe()
    options.onClose?.()
  }
  raw.on('close', close)
}
