// New app versions on a kiosk: the worker registered after start-up, update checks every 15 minutes and
// between diners, and a waiting version switched to only when `canApply` says nobody is using the tablet.
import { onScopeDispose, readonly, ref, watch, type Ref } from 'vue'
import type { Workbox } from 'workbox-window'
import { SW_URL } from '@/pwa/sw-config'
import { UPDATE_CHECK_MS } from '@/pwa/update-policy'

export interface AppUpdateOptions {
  /** True while a waiting version may take over (see canApplyUpdate): the attract screen, no order under way. */
  canApply: Readonly<Ref<boolean>>
  checkEveryMs?: number
}

export function useAppUpdate (options: AppUpdateOptions) {
  /** A new version is installed and waits for a moment between diners. */
  const waiting = ref(false)
  /** The switch was asked for; the page reloads once the new worker controls it. */
  const applying = ref(false)
  let workbox: Workbox | null = null
  let registration: ServiceWorkerRegistration | undefined

  function apply (): void {
    const next = registration?.waiting
    if (!waiting.value || applying.value || !options.canApply.value || !next) return
    applying.value = true
    // Posted straight to the waiting worker: after a diner's session, Chromium left the new worker waiting when
    // asked through workbox's messageSkipWaiting() (a message with a reply port nobody answers); this does not.
    next.postMessage({ type: 'SKIP_WAITING' })
  }

  /** Registers the worker; workbox-window is loaded here, after start-up, to keep it out of the first bundle. */
  async function start (): Promise<void> {
    if (workbox || !import.meta.env.PROD || !('serviceWorker' in navigator)) return
    const { Workbox } = await import('workbox-window')
    workbox = new Workbox(SW_URL, { scope: '/' })
    workbox.addEventListener('waiting', () => {
      waiting.value = true
      apply()
    })
    // Only a switch we asked for reloads the page; the first install just takes control quietly.
    workbox.addEventListener('controlling', () => { if (applying.value) window.location.reload() })
    try {
      registration = await workbox.register({ immediate: true })
      // A version left waiting by an earlier visit is announced before register() returns.
      apply()
    } catch (error) {
      console.warn('service worker not registered', error)
    }
  }

  /** Asks the server for a new worker; skipped offline, while one installs, or when the server is down. */
  async function check (): Promise<void> {
    // Nothing to look for while a version installs or already waits for its moment.
    if (!registration || registration.installing || registration.waiting || !navigator.onLine) return
    try {
      // A probe first: update() on an unreachable server fails noisily and can leave the registration stuck.
      const probe = await fetch(SW_URL, { cache: 'no-store', headers: { 'cache-control': 'no-cache' } })
      if (probe.status !== 200) return
      await registration.update()
    } catch {
      // Offline or the server restarting: the next check will do.
    }
  }

  const timer = setInterval(() => { void check() }, options.checkEveryMs ?? UPDATE_CHECK_MS)
  // Back between diners: a good moment to look for a new version, and to switch to a waiting one.
  const stopWatch = watch(options.canApply, (can) => {
    if (!can) return
    if (waiting.value) apply()
    else void check()
  })
  onScopeDispose(() => {
    clearInterval(timer)
    stopWatch()
  })

  return { waiting: readonly(waiting), applying: readonly(applying), start, check }
}
