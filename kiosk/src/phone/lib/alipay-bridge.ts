// Alipay's in-app JavaScript bridge: `tradePay` opens Alipay's cashier for a trade the server created. Inside the
// Alipay app the bridge is injected some time after the page starts; `AlipayJSBridgeReady` on document says it is
// there. Its result only tells the page what the diner saw: paid is decided by the server (notification or query).

/** What `tradePay` answers in `resultCode`. */
export const TradePayResultEnum = {
  PAID: '9000',
  PROCESSING: '8000',
  CANCELLED: '6001',
  NETWORK_ERROR: '6002',
  FAILED: '4000',
} as const

export interface TradePayResult {
  resultCode: string
  memo?: string
  result?: string
}

export interface AlipayJSBridge {
  call: (name: string, options: Record<string, unknown>, callback: (result: TradePayResult) => void) => void
}

declare global {
  interface Window {
    AlipayJSBridge?: AlipayJSBridge
  }
}

export const BRIDGE_READY_EVENT = 'AlipayJSBridgeReady'
/** How long a page waits for the bridge before telling the diner to open it in Alipay. */
export const BRIDGE_WAIT_MS = 10_000

/** The page runs inside the Alipay app, whose bridge comes (if not yet there) with AlipayJSBridgeReady. */
export function inAlipayApp (): boolean {
  return /AlipayClient/i.test(navigator.userAgent)
}

/** The bridge once Alipay has injected it; null when it did not come within `timeoutMs` (not inside Alipay). */
export function waitForBridge (timeoutMs = BRIDGE_WAIT_MS): Promise<AlipayJSBridge | null> {
  if (window.AlipayJSBridge) return Promise.resolve(window.AlipayJSBridge)
  return new Promise((resolve) => {
    const timer = setTimeout(() => finish(null), timeoutMs)
    function finish (bridge: AlipayJSBridge | null): void {
      clearTimeout(timer)
      document.removeEventListener(BRIDGE_READY_EVENT, onReady)
      resolve(bridge)
    }
    function onReady (): void {
      if (window.AlipayJSBridge) finish(window.AlipayJSBridge)
    }
    document.addEventListener(BRIDGE_READY_EVENT, onReady)
  })
}

/** Opens Alipay's cashier for a trade and resolves with what the diner did there. */
export function tradePay (bridge: AlipayJSBridge, tradeNo: string): Promise<TradePayResult> {
  return new Promise((resolve) => {
    bridge.call('tradePay', { tradeNO: tradeNo }, result => resolve({ ...result, resultCode: String(result?.resultCode ?? '') }))
  })
}
