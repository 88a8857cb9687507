// The kiosk idle timer: no touch for a while → a "Still there?" countdown → the caller resets the tablet.
import { onScopeDispose, ref, watch, type Ref } from 'vue'

export interface IdleOptions {
  /** Only while true does the timer run; turning it off also closes a countdown in progress. */
  enabled: Readonly<Ref<boolean>>
  idleMs: () => number
  countdownMs: () => number
  /** Called when the countdown ran out with the timer still enabled. */
  onTimeout: () => void
  /** Where diner activity is listened for (the window by default; tests pass their own). */
  target?: EventTarget
  /** Told of every diner activity (keeps the saved sitting's age fresh). */
  onActivity?: () => void
}

// Scroll does not bubble, so it is caught in the capture phase: a diner scrolling the menu is not idle.
const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart', 'scroll'] as const

export function useIdle (options: IdleOptions) {
  const warning = ref(false)
  /** Whole seconds left in the countdown, for display. */
  const remainingS = ref(0)
  const target = options.target ?? window
  let idleTimer: ReturnType<typeof setTimeout> | undefined
  let tickTimer: ReturnType<typeof setInterval> | undefined
  let deadline = 0

  function clearTimers (): void {
    clearTimeout(idleTimer)
    clearInterval(tickTimer)
    idleTimer = undefined
    tickTimer = undefined
  }

  /** Starts a fresh idle period (any activity, or "I'm still here"). */
  function arm (): void {
    clearTimers()
    warning.value = false
    if (!options.enabled.value) return
    idleTimer = setTimeout(startCountdown, options.idleMs())
  }

  function startCountdown (): void {
    if (!options.enabled.value) return
    deadline = Date.now() + options.countdownMs()
    warning.value = true
    tick()
    tickTimer = setInterval(tick, 250)
  }

  function tick (): void {
    const left = deadline - Date.now()
    remainingS.value = Math.max(0, Math.ceil(left / 1000))
    if (left > 0) return
    clearTimers()
    warning.value = false
    // Checked again at the last moment: a payment may have opened during the countdown.
    if (options.enabled.value) options.onTimeout()
  }

  // While "Still there?" shows, its buttons and backdrop answer on click. Closing it on pointerdown would take it
  // away under the finger: "Start over now" could never be tapped, and the tap would land on the screen behind.
  const onActivity = (): void => {
    options.onActivity?.()
    if (!warning.value) arm()
  }
  for (const name of ACTIVITY_EVENTS) target.addEventListener(name, onActivity, { capture: true, passive: true })

  watch(options.enabled, arm, { immediate: true })

  onScopeDispose(() => {
    clearTimers()
    for (const name of ACTIVITY_EVENTS) target.removeEventListener(name, onActivity, { capture: true })
  })

  return { warning, remainingS, stillHere: arm }
}
