// A reactive CSS media query, for layouts that differ in structure (not only style) between orientations.
import { onScopeDispose, ref } from 'vue'

export function useMediaQuery (query: string) {
  const list = typeof window.matchMedia === 'function' ? window.matchMedia(query) : null
  const matches = ref(list?.matches ?? false)
  const update = (event: MediaQueryListEvent): void => { matches.value = event.matches }
  list?.addEventListener('change', update)
  onScopeDispose(() => list?.removeEventListener('change', update))
  return matches
}
