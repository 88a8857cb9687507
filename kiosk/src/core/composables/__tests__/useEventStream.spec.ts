// The event stream every face uses: resumes after the last event seen (kept between runs when asked), reconnects
// with backoff, and reports the connection.
import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope, ref, type EffectScope } from 'vue'
import { reportServerReachable, useOnline } from '@/core/composables/useOnline'
import { SSE_RETRY, useEventStream, type StreamPosition } from '@/core/composables/useEventStream'
import * as db from '@/db'
import { FakeEventSource } from '@/__tests__/support'

let scope: EffectScope

/** Kept in IndexedDB, as the tablet keeps it. */
const DB_POSITION: StreamPosition = {
  read: async () => await db.readMeta(db.MetaKeyEnum.LAST_EVENT_ID) ?? null,
  write: lastEventId => db.writeMeta(db.MetaKeyEnum.LAST_EVENT_ID, lastEventId),
}

function latest (): FakeEventSource {
  const source = FakeEventSource.instances.at(-1)
  if (!source) throw new Error('no stream opened')
  return source
}

/** The connection drops (network, server gone): the browser would retry, we take over. */
function drop (source: FakeEventSource): void {
  source.readyState = FakeEventSource.CONNECTING
  source.onerror?.(new Event('error'))
}

function start (handlers: Record<string, (data: unknown) => void> = {}, callbacks: { onOpen?: () => void, onRefused?: () => void } = {}) {
  scope = effectScope()
  return scope.run(() => useEventStream<Record<string, unknown>>({ url: '/api/events', position: DB_POSITION, enabled: ref(true), handlers, ...callbacks }))!
}

describe('useEventStream', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] })
    vi.spyOn(Math, 'random').mockReturnValue(0.5)
    vi.stubGlobal('EventSource', FakeEventSource)
    FakeEventSource.instances = []
    reportServerReachable(true)
  })

  afterEach(async () => {
    scope.stop()
    vi.useRealTimers()
    vi.restoreAllMocks()
    vi.unstubAllGlobals()
    await db.destroy()
  })

  it('resumes after the last event a previous run saw', async () => {
    await db.writeMeta(db.MetaKeyEnum.LAST_EVENT_ID, '41')
    start()
    await vi.waitFor(() => expect(FakeEventSource.instances).toHaveLength(1))
    expect(latest().url).toBe('/api/events?lastEventId=41')
  })

  it('reconnects with a growing delay after the last event seen, and reports the connection each way', async () => {
    const changed = vi.fn()
    const onOpen = vi.fn()
    const events = start({ 'menu.changed': changed }, { onOpen })
    const { serverReachable } = useOnline()
    await vi.waitFor(() => expect(FakeEventSource.instances).toHaveLength(1))
    latest().open()
    latest().dispatchEvent(new MessageEvent('menu.changed', { data: '{"version":"v2"}', lastEventId: '7' }))
    expect(changed).toHaveBeenCalledWith({ version: 'v2' })

    drop(latest())
    expect(events.connected.value).toBe(false)
    expect(serverReachable.value).toBe(false)
    await vi.advanceTimersByTimeAsync(SSE_RETRY.firstMs - 1)
    expect(FakeEventSource.instances).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(latest().url).toBe('/api/events?lastEventId=7')

    drop(latest())
    await vi.advanceTimersByTimeAsync(2 * SSE_RETRY.firstMs - 1)
    expect(FakeEventSource.instances).toHaveLength(2)
    await vi.advanceTimersByTimeAsync(1)
    expect(FakeEventSource.instances).toHaveLength(3)

    latest().open()
    expect(serverReachable.value).toBe(true)
    expect(events.connected.value).toBe(true)
    expect(onOpen).toHaveBeenCalledTimes(2)
    expect(await db.readMeta(db.MetaKeyEnum.LAST_EVENT_ID)).toBe('7')
  })

  it('tries again at once when the browser says the network is back', async () => {
    start()
    await vi.waitFor(() => expect(FakeEventSource.instances).toHaveLength(1))
    drop(latest())
    drop(latest())
    window.dispatchEvent(new Event('online'))
    expect(FakeEventSource.instances).toHaveLength(2)
  })

  it('tells a refused stream apart from a lost connection', async () => {
    const onRefused = vi.fn()
    start({}, { onRefused })
    const { serverReachable } = useOnline()
    await vi.waitFor(() => expect(FakeEventSource.instances).toHaveLength(1))
    latest().readyState = FakeEventSource.CLOSED
    latest().onerror?.(new Event('error'))
    expect(onRefused).toHaveBeenCalledTimes(1)
    expect(serverReachable.value).toBe(true)
  })

  it('without a kept position opens at once, and a stream turned off can start afresh (the next person on a console)', async () => {
    const enabled = ref(true)
    scope = effectScope()
    scope.run(() => useEventStream<Record<string, unknown>>({ url: '/api/staff/events', enabled, handlers: {}, forgetWhenDisabled: true }))
    expect(latest().url).toBe('/api/staff/events')
    latest().open()
    latest().dispatchEvent(new MessageEvent('ready', { data: '{}', lastEventId: '12' }))

    enabled.value = false
    await vi.advanceTimersByTimeAsync(0)
    expect(latest().readyState).toBe(FakeEventSource.CLOSED)
    enabled.value = true
    await vi.advanceTimersByTimeAsync(0)
    expect(FakeEventSource.instances).toHaveLength(2)
    expect(latest().url).toBe('/api/staff/events')
  })

  it('hands each handler the event data parsed, and skips data that is not JSON', async () => {
    const changed = vi.fn()
    start({ 'menu.changed': changed })
    await vi.waitFor(() => expect(FakeEventSource.instances).toHaveLength(1))
    latest().dispatchEvent(new MessageEvent('menu.changed', { data: 'not json', lastEventId: '3' }))
    latest().dispatchEvent(new MessageEvent('menu.changed', { data: '{"version":"v3"}', lastEventId: '4' }))
    expect(changed.mock.calls).toEqual([[{ version: 'v3' }]])
  })
})
