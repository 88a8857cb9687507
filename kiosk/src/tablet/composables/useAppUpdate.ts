// New app versions on a kiosk: the worker registered after start-up, update checks every 15 minutes and
// between diners, and a waiting version switched to only when `canApply` says nobody is using the tablet.
import { onScopeDispose, readonly, ref, watch, type Ref } from 'vue'
import type { Workbox } from 'workbox-window'
import { SW_URL } from '@/pwa/sw-config'
import { TAKEOVER_TIMEOUT_MS, UPDATE_CHECK_MS, entryScriptOf } from '@/tablet/composables/app-version'

export interface AppUpdateOptions {
  /** True while a waiting version may take over (tablet/policy.ts, mayApplyUpdate): the attract screen, no order under way. */
  canApply: Readonly<Ref<boolean>>
  checkEveryMs?: number
}

/** Whether the worker now in control would serve another build than the one this page runs. */
async function pageIsStale (): Promise<boolean> {
  const mine = document.querySelector('script[type="module"][src]')?.getAttribute('src')
  if (!mine || !navigator.serviceWorker.controller) return false
  try {
    // Answered from the controlling worker's precache: the shell it would serve on the next load.
    const served = entryScriptOf(await (await fetch('/index.html')).text())
    return served !== null && served !== mine
  } catch {
    return false
  }
}

export function useAppUpdate (options: AppUpdateOptions) {
  /** A new version is installed and waits for a moment between diners. */
  const waiting = ref(false)
  /** This page runs an older build than the worker in control serves (the switch happened under it). */
  const stale = ref(false)
  /** The switch was asked for; the page reloads once the new worker controls it. */
  const applying = ref(false)
  let workbox: Workbox | null = null
  let registration: ServiceWorkerRegistration | undefined
  let takeoverTimer: ReturnType<typeof setTimeout> | undefined

  function reload (): void {
    clearTimeout(takeoverTimer)
    window.location.reload()
  }

  function apply (): void {
    if (applying.value || !options.canApply.value) return
    if (stale.value) {
      applying.value = true
      reload()
      return
    }
    const next = registration?.waiting
    if (!waiting.value || !next) return
    applying.value = true
    // Posted straight to the waiting worker (workbox's messageSkipWaiting() adds a reply port nobody answers).
    next.postMessage({ type: 'SKIP_WAITING' })
    // If the old worker stays busy with this page, the new one cannot take over while it lives: reload, which
    // frees it; the next page then finds itself stale and reloads once more into the new version.
    takeoverTimer = setTimeout(reload, TAKEOVER_TIMEOUT_MS)
  }

  async function detectStale (): Promise<void> {
    if (await pageIsStale()) {
      stale.value = true
      apply()
    }
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
    workbox.addEventListener('controlling', () => {
      // The switch we asked for: reload into the new version. Any other (the first install, another tab's
      // switch): reload only if this page turns out to be older than what the new worker serves.
      if (applying.value) reload()
      else void detectStale()
    })
    try {
      registration = await workbox.register({ immediate: true })
      // A version left waiting by an earlier visit is announced before register() returns.
      apply()
      await detectStale()
    } catch (error) {
      console.warn('service worker not registered', error)
    }
  }

  /** Asks the server for a new worker; skipped offline, while one installs or waits, or when the server is down. */
  async function check (): Promise<void> {
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
  // Back between diners: switch to a waiting version, or look for a new one.
  const stopWatch = watch(options.canApply, (can) => {
    if (!can) return
    if (waiting.value || stale.value) apply()
    else void check()
  })
  onScopeDispose(() => {
    clearInterval(timer)
    clearTimeout(takeoverTimer)
    stopWatch()
  })

  return { waiting: readonly(waiting), stale: readonly(stale), applying: readonly(applying), start, check }
}
