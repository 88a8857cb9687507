import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Payment } from '@shared/schemas/payment'
import { paymentFor } from '@/__tests__/support'
import { createPaymentPoller } from '../payment-poller'

const POLL_MS = 1_000

describe('createPaymentPoller', () => {
  let current: Payment | null
  let open: boolean
  const fetch = vi.fn<(id: string) => Promise<Payment>>()
  const apply = vi.fn<(payment: Payment) => void>()

  beforeEach(() => {
    vi.useFakeTimers()
    current = paymentFor({ id: 'ord_1', total: 1200 })
    open = true
    fetch.mockReset().mockImplementation(async id => paymentFor({ id: 'ord_1', total: 1200 }, { id }))
    apply.mockReset()
  })
  afterEach(() => { vi.useRealTimers() })

  function poller () {
    return createPaymentPoller({ current: () => current, isOpen: () => open, fetch, apply, intervalMs: () => POLL_MS })
  }

  it('reads the open payment once per interval and hands each answer on', async () => {
    poller().schedule()
    expect(fetch).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(POLL_MS)
    expect(fetch).toHaveBeenCalledTimes(1)
    expect(apply).toHaveBeenCalledWith(expect.objectContaining({ id: 'pay_1' }))
    await vi.advanceTimersByTimeAsync(POLL_MS)
    expect(fetch).toHaveBeenCalledTimes(2)
  })

  it('keeps polling after a failed read, and stops once another payment is shown', async () => {
    fetch.mockRejectedValueOnce(new Error('offline'))
    poller().schedule()
    await vi.advanceTimersByTimeAsync(POLL_MS)
    expect(apply).not.toHaveBeenCalled()
    current = paymentFor({ id: 'ord_1', total: 1200 }, { id: 'pay_2' })
    await vi.advanceTimersByTimeAsync(POLL_MS)
    // The read already under way for pay_1 finished; pay_2 is not polled until someone schedules it.
    expect(fetch.mock.calls.map(([id]) => id)).toEqual(['pay_1', 'pay_1'])
    await vi.advanceTimersByTimeAsync(POLL_MS * 3)
    expect(fetch).toHaveBeenCalledTimes(2)
  })

  it('does not poll a payment that is not open, nor after stop', async () => {
    open = false
    const watcher = poller()
    watcher.schedule()
    await vi.advanceTimersByTimeAsync(POLL_MS * 2)
    expect(fetch).not.toHaveBeenCalled()
    open = true
    watcher.schedule()
    watcher.stop()
    await vi.advanceTimersByTimeAsync(POLL_MS * 2)
    expect(fetch).not.toHaveBeenCalled()
  })

  it('reads the open payment at once on readNow, and lets a failed read go', async () => {
    const watcher = poller()
    await watcher.readNow()
    expect(apply).toHaveBeenCalledTimes(1)
    fetch.mockRejectedValueOnce(new Error('offline'))
    await expect(watcher.readNow()).resolves.toBeUndefined()
    open = false
    await watcher.readNow()
    expect(fetch).toHaveBeenCalledTimes(2)
  })
})
