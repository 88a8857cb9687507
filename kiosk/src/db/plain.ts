// Unwraps Vue proxies before a write: IndexedDB's structured clone refuses them.
import { toRaw } from 'vue'

/** A plain copy of reactive state, at every level. */
export function toPlain<T> (value: T): T {
  const raw = toRaw(value)
  if (Array.isArray(raw)) return raw.map(item => toPlain(item)) as T
  if (raw !== null && typeof raw === 'object') {
    return Object.fromEntries(Object.entries(raw).map(([key, item]) => [key, toPlain(item)])) as T
  }
  return raw
}
