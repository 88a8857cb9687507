// The tablet's live feed (/api/events): named events, automatic reconnect, Last-Event-ID handled by EventSource.
import { onScopeDispose, ref, watch, type Ref } from 'vue'
import type { TabletEvent } from '@shared/schemas/events'

export type EventHandlers = Partial<Record<TabletEvent, (data: unknown) => void>>

export interface ServerEventsOptions {
  url?: string
  /** The stream is open only while true (an unregistered tablet has no cookie yet). */
  enabled: Readonly<Ref<boolean>>
  handlers: EventHandlers
  /** Called on every (re)connection: events may have been missed while the stream was down. */
  onOpen?: () => void
  /** Called when the server closed the stream for good (for instance the device was revoked). */
  onRefused?: () => void
}

const MAX_RETRY_MS = 30_000

function parse (data: string): unknown {
  try {
    return JSON.parse(data) as unknown
  } catch {
    return data
  }
}

export function useServerEvents (options: ServerEventsOptions) {
  const connected = ref(false)
  let source: EventSource | null = null
  let retryTimer: ReturnType<typeof setTimeout> | undefined
  let retryMs = 1_000

  function open (): void {
    close()
    const stream = new EventSource(options.url ?? '/api/events')
    source = stream
    stream.onopen = () => {
      connected.value = true
      retryMs = 1_000
      options.onOpen?.()
    }
    stream.onerror = () => {
      connected.value = false
      // CONNECTING means the browser retries by itself; CLOSED means it gave up (an HTTP error answer).
      if (stream.readyState !== EventSource.CLOSED) return
      options.onRefused?.()
      stream.close()
      retryTimer = setTimeout(() => { if (options.enabled.value) open() }, retryMs)
      retryMs = Math.min(MAX_RETRY_MS, retryMs * 2)
    }
    for (const [name, handler] of Object.entries(options.handlers)) {
      stream.addEventListener(name, (event) => handler(parse((event as MessageEvent<string>).data)))
    }
  }

  function close (): void {
    clearTimeout(retryTimer)
    source?.close()
    source = null
    connected.value = false
  }

  watch(options.enabled, (on) => { if (on) open(); else close() }, { immediate: true })
  onScopeDispose(close)

  return { connected, reconnect: open }
}
