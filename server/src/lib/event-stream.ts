// Writes a text/event-stream reply: replay after Last-Event-ID (or `resync`), live events, heartbeats.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { SSE_HEARTBEAT_MS } from '#shared/schemas/events.js'
import type { EventFilter, EventHub, HubEvent } from './event-hub.js'

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

  const send = (event: HubEvent) => {
    const out = transform(event)
    if (out) raw.write(encodedFrame(out))
  }

  const lastEventId = request.headers['last-event-id']
  const lastId = Array.isArray(lastEventId) ? lastEventId[0] : lastEventId
  if (lastId) {
    const missed = hub.since(lastId, filter)
    if (missed === null || options.acceptReplay?.(missed) === false) raw.write(frame({ id: hub.currentId, event: 'resync', data: { reason: 'gap' } }))
    else for (const event of missed) send(event)
  } else {
    // A fresh stream starts with the current position, so a reconnect can replay from here.
    raw.write(frame({ id: hub.currentId, event: 'ready', data: {} }))
  }

  const unsubscribe = hub.subscribe(event => { if (filter(event)) send(event) })
  const heartbeat = setInterval(() => raw.write(': heartbeat\n\n'), options.heartbeatMs ?? SSE_HEARTBEAT_MS)
  heartbeat.unref()
  const close = () => {
    clearInterval(heartbeat)
    unsubscribe()
    options.onClose?.()
  }
  raw.on('close', close)
}
