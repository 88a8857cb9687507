// The presence refresh of PostgreSQL processes: last_seen_at of the tablets streaming here, written at a stream's
// open and then in one batch per period while anything streams, never after the last stream closed or the app.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { DevicePresence, ONLINE_GRACE_MS } from '../../src/lib/device-presence.js'
import { PRESENCE_REFRESH_MS, PresenceRefresh } from '../../src/lib/device-presence-refresh.js'

const T0 = Date.parse('2026-12-06T12:00:00.000Z')

afterEach(() => {
  vi.useRealTimers()
})

function refreshed (options: { markSeen?: (ids: string[], at: string) => Promise<void> } = {}) {
  vi.useFakeTimers({ now: T0 })
  const presence = new DevicePresence()
  const writes: Array<{ ids: string[], at: string }> = []
  const warnings: unknown[] = []
  const refresh = new PresenceRefresh({
    presence,
    markSeen: options.markSeen ?? (async (ids, at) => { writes.push({ ids, at }) }),
    log: { warn: (...args: unknown[]) => { warnings.push(args) } },
  })
  return { presence, refresh, writes, warnings }
}

describe('PresenceRefresh', () => {
  it('refreshes well inside the grace, so two late refreshes still leave a tablet online', () => {
    expect(3 * PRESENCE_REFRESH_MS).toBeLessThanOrEqual(ONLINE_GRACE_MS)
  })

  it('writes a tablet at once when its first stream opens, then every streaming tablet in one write per period', async () => {
    const { presence, writes } = refreshed()
    const first = presence.open('dev_1')
    presence.open('dev_1')
    expect(writes).toEqual([{ ids: ['dev_1'], at: new Date(T0).toISOString() }])
    presence.open('dev_2')
    expect(writes).toHaveLength(2)
    await vi.advanceTimersByTimeAsync(PRESENCE_REFRESH_MS)
    expect(writes.slice(2)).toEqual([{ ids: ['dev_1', 'dev_2'], at: new Date(T0 + PRESENCE_REFRESH_MS).toISOString() }])
    first()
    await vi.advanceTimersByTimeAsync(PRESENCE_REFRESH_MS)
    expect(writes.at(-1)!.ids).toEqual(['dev_1', 'dev_2'])
  })

  it('stops when the last stream closes, and starts again with the next', async () => {
    const { presence, writes } = refreshed()
    const leave = presence.open('dev_1')
    leave()
    expect(vi.getTimerCount()).toBe(0)
    await vi.advanceTimersByTimeAsync(3 * PRESENCE_REFRESH_MS)
    expect(writes).toHaveLength(1)
    presence.open('dev_2')
    await vi.advanceTimersByTimeAsync(PRESENCE_REFRESH_MS)
    expect(writes.map(write => write.ids)).toEqual([['dev_1'], ['dev_2'], ['dev_2']])
  })

  it('skips a period while the last write is still running, and logs a failed write and goes on', async () => {
    const pending: Array<{ resolve: () => void, reject: (error: Error) => void }> = []
    const { presence, warnings } = refreshed({
      markSeen: () => new Promise<void>((resolve, reject) => { pending.push({ resolve, reject }) }),
    })
    presence.open('dev_1')
    pending.shift()!.resolve()
    await vi.advanceTimersByTimeAsync(PRESENCE_REFRESH_MS)
    expect(pending).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(PRESENCE_REFRESH_MS)
    expect(pending).toHaveLength(1)
    pending.shift()!.reject(new Error('connection lost'))
    await vi.advanceTimersByTimeAsync(PRESENCE_REFRESH_MS)
    expect(warnings).toHaveLength(1)
    expect(pending).toHaveLength(1)
  })

  it('stops for good at close, after the write in flight', async () => {
    let finish = () => {}
    let calls = 0
    const { presence, refresh } = refreshed({ markSeen: () => new Promise<void>(resolve => { calls++; finish = resolve }) })
    presence.open('dev_1')
    let stopped = false
    const stopping = refresh.stop().then(() => { stopped = true })
    await vi.advanceTimersByTimeAsync(0)
    expect(stopped).toBe(false)
    finish()
    await stopping
    expect(vi.getTimerCount()).toBe(0)
    presence.open('dev_2')
    await vi.advanceTimersByTimeAsync(PRESENCE_REFRESH_MS)
    expect(calls).toBe(1)
    expect(vi.getTimerCount()).toBe(0)
  })
})
