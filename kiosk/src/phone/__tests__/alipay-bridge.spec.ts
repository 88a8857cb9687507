// Waiting for Alipay's bridge: there at once, injected later (AlipayJSBridgeReady), or never (not inside Alipay).
import { afterEach, describe, expect, it, vi } from 'vitest'
import { BRIDGE_READY_EVENT, tradePay, waitForBridge, type AlipayJSBridge } from '@/phone/lib/alipay-bridge'

const bridge = (): AlipayJSBridge => ({ call: vi.fn((_name, _options, callback) => callback({ resultCode: 9000 as unknown as string })) })

afterEach(() => {
  delete window.AlipayJSBridge
  vi.useRealTimers()
})

describe('Alipay bridge', () => {
  it('answers at once when the bridge is already there', async () => {
    const there = bridge()
    window.AlipayJSBridge = there
    await expect(waitForBridge()).resolves.toBe(there)
  })

  it('waits for AlipayJSBridgeReady', async () => {
    const waiting = waitForBridge()
    const injected = bridge()
    window.AlipayJSBridge = injected
    document.dispatchEvent(new Event(BRIDGE_READY_EVENT))
    await expect(waiting).resolves.toBe(injected)
  })

  it('gives up when no bridge comes (the page is not inside Alipay)', async () => {
    vi.useFakeTimers()
    const waiting = waitForBridge(5_000)
    await vi.advanceTimersByTimeAsync(5_000)
    await expect(waiting).resolves.toBeNull()
  })

  it('calls tradePay with tradeNO and reads the result code as a string', async () => {
    const there = bridge()
    await expect(tradePay(there, 'T1')).resolves.toMatchObject({ resultCode: '9000' })
    expect(there.call).toHaveBeenCalledWith('tradePay', { tradeNO: 'T1' }, expect.any(Function))
  })
})
