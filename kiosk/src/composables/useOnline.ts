// Whether the browser believes it is online, and a hook for the moment the connection comes back.
import { onScopeDispose, ref } from 'vue'

export function useOnline (onBackOnline?: () => void) {
  const online = ref(navigator.onLine)

  const up = (): void => {
    online.value = true
    onBackOnline?.()
  }
  const down = (): void => { online.value = false }

  window.addEventListener('online', up)
  window.addEventListener('offline', down)
  onScopeDispose(() => {
    window.removeEventListener('online', up)
    window.removeEventListener('offline', down)
  })

  return { online }
}
