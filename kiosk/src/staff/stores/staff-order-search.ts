// Finding an order that is no longer on the board (yesterday's, a refund asked for later): by number, table or dish, and days.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref } from 'vue'
import type { Order } from '@shared/schemas/order'
import { isApiError } from '@/core/api/client'
import { listOrders } from '@/staff/api/staff-console'

/** Answers shown at once; a wider search asks for fewer days or more words. */
export const SEARCH_SHOWN = 100

export interface OrderSearchQuery {
  /** Order number, table, or dish (either language); blank for any. */
  text: string
  /** Store days, YYYY-MM-DD; blank for no bound. */
  from: string
  to: string
}

export const useStaffOrderSearchStore = defineStore('staff-order-search', () => {
  const query = ref<OrderSearchQuery>({ text: '', from: '', to: '' })
  const results = ref<Order[]>([])
  /** A search has answered (until then the screen invites one). */
  const searched = ref(false)
  const searching = ref(false)
  const errorCode = ref<string | null>(null)
  /** Bumped by each search: an older answer arriving late is dropped. */
  let latest = 0

  async function run (): Promise<void> {
    const asked = ++latest
    const { text, from, to } = query.value
    searching.value = true
    try {
      const found = await listOrders({ q: text.trim() || undefined, from: from || undefined, to: to || undefined, limit: SEARCH_SHOWN })
      if (asked !== latest) return
      results.value = found
      searched.value = true
      errorCode.value = null
    } catch (error) {
      if (asked === latest) errorCode.value = isApiError(error) ? error.code : 'UNKNOWN'
      throw error
    } finally {
      if (asked === latest) searching.value = false
    }
  }

  /** An order changed (this console moved it, or an event): a result showing it shows the change. */
  function receive (order: Order): void {
    if (!results.value.some(result => result.id === order.id)) return
    results.value = results.value.map(result => result.id === order.id && Date.parse(order.updatedAt) >= Date.parse(result.updatedAt) ? order : result)
  }

  function reset (): void {
    latest++
    query.value = { text: '', from: '', to: '' }
    results.value = []
    searched.value = false
    searching.value = false
    errorCode.value = null
  }

  return { query, results, searched, searching, errorCode, run, receive, reset }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useStaffOrderSearchStore, import.meta.hot))
