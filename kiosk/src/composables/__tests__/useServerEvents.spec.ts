// The tablet's event stream: resumes after the last event seen, reconnects with backoff, and reports the connection.
import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope, ref, type EffectScope } from 'vue'
import { reportServerReachable, useOnline } from '@/composables/useOnline'
import { SSE_RETRY, useServerEvents } from '@/composables/useServerEvents'
import * as db from '@/db'
import { FakeEventSource } from '@/__tests__/support'

let scope: EffectScope

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
  return scope.run(() => useServerEvents({ enabled: ref(true), handlers, ...callbacks }))!
}

describe('useServerEvents', () => {
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
})
