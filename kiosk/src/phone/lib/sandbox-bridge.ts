// In sandbox-local mode there is no Alipay app: the built-in emulator serves an AlipayJSBridge stand-in whose
// tradePay opens its own cashier, so the phone's payment runs in any browser. Loaded only when the server says so.
import { request } from '@/core/api/client'

/** Where the emulator (mounted at /sandbox) serves its bridge. */
export const SANDBOX_BRIDGE_URL = '/sandbox/jsbridge.js'

interface Health {
  alipayMode: string
}

/** `loaded`: the emulator's bridge was added; `absent`: not sandbox-local (or a bridge is there already);
 * `unknown`: the server could not be asked. */
export type SandboxBridgeState = 'loaded' | 'absent' | 'unknown'

let loading: Promise<SandboxBridgeState> | null = null

/** Adds the emulator's bridge script when the server runs in sandbox-local mode. */
export function loadSandboxBridge (): Promise<SandboxBridgeState> {
  loading ??= request<Health>('GET', '/api/health')
    .then((health): SandboxBridgeState => {
      if (health.alipayMode !== 'sandbox-local' || window.AlipayJSBridge) return 'absent'
      const script = document.createElement('script')
      script.src = SANDBOX_BRIDGE_URL
      script.async = true
      document.head.appendChild(script)
      return 'loaded'
    })
    // A failed look-up is tried again on the next call (the diner's next tap on a pay button).
    .catch((): SandboxBridgeState => { loading = null; return 'unknown' })
  return loading
}

/** Forgets the earlier look-up (tests). */
export function resetSandboxBridge (): void {
  loading = null
}
