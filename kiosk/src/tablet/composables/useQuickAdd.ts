// A dish with nothing to choose goes into the cart with one tap, and a short note says so; others open the sheet.
import { onScopeDispose, shallowRef } from 'vue'
import type { MenuItem } from '@shared/schemas/menu'
import { useCartStore } from '@/tablet/stores/cart'

/** Long enough to read "Added: …", short enough not to sit over the next dish. */
export const ADDED_NOTE_MS = 2_000

export interface AddedNote {
  item: MenuItem
  /** Tells two adds of the same dish apart (the note shows again). */
  at: number
  /** How many of the dish the cart holds now: said aloud, so a second add of it reads differently and is heard. */
  inCart: number
}

export function useQuickAdd (openSheet: (item: MenuItem) => void) {
  const cart = useCartStore()
  const added = shallowRef<AddedNote | null>(null)
  let timer: ReturnType<typeof setTimeout> | undefined

  function tapDish (item: MenuItem): void {
    if (item.optionGroups.length > 0) {
      openSheet(item)
      return
    }
    const before = cart.count
    cart.add({ itemId: item.id, quantity: 1, optionIds: [], note: '' })
    // A full cart (the line or quantity limit) took nothing: no note claiming it did.
    if (cart.count === before) return
    const inCart = cart.lines.reduce((sum, line) => line.itemId === item.id ? sum + line.quantity : sum, 0)
    added.value = { item, at: Date.now(), inCart }
    clearTimeout(timer)
    timer = setTimeout(() => { added.value = null }, ADDED_NOTE_MS)
  }

  onScopeDispose(() => clearTimeout(timer))
  return { added, tapDish }
}
