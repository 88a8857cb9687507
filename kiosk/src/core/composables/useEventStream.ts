// A live feed from the server (server-sent events) for any face: typed named events, one reconnect rule (our own
// backoff with jitter, at once when the browser is back online) and one resume rule (after the last event seen).
import { onScopeDispose, ref, watch, type Ref } from 'vue'
import { reportServerReachable } from './useOnline'

/** Handlers by event name, each given that event's data as the shared schemas type it. */
export type EventHandlers<Payloads> = { [Name in keyof Payloads]?: (data: Payloads[Name]) => void }

/** Where the resume position is kept between runs (the tablet keeps it in IndexedDB). */
export interface StreamPosition {
  read: () => Promise<string | null>
  write: (lastEventId: string) => Promise<void>
}

export interface EventStreamOptions<Payloads> {
  url: string
  /** The stream is open only while true (an unregistered tablet has no cookie yet, a console nobody is logged into). */
  enabled: Readonly<Ref<boolean>>
  handlers: EventHandlers<Payloads>
  /** Called on every (re)connection: events may have been missed while the stream was down. */
  onOpen?: () => void
  /** Called when the server refused the stream (an HTTP error: the device was revoked, the session ended). */
  onRefused?: () => void
  /** Kept between runs when given: the first connection of a page resumes where the previous run stopped. */
  position?: StreamPosition
  /** Turning the stream off forgets the position (the console: the next person starts from now). */
  forgetWhenDisabled?: boolean
}

export const SSE_RETRY = { firstMs: 1_000, maxMs: 30_000 } as const
/** The first event of a fresh stream; it carries the position to resume from. */
const READY_EVENT = 'ready'
const NOT_JSON = Symbol('not JSON')

function parse (data: string): unknown {
  try {
    return JSON.parse(data) as unknown
  } catch {
    return NOT_JSON
  }
}

/** A little randomness, so the tablets of a restaurant do not all reconnect in the same second. */
function jitter (ms: number): number {
  return Math.round(ms * (0.8 + Math.random() * 0.4))
}

export function useEventStream<Payloads> (options: EventStreamOptions<Payloads>) {
  const connected = ref(false)
  let source: EventSource | null = null
  let retryTimer: ReturnType<typeof setTimeout> | undefined
  let retryMs: number = SSE_RETRY.firstMs
  let lastEventId: string | null = null
  let resumeRead: Promise<void> | null = null
  let disposed = false

  function streamUrl (): string {
    if (!lastEventId) return options.url
    // A new EventSource cannot send Last-Event-ID itself; the server accepts it in the query.
    return `${options.url}${options.url.includes('?') ? '&' : '?'}lastEventId=${encodeURIComponent(lastEventId)}`
  }

  function remember (event: MessageEvent): void {
    if (!event.lastEventId || event.lastEventId === lastEventId) return
    lastEventId = event.lastEventId
    void options.position?.write(lastEventId).catch(() => undefined)
  }

  function scheduleReconnect (): void {
    clearTimeout(retryTimer)
    retryTimer = setTimeout(() => { if (options.enabled.value) open() }, jitter(retryMs))
    retryMs = Math.min(SSE_RETRY.maxMs, retryMs * 2)
  }

  function listen (stream: EventSource, name: string, handler: (data: unknown) => void): void {
    stream.addEventListener(name, (event) => {
      const message = event as MessageEvent<string>
      remember(message)
      const data = parse(message.data)
      if (data !== NOT_JSON) handler(data)
    })
  }

  function open (): void {
    close()
    const stream = new EventSource(streamUrl())
    source = stream
    stream.onopen = () => {
      connected.value = true
      retryMs = SSE_RETRY.firstMs
      reportServerReachable(true)
      options.onOpen?.()
    }
    stream.onerror = () => {
      if (source !== stream) return
      connected.value = false
      // CLOSED: the server answered with an error status. Otherwise the connection itself failed.
      const refused = stream.readyState === EventSource.CLOSED
      if (!refused) reportServerReachable(false)
      // Reconnect on our own schedule (backoff, jitter, resume position) rather than the browser's fixed one.
      stream.close()
      source = null
      if (refused) options.onRefused?.()
      scheduleReconnect()
    }
    stream.addEventListener(READY_EVENT, event => remember(event as MessageEvent<string>))
    for (const [name, handler] of Object.entries(options.handlers) as Array<[string, (data: unknown) => void]>) {
      listen(stream, name, handler)
    }
  }

  /** The first connection of this page resumes after the last event a previous run saw (when it is kept). */
  function start (): void {
    if (!options.position) {
      open()
      return
    }
    resumeRead ??= options.position.read()
      .then((saved) => { lastEventId ??= saved })
      .catch(() => undefined)
    void resumeRead.then(() => { if (!disposed && options.enabled.value && !source) open() })
  }

  function close (): void {
    clearTimeout(retryTimer)
    source?.close()
    source = null
    connected.value = false
  }

  function stop (): void {
    close()
    if (options.forgetWhenDisabled) lastEventId = null
  }

  /** The browser says the network is back: try now instead of waiting out the backoff. */
  function onBrowserOnline (): void {
    if (!options.enabled.value || connected.value) return
    retryMs = SSE_RETRY.firstMs
    open()
  }

  window.addEventListener('online', onBrowserOnline)
  watch(options.enabled, (on) => { if (on) start(); else stop() }, { immediate: true })
  onScopeDispose(() => {
    disposed = true
    window.removeEventListener('online', onBrowserOnline)
    close()
  })

  return { connected, reconnect: open }
}
