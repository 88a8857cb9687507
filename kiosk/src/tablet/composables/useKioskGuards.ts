// Kiosk hygiene: no context menu, text selection, pinch or ctrl zoom, image dragging or history back.
import { onScopeDispose } from 'vue'

function isTextField (target: EventTarget | null): boolean {
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement
}

export function useKioskGuards () {
  const listeners: [EventTarget, string, EventListener, AddEventListenerOptions][] = []
  function on (target: EventTarget, type: string, listener: EventListener, options: AddEventListenerOptions = {}): void {
    target.addEventListener(type, listener, options)
    listeners.push([target, type, listener, options])
  }
  const prevent = (event: Event): void => event.preventDefault()

  on(document, 'contextmenu', prevent)
  on(document, 'dragstart', prevent)
  on(document, 'selectstart', (event) => { if (!isTextField(event.target)) event.preventDefault() })
  // Safari's pinch gestures, and two-finger moves elsewhere (touch-action in CSS covers Chrome).
  on(document, 'gesturestart', prevent)
  on(document, 'touchmove', (event) => { if ((event as TouchEvent).touches.length > 1) event.preventDefault() }, { passive: false })
  on(window, 'wheel', (event) => { if ((event as WheelEvent).ctrlKey) event.preventDefault() }, { passive: false })
  on(window, 'keydown', (event) => {
    const key = event as KeyboardEvent
    if ((key.ctrlKey || key.metaKey) && ['+', '-', '=', '0'].includes(key.key)) key.preventDefault()
  })

  // Swallow "back": a fresh history entry is pushed every time one is consumed.
  history.pushState({ kiosk: true }, '', location.href)
  on(window, 'popstate', () => history.pushState({ kiosk: true }, '', location.href))

  onScopeDispose(() => {
    for (const [target, type, listener, options] of listeners) target.removeEventListener(type, listener, options)
  })
}
