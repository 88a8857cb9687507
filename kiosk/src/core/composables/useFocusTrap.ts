// Keeps keyboard and screen-reader focus inside an open dialog or sheet, and gives it back on close.
import { onBeforeUnmount, onMounted, type ShallowRef } from 'vue'

const FOCUSABLE = [
  'a[href]', 'button:not([disabled])', 'input:not([disabled])', 'select:not([disabled])',
  'textarea:not([disabled])', '[tabindex]:not([tabindex="-1"])',
].join(',')

/** Open traps, innermost last: only the innermost one reacts to keys. */
const stack: symbol[] = []

// The page behind a dialog is made inert, so TalkBack cannot wander out of it (aria-modal alone is not enough).
function syncInert (): void {
  document.getElementById('app')?.toggleAttribute('inert', stack.length > 0)
}

export interface FocusTrapOptions {
  onEscape?: () => void
}

export function useFocusTrap (container: Readonly<ShallowRef<HTMLElement | null>>, options: FocusTrapOptions = {}) {
  const id = Symbol('focus-trap')
  let previous: Element | null = null

  function focusables (): HTMLElement[] {
    const root = container.value
    return root ? [...root.querySelectorAll<HTMLElement>(FOCUSABLE)] : []
  }

  function onKeydown (event: KeyboardEvent): void {
    const root = container.value
    if (!root || stack.at(-1) !== id) return
    if (event.key === 'Escape') {
      event.preventDefault()
      options.onEscape?.()
      return
    }
    if (event.key !== 'Tab') return
    const list = focusables()
    const first = list[0]
    const last = list.at(-1)
    const active = document.activeElement
    if (!first || !last) {
      event.preventDefault()
      root.focus()
    } else if (event.shiftKey && (active === first || active === root || !root.contains(active))) {
      event.preventDefault()
      last.focus()
    } else if (!event.shiftKey && (active === last || !root.contains(active))) {
      event.preventDefault()
      first.focus()
    }
  }

  onMounted(() => {
    previous = document.activeElement
    stack.push(id)
    syncInert()
    document.addEventListener('keydown', onKeydown, true)
    // The dialog itself takes focus first, so a screen reader announces its title.
    container.value?.focus({ preventScroll: true })
  })

  onBeforeUnmount(() => {
    const index = stack.indexOf(id)
    if (index >= 0) stack.splice(index, 1)
    syncInert()
    document.removeEventListener('keydown', onKeydown, true)
    if (previous instanceof HTMLElement && document.contains(previous)) previous.focus({ preventScroll: true })
  })
}
