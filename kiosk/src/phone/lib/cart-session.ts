// The diner's cart on a phone lives in this tab's sessionStorage (one key per table): a reload or a trip through
// Alipay's authorization keeps it, closing the tab forgets it. The tablet's IndexedDB cart is not used here.
import { watch } from 'vue'
import type { CartLine } from '@/db'
import { CART_LIMITS, useCartStore } from '@/tablet/stores/cart'

interface SavedPhoneCart {
  lines: CartLine[]
  note: string
}

function keyOf (tableCode: string): string {
  return `tp-phone-cart:${tableCode}`
}

function isLine (value: unknown): value is CartLine {
  const line = value as Partial<CartLine> | null
  return typeof line === 'object' && line !== null && typeof line.key === 'string' && typeof line.itemId === 'string' &&
    typeof line.quantity === 'number' && Array.isArray(line.optionIds) && typeof line.note === 'string'
}

function read (tableCode: string): SavedPhoneCart | null {
  try {
    const saved = JSON.parse(sessionStorage.getItem(keyOf(tableCode)) ?? 'null') as Partial<SavedPhoneCart> | null
    if (!saved || !Array.isArray(saved.lines)) return null
    return { lines: saved.lines.filter(isLine).slice(0, CART_LIMITS.maxLines), note: typeof saved.note === 'string' ? saved.note : '' }
  } catch {
    return null
  }
}

function write (tableCode: string, cart: SavedPhoneCart): void {
  try {
    if (cart.lines.length === 0 && !cart.note) sessionStorage.removeItem(keyOf(tableCode))
    else sessionStorage.setItem(keyOf(tableCode), JSON.stringify(cart))
  } catch {
    // Private mode or a full quota: the cart stays in memory for this visit.
  }
}

/** Puts back the cart saved in this tab for the table, then keeps saving it at every change. */
export function keepCartInSession (tableCode: string): () => void {
  const cart = useCartStore()
  const saved = read(tableCode)
  if (saved && cart.isEmpty) {
    cart.lines = saved.lines
    cart.note = saved.note
  }
  return watch([() => cart.lines, () => cart.note], () => write(tableCode, { lines: cart.lines, note: cart.note }), { deep: true })
}
