// Keeps the screen on once a diner started; the browser drops the lock when hidden, so it is taken again.
import { onScopeDispose, ref } from 'vue'

export function useWakeLock () {
  const active = ref(false)
  let sentinel: WakeLockSentinel | null = null
  let wanted = false

  async function acquire (): Promise<void> {
    if (sentinel || !('wakeLock' in navigator) || document.visibilityState !== 'visible') return
    try {
      const lock = await navigator.wakeLock.request('screen')
      sentinel = lock
      active.value = true
      lock.addEventListener('release', () => {
        if (sentinel === lock) sentinel = null
        active.value = false
      })
    } catch {
      // Refused (battery saver, no user activation yet): the next tap or visibility change tries again.
    }
  }

  /** Asks for the lock now and whenever the page becomes visible again. */
  function request (): Promise<void> {
    wanted = true
    return acquire()
  }

  async function release (): Promise<void> {
    wanted = false
    const lock = sentinel
    sentinel = null
    await lock?.release().catch(() => undefined)
  }

  function onVisibility (): void {
    if (wanted && document.visibilityState === 'visible') void acquire()
  }
  document.addEventListener('visibilitychange', onVisibility)
  onScopeDispose(() => document.removeEventListener('visibilitychange', onVisibility))

  return { active, request, release }
}
