// Fullscreen for kiosk mode; browsers only allow entering it from a tap, so callers pass one through.
import { onScopeDispose, ref } from 'vue'

export function useFullscreen () {
  const isFullscreen = ref(document.fullscreenElement !== null && document.fullscreenElement !== undefined)

  function sync (): void {
    isFullscreen.value = Boolean(document.fullscreenElement)
  }

  /** Call from a tap handler (transient user activation). */
  function enter (): void {
    const root = document.documentElement
    if (document.fullscreenElement || typeof root.requestFullscreen !== 'function') return
    root.requestFullscreen({ navigationUI: 'hide' }).catch(() => undefined)
  }

  function exit (): void {
    if (document.fullscreenElement) document.exitFullscreen().catch(() => undefined)
  }

  document.addEventListener('fullscreenchange', sync)
  onScopeDispose(() => document.removeEventListener('fullscreenchange', sync))

  return { isFullscreen, enter, exit }
}
