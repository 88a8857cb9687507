// The diner's cart: lines and notes kept in IndexedDB at every change, priced with the shared pricing code.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import { orderTotals, priceLine, type PriceResult, type PricingProblem } from '@shared/pricing'
import type { LocalizedText } from '@shared/schemas/common'
import type { MenuItem } from '@shared/schemas/menu'
import type { CreateOrder } from '@shared/schemas/order'
import * as db from '@/db'
import type { CartLine, PendingOrder } from '@/db'
import { useMenuStore } from './menu'
import { randomUuid } from '@/tablet/lib/uuid'

/**
 * The order limits of shared/src/schemas/order.ts (MAX_QUANTITY_PER_LINE, MAX_LINES_PER_ORDER,
 * MAX_NOTE_LENGTH). Copied because importing that module would pull TypeBox into the tablet bundle;
 * a test keeps the two in step.
 */
export const CART_LIMITS = { maxQuantity: 99, maxLines: 50, maxNote: 200 } as const

/** What the dish sheet hands over: one dish with its options, quantity and note. */
export interface LineChoice {
  itemId: string
  quantity: number
  optionIds: readonly string[]
  note: string
}

/** A dish taken out of the cart because it can no longer be ordered, for the explanation to the diner. */
export interface RefusedLine {
  itemId: string
  names: LocalizedText | null
  code: PricingProblem['code']
}

export interface PricedCartLine {
  line: CartLine
  item: MenuItem | undefined
  result: PriceResult
}

function clampQuantity (quantity: number): number {
  return Math.min(CART_LIMITS.maxQuantity, Math.max(1, Math.round(quantity)))
}

function sameChoice (line: CartLine, choice: LineChoice): boolean {
  if (line.itemId !== choice.itemId || line.note !== choice.note.trim()) return false
  if (line.optionIds.length !== choice.optionIds.length) return false
  const chosen = new Set(choice.optionIds)
  return line.optionIds.every(id => chosen.has(id))
}

/** Identifies what would be ordered, independent of line order and local keys. */
export function cartSignature (lines: readonly CartLine[], note: string): string {
  const parts = lines
    .map(line => JSON.stringify([line.itemId, line.quantity, [...line.optionIds].sort(), line.note]))
    .sort()
  return JSON.stringify([parts, note.trim()])
}

export const useCartStore = defineStore('cart', () => {
  const lines = ref<CartLine[]>([])
  /** Note for the whole order ("no coriander for anyone"). */
  const note = ref('')
  const pending = ref<PendingOrder | null>(null)
  /** False until the saved cart was read back; nothing is written before, so a reload cannot wipe it. */
  const restored = ref(false)

  const priced = computed<PricedCartLine[]>(() => {
    const menu = useMenuStore()
    return lines.value.map((line) => {
      const item = menu.itemsById.get(line.itemId)
      return { line, item, result: priceLine(item, line) }
    })
  })

  /** Lines that can no longer be ordered (sold out meanwhile); unknown until the menu is loaded. */
  const problems = computed<PricingProblem[]>(() => {
    if (!useMenuStore().menu) return []
    return priced.value.flatMap(entry => entry.result.ok ? [] : [entry.result.problem])
  })

  const totals = computed(() => orderTotals(priced.value.flatMap(entry => entry.result.ok ? [entry.result.line] : [])))
  const count = computed(() => lines.value.reduce((sum, line) => sum + line.quantity, 0))
  const isEmpty = computed(() => lines.value.length === 0)
  const signature = computed(() => cartSignature(lines.value, note.value))

  /** Adds a dish; the same dish with the same options and note only raises the quantity. */
  function add (choice: LineChoice): void {
    const existing = lines.value.find(line => sameChoice(line, choice))
    if (existing) {
      existing.quantity = clampQuantity(existing.quantity + choice.quantity)
      return
    }
    if (lines.value.length >= CART_LIMITS.maxLines) return
    lines.value.push({
      key: randomUuid(),
      itemId: choice.itemId,
      quantity: clampQuantity(choice.quantity),
      optionIds: [...choice.optionIds],
      note: choice.note.trim().slice(0, CART_LIMITS.maxNote),
    })
  }

  /** Replaces a line edited in the dish sheet, merging it into an identical line if there is one. */
  function replace (key: string, choice: LineChoice): void {
    const index = lines.value.findIndex(line => line.key === key)
    if (index < 0) return add(choice)
    const twin = lines.value.find(line => line.key !== key && sameChoice(line, choice))
    if (twin) {
      twin.quantity = clampQuantity(twin.quantity + choice.quantity)
      lines.value.splice(index, 1)
      return
    }
    lines.value[index] = {
      key,
      itemId: choice.itemId,
      quantity: clampQuantity(choice.quantity),
      optionIds: [...choice.optionIds],
      note: choice.note.trim().slice(0, CART_LIMITS.maxNote),
    }
  }

  /** Sets a line's quantity; zero or less removes the line. */
  function setQuantity (key: string, quantity: number): void {
    if (quantity <= 0) return remove(key)
    const line = lines.value.find(candidate => candidate.key === key)
    if (line) line.quantity = clampQuantity(quantity)
  }

  function remove (key: string): void {
    lines.value = lines.value.filter(line => line.key !== key)
  }

  function setNote (value: string): void {
    note.value = value.slice(0, CART_LIMITS.maxNote)
  }

  function setPending (value: PendingOrder | null): void {
    pending.value = value
  }

  /** Removes the lines the server (or the live menu) refused; returns them for the explanation. */
  function removeProblemLines (refused: readonly PricingProblem[]): CartLine[] {
    const hit = (line: CartLine): boolean => refused.some(problem => problem.itemId === line.itemId &&
      // An option refusal only concerns the lines with that option; anything else concerns the whole dish.
      (problem.optionId === undefined || line.optionIds.includes(problem.optionId)))
    const dropped = lines.value.filter(hit)
    lines.value = lines.value.filter(line => !hit(line))
    return dropped
  }

  /** Removes what was refused and says which dishes went, once per dish. */
  function removeRefused (refused: readonly PricingProblem[]): RefusedLine[] {
    const menu = useMenuStore()
    const dishes = new Set(removeProblemLines(refused).map(line => line.itemId))
    return [...dishes].map(itemId => ({
      itemId,
      names: menu.itemsById.get(itemId)?.names ?? null,
      code: refused.find(problem => problem.itemId === itemId)?.code ?? 'ITEM_UNAVAILABLE',
    }))
  }

  function clear (): void {
    lines.value = []
    note.value = ''
    pending.value = null
  }

  /** The body of POST /api/orders for the cart as it is now. */
  function orderBody (clientOrderId: string): CreateOrder {
    const trimmed = note.value.trim()
    return {
      clientOrderId,
      lines: lines.value.map(line => ({
        itemId: line.itemId,
        quantity: line.quantity,
        optionIds: [...line.optionIds],
        ...(line.note ? { note: line.note } : {}),
      })),
      ...(trimmed ? { note: trimmed } : {}),
    }
  }

  /** Reads the cart saved before a reload; call once at start. */
  async function restore (): Promise<void> {
    try {
      const saved = await db.readCart()
      // Something added while the saved cart was being read wins over the old cart.
      if (saved && lines.value.length === 0) {
        lines.value = saved.lines
        note.value = saved.note
        pending.value = saved.pending
      }
    } catch (error) {
      console.warn('saved cart unreadable', error)
    } finally {
      restored.value = true
    }
  }

  // Every change is written at once (no debounce): a crash right after a tap must not lose it.
  let saving: Promise<void> = Promise.resolve()
  function persist (): Promise<void> {
    const snapshot = { lines: lines.value, note: note.value, pending: pending.value, updatedAt: new Date().toISOString() }
    const write = lines.value.length === 0 && !note.value && !pending.value ? () => db.deleteCart() : () => db.writeCart(snapshot)
    saving = saving.then(write).catch((error: unknown) => console.warn('cart not saved', error))
    return saving
  }
  watch([lines, note, pending], () => { if (restored.value) void persist() }, { deep: true })

  /** Resolves once the last change is on disk (tests, and before a deliberate reload). */
  function flush (): Promise<void> {
    return saving
  }

  return {
    lines, note, pending, restored,
    priced, problems, totals, count, isEmpty, signature,
    add, replace, setQuantity, remove, setNote, setPending, removeProblemLines, removeRefused, clear, orderBody, restore, flush,
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useCartStore, import.meta.hot))
