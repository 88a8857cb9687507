// A screen whose code failed to load: a few quick retries, then a reload once the network is there.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { afterLoadFailure } from '@/tablet/lazy-screens'

function setOnline (online: boolean): void {
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => online })
}

afterEach(() => {
  vi.useRealTimers()
  setOnline(true)
})

describe('afterLoadFailure', () => {
  it('retries the first failures after a growing delay, without reloading', () => {
    vi.useFakeTimers()
    const retry = vi.fn()
    const reload = vi.fn()
    afterLoadFailure(1, retry, reload)
    vi.advanceTimersByTime(999)
    expect(retry).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(retry).toHaveBeenCalledTimes(1)
    afterLoadFailure(3, retry, reload)
    vi.advanceTimersByTime(3_000)
    expect(retry).toHaveBeenCalledTimes(2)
    expect(reload).not.toHaveBeenCalled()
  })

  it('reloads past the retries, since the browser keeps a failed module fetch for the life of the page', () => {
    const retry = vi.fn()
    const reload = vi.fn()
    afterLoadFailure(4, retry, reload)
    expect(reload).toHaveBeenCalledTimes(1)
    expect(retry).not.toHaveBeenCalled()
  })

  it('offline, waits for the network before reloading (a reload offline could leave a blank tablet)', () => {
    setOnline(false)
    const reload = vi.fn()
    afterLoadFailure(4, vi.fn(), reload)
    expect(reload).not.toHaveBeenCalled()
    window.dispatchEvent(new Event('online'))
    expect(reload).toHaveBeenCalledTimes(1)
    window.dispatchEvent(new Event('online'))
    expect(reload).toHaveBeenCalledTimes(1)
  })
})
