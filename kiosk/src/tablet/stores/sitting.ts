// The diner's sitting at the tablet: the orders they placed and saw through (paid, or sent to the kitchen on a tab),
// the language they chose and the thank-you screen they were on. Kept in IndexedDB so a reload brings all of it back;
// the kitchen status follows the server (events, and a re-read). Forgotten when the tablet is reset for the next
// diner ("Done", the idle reset, or staff unpairing it).
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { Locale } from '@shared/schemas/common'
import type { Order } from '@shared/schemas/order'
import { getOrder } from '@/tablet/api/orders'
import { isApiError } from '@/core/api/client'
import * as db from '@/db'

/** What a reload reads back. */
export interface SavedSitting {
  locale: Locale | null
  /** Oldest first, as last seen (shown at once, even offline; the server's status follows). */
  orders: Order[]
  /** The order whose thank-you screen was showing. */
  thanksOrderId: string | null
}

const EMPTY: SavedSitting = { locale: null, orders: [], thanksOrderId: null }

function parse (raw: string | undefined): SavedSitting {
  if (!raw) return EMPTY
  try {
    const saved = JSON.parse(raw) as Partial<SavedSitting>
    return {
      locale: saved.locale ?? null,
      orders: Array.isArray(saved.orders) ? saved.orders : [],
      thanksOrderId: saved.thanksOrderId ?? null,
    }
  } catch {
    return EMPTY
  }
}

export const useSittingStore = defineStore('sitting', () => {
  const orders = shallowRef<Order[]>([])
  const locale = ref<Locale | null>(null)
  const thanksOrderId = ref<string | null>(null)
  /** Nothing is written before the saved sitting was read: a reload cannot wipe it. */
  let restored = false

  const active = computed(() => orders.value.length > 0 || locale.value !== null)

  function persist (): void {
    if (!restored) return
    const write = active.value || thanksOrderId.value !== null
      ? db.writeMeta(db.MetaKeyEnum.SITTING, JSON.stringify({ locale: locale.value, orders: orders.value, thanksOrderId: thanksOrderId.value }))
      : db.deleteMeta(db.MetaKeyEnum.SITTING)
    // Losing it costs a reload's comfort, not an order: the outbox holds anything unsent.
    write.catch((error: unknown) => console.warn('sitting not saved', error))
  }

  /** Reads the sitting a previous run left (call once at start, before anything is tracked). */
  async function restore (): Promise<SavedSitting> {
    let saved = EMPTY
    try {
      saved = parse(await db.readMeta(db.MetaKeyEnum.SITTING))
    } catch (error) {
      console.warn('sitting unreadable', error)
    }
    const known = new Set(orders.value.map(order => order.id))
    orders.value = [...saved.orders.filter(order => !known.has(order.id)), ...orders.value]
    locale.value ??= saved.locale
    thanksOrderId.value ??= saved.thanksOrderId
    restored = true
    persist()
    return saved
  }

  /** An order of this diner's that reached the thank-you screen. */
  function track (order: Order, showingThanks = true): void {
    orders.value = orders.value.some(known => known.id === order.id)
      ? orders.value.map(known => known.id === order.id ? order : known)
      : [...orders.value, order]
    if (showingThanks) thanksOrderId.value = order.id
    persist()
  }

  /** A newer state of one of the sitting's orders (order.updated, a re-read); other orders are not ours. */
  function apply (order: Order): void {
    const current = orders.value.find(known => known.id === order.id)
    if (!current || Date.parse(order.updatedAt) < Date.parse(current.updatedAt)) return
    orders.value = orders.value.map(known => known.id === order.id ? order : known)
    persist()
  }

  /** The thank-you screen was left for the menu ("Order more"): a reload then opens the menu. */
  function leaveThanks (): void {
    if (thanksOrderId.value === null) return
    thanksOrderId.value = null
    persist()
  }

  function setLocale (next: Locale | null): void {
    if (locale.value === next) return
    locale.value = next
    persist()
  }

  /** Re-reads every order of the sitting (after a reload or an outage); one the server no longer knows is dropped. */
  async function refresh (): Promise<void> {
    await Promise.all(orders.value.map(async (order) => {
      try {
        apply(await getOrder(order.id))
      } catch (error) {
        if (isApiError(error) && error.status === 404) {
          orders.value = orders.value.filter(known => known.id !== order.id)
          persist()
        }
      }
    }))
  }

  /** The next diner finds nothing of this one. */
  function clear (): void {
    orders.value = []
    locale.value = null
    thanksOrderId.value = null
    persist()
  }

  return { orders, locale, thanksOrderId, active, restore, track, apply, leaveThanks, setLocale, refresh, clear }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useSittingStore, import.meta.hot))
