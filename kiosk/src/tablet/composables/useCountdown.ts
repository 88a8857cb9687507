// Time left until a server-side deadline, ticking on the server's clock.
import { computed, onScopeDispose, ref, type Ref } from 'vue'
import { serverNow } from '@/core/api/client'

/** Milliseconds left before `deadline` (an ISO timestamp), or null when there is no deadline. */
export function useCountdown (deadline: Readonly<Ref<string | null | undefined>>, now: () => number = serverNow) {
  const current = ref(now())
  const timer = setInterval(() => { current.value = now() }, 250)
  onScopeDispose(() => clearInterval(timer))

  const remainingMs = computed(() => {
    if (!deadline.value) return null
    const end = Date.parse(deadline.value)
    return Number.isFinite(end) ? Math.max(0, end - current.value) : null
  })

  /** "m:ss" for display. */
  const label = computed(() => {
    if (remainingMs.value === null) return ''
    const total = Math.ceil(remainingMs.value / 1000)
    return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`
  })

  return { remainingMs, label }
}
