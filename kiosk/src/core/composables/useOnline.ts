// Whether the tablet can reach the restaurant's server: the browser's word, corrected by real signals
// (a request that got no answer, the event stream dropping or opening), since Wi-Fi can be "up" with
// the server unreachable and navigator.onLine never notices.
import { computed, onScopeDispose, readonly, ref, watch } from 'vue'

const browserOnline = ref(typeof navigator === 'undefined' ? true : navigator.onLine)
/** False after a request got no answer or the stream dropped; true again with the next answer. */
const serverReachable = ref(true)
const online = computed(() => browserOnline.value && serverReachable.value)

let listening = false

function listen (): void {
  if (listening || typeof window === 'undefined') return
  listening = true
  window.addEventListener('online', () => {
    browserOnline.value = true
    // A new network: assume the server is there until a request says otherwise.
    serverReachable.value = true
  })
  window.addEventListener('offline', () => { browserOnline.value = false })
}

/** Called by whatever talks to the server: an answer (any status) means reachable, no answer means not. */
export function reportServerReachable (reachable: boolean): void {
  serverReachable.value = reachable
}

/** The shared connection state; `onBackOnline` runs each time the tablet gets its connection back. */
export function useOnline (onBackOnline?: () => void) {
  listen()
  if (onBackOnline) {
    const stop = watch(online, (now, before) => { if (now && !before) onBackOnline() })
    onScopeDispose(stop)
  }
  return { online: readonly(online), browserOnline: readonly(browserOnline), serverReachable: readonly(serverReachable) }
}
