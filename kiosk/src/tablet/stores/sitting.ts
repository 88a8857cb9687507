// The diner's sitting at the tablet: the orders they placed and saw through (paid, or sent to the kitchen on a tab),
// the language they chose and the thank-you screen they were on. Kept in IndexedDB so a reload brings all of it back;
// the kitchen status follows the server (events, and a re-read). Forgotten when the tablet is reset for the next
// diner ("Done", the idle reset, or staff unpairing it), and not brought back once older than the idle reset (a tablet
// switched off after its diner left).
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { Locale } from '@shared/schemas/common'
import type { Order } from '@shared/schemas/order'
import type { Payment } from '@shared/schemas/payment'
import { getOrder } from '@/tablet/api/orders'
import { isApiError } from '@/core/api/client'
import * as db from '@/db'

/** How the order on the thank-you screen was seen through: paid, or sent to the kitchen on the table's tab. */
export type ThanksPhase = 'paid' | 'sent'

/** The thank-you screen as it was: kept as shown, since the order's status cannot tell paid from sent (a tab order
 * the kitchen started is no longer `placed`; an order paid with Alipay may have been saved while still `placed`). */
export interface SavedThanks {
  orderId: string
  phase: ThanksPhase
  /** The paid payment it showed ("paid with Alipay"), if any. */
  payment: Payment | null
}

/** What a reload reads back. */
export interface SavedSitting {
  locale: Locale | null
  /** Oldest first, as last seen (shown at once, even offline; the server's status follows). */
  orders: Order[]
  /** The thank-you screen that was showing. */
  thanks: SavedThanks | null
  /** When it was last written (ms since epoch): a sitting older than the idle reset belongs to a diner long gone. */
  savedAt: number | null
}

const EMPTY: SavedSitting = { locale: null, orders: [], thanks: null, savedAt: null }

/** A diner busy on the menu changes nothing for a while: their sitting's age is refreshed this often at most. */
const TOUCH_EVERY_MS = 60_000

function parse (raw: string | undefined): SavedSitting {
  if (!raw) return EMPTY
  try {
    const saved = JSON.parse(raw) as Partial<SavedSitting>
    return {
      locale: saved.locale ?? null,
      orders: Array.isArray(saved.orders) ? saved.orders : [],
      thanks: saved.thanks?.orderId && (saved.thanks.phase === 'paid' || saved.thanks.phase === 'sent')
        ? { orderId: saved.thanks.orderId, phase: saved.thanks.phase, payment: saved.thanks.payment ?? null }
        : null,
      savedAt: typeof saved.savedAt === 'number' ? saved.savedAt : null,
    }
  } catch {
    return EMPTY
  }
}

export const useSittingStore = defineStore('sitting', () => {
  const orders = shallowRef<Order[]>([])
  const locale = ref<Locale | null>(null)
  const thanks = shallowRef<SavedThanks | null>(null)
  const thanksOrderId = computed(() => thanks.value?.orderId ?? null)
  /** Nothing is written before the saved sitting was read: a reload cannot wipe it. */
  let restored = false
  let lastSavedAt = 0

  const active = computed(() => orders.value.length > 0 || locale.value !== null)

  function persist (): void {
    if (!restored) return
    lastSavedAt = Date.now()
    const saved: SavedSitting = { locale: locale.value, orders: orders.value, thanks: thanks.value, savedAt: lastSavedAt }
    const write = active.value || thanks.value !== null
      ? db.writeMeta(db.MetaKeyEnum.SITTING, JSON.stringify(saved))
      : db.deleteMeta(db.MetaKeyEnum.SITTING)
    // Losing it costs a reload's comfort, not an order: the outbox holds anything unsent.
    write.catch((error: unknown) => console.warn('sitting not saved', error))
  }

  /**
   * Reads the sitting a previous run left (call once at start, before anything is tracked). One older than `maxAgeMs`
   * (the idle reset's time) is dropped: the tablet was off (a power cut) after its diner left, and the next diner
   * must not find their orders. A sitting saved without its age is dropped too.
   */
  async function restore (maxAgeMs = Infinity): Promise<SavedSitting> {
    let saved = EMPTY
    try {
      saved = parse(await db.readMeta(db.MetaKeyEnum.SITTING))
    } catch (error) {
      console.warn('sitting unreadable', error)
    }
    // A busy diner's savedAt lags by up to TOUCH_EVERY_MS (see touch()).
    if (saved !== EMPTY && Date.now() - (saved.savedAt ?? 0) > maxAgeMs + TOUCH_EVERY_MS) saved = EMPTY
    const known = new Set(orders.value.map(order => order.id))
    orders.value = [...saved.orders.filter(order => !known.has(order.id)), ...orders.value]
    locale.value ??= saved.locale
    thanks.value ??= saved.thanks
    restored = true
    persist()
    return saved
  }

  /** An order of this diner's that reached the thank-you screen, with how it was seen through. */
  function track (order: Order, phase: ThanksPhase, payment: Payment | null): void {
    orders.value = orders.value.some(known => known.id === order.id)
      ? orders.value.map(known => known.id === order.id ? order : known)
      : [...orders.value, order]
    thanks.value = { orderId: order.id, phase, payment: payment?.status === 'paid' ? payment : null }
    persist()
  }

  /** The diner is active: their sitting stays young (written at most once a minute; nothing to keep, nothing written). */
  function touch (): void {
    if (!restored || (!active.value && thanks.value === null)) return
    if (Date.now() - lastSavedAt < TOUCH_EVERY_MS) return
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
    if (thanks.value === null) return
    thanks.value = null
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
    thanks.value = null
    persist()
  }

  return { orders, locale, thanks, thanksOrderId, active, restore, track, touch, apply, leaveThanks, setLocale, refresh, clear }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useSittingStore, import.meta.hot))
