// The tablet's live feed (/api/events): named events, reconnects with backoff, resumes after the last event seen.
import { onScopeDispose, ref, watch, type Ref } from 'vue'
import type { TabletEvent } from '@shared/schemas/events'
import * as db from '@/db'
import { reportServerReachable } from './useOnline'

export type EventHandlers = Partial<Record<TabletEvent, (data: unknown) => void>>

export interface ServerEventsOptions {
  url?: string
  /** The stream is open only while true (an unregistered tablet has no cookie yet). */
  enabled: Readonly<Ref<boolean>>
  handlers: EventHandlers
  /** Called on every (re)connection: events may have been missed while the stream was down. */
  onOpen?: () => void
  /** Called when the server refused the stream (an HTTP error, for instance the device was revoked). */
  onRefused?: () => void
}

export const SSE_RETRY = { firstMs: 1_000, maxMs: 30_000 } as const
/** The first event of a fresh stream; it carries the position to resume from. */
const READY_EVENT = 'ready'

function parse (data: string): unknown {
  try {
    return JSON.parse(data) as unknown
  } catch {
    return data
  }
}

/** A little randomness, so the tablets of a restaurant do not all reconnect in the same second. */
function jitter (ms: number): number {
  return Math.round(ms * (0.8 + Math.random() * 0.4))
}

export function useServerEvents (options: ServerEventsOptions) {
  const connected = ref(false)
  let source: EventSource | null = null
  let retryTimer: ReturnType<typeof setTimeout> | undefined
  let retryMs: number = SSE_RETRY.firstMs
  let lastEventId: string | null = null
  let resumeRead: Promise<void> | null = null
  let disposed = false

  function streamUrl (): string {
    const base = options.url ?? '/api/events'
    if (!lastEventId) return base
    // A new EventSource cannot send Last-Event-ID itself; the server accepts it in the query.
    return `${base}${base.includes('?') ? '&' : '?'}lastEventId=${encodeURIComponent(lastEventId)}`
  }

  function remember (event: MessageEvent): void {
    if (!event.lastEventId || event.lastEventId === lastEventId) return
    lastEventId = event.lastEventId
    void db.writeMeta(db.MetaKeyEnum.LAST_EVENT_ID, lastEventId).catch(() => undefined)
  }

  function scheduleReconnect (): void {
    clearTimeout(retryTimer)
    retryTimer = setTimeout(() => { if (options.enabled.value) open() }, jitter(retryMs))
    retryMs = Math.min(SSE_RETRY.maxMs, retryMs * 2)
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
    for (const [name, handler] of Object.entries(options.handlers)) {
      stream.addEventListener(name, (event) => {
        remember(event as MessageEvent<string>)
        handler(parse((event as MessageEvent<string>).data))
      })
    }
  }

  /** The first connection of this page resumes after the last event a previous run saw. */
  function start (): void {
    resumeRead ??= db.readMeta(db.MetaKeyEnum.LAST_EVENT_ID)
      .then((saved) => { lastEventId ??= saved ?? null })
      .catch(() => undefined)
    void resumeRead.then(() => { if (!disposed && options.enabled.value && !source) open() })
  }

  function close (): void {
    clearTimeout(retryTimer)
    source?.close()
    source = null
    connected.value = false
  }

  /** The browser says the network is back: try now instead of waiting out the backoff. */
  function onBrowserOnline (): void {
    if (!options.enabled.value || connected.value) return
    retryMs = SSE_RETRY.firstMs
    open()
  }

  window.addEventListener('online', onBrowserOnline)
  watch(options.enabled, (on) => { if (on) start(); else close() }, { immediate: true })
  onScopeDispose(() => {
    disposed = true
    window.removeEventListener('online', onBrowserOnline)
    close()
  })

  return { connected, reconnect: open }
}
