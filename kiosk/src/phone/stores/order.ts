// Sending the phone's cart to the table's check: one order per cart content however often "Order" is tapped
// (the same clientOrderId until the cart changes). No outbox: without a network the cart simply stays.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { isWithinOrderLimit } from '@shared/pricing'
import type { Order } from '@shared/schemas/order'
import { createOrder, pricingProblemsOf } from '@/phone/api/orders'
import { useCartStore, type RefusedLine } from '@/tablet/stores/cart'
import { randomUuid } from '@/tablet/lib/uuid'
import { usePhoneCheckStore } from './check'
import { usePhoneSessionStore } from './session'

export const usePhoneOrderStore = defineStore('phoneOrder', () => {
  const sending = ref(false)
  /** Code of the last failed send; the cart is kept. */
  const errorCode = ref<string | null>(null)
  /** Dishes taken out of the cart because they can no longer be ordered. */
  const refused = ref<RefusedLine[]>([])
  /** The order the last send placed. */
  const sent = shallowRef<Order | null>(null)

  /** The id of the order made from the cart as it is now, kept for a retry after a lost answer. */
  let pending: { clientOrderId: string, signature: string } | null = null

  /** Places the cart as an order; true once the server has it. */
  async function send (): Promise<boolean> {
    const cart = useCartStore()
    if (sending.value || cart.isEmpty) return false
    errorCode.value = null
    refused.value = []
    sent.value = null
    if (cart.problems.length > 0) {
      refused.value = cart.removeRefused(cart.problems)
      return false
    }
    if (!isWithinOrderLimit(cart.totals.total)) {
      errorCode.value = 'ORDER_TOTAL_TOO_LARGE'
      return false
    }
    if (pending?.signature !== cart.signature) pending = { clientOrderId: randomUuid(), signature: cart.signature }
    sending.value = true
    try {
      sent.value = await createOrder(cart.orderBody(pending.clientOrderId))
      pending = null
      cart.clear()
      void usePhoneCheckStore().refresh()
      return true
    } catch (error) {
      const problems = pricingProblemsOf(error)
      if (problems.length > 0) refused.value = cart.removeRefused(problems)
      else errorCode.value = usePhoneSessionStore().failureCode(error)
      return false
    } finally {
      sending.value = false
    }
  }

  function dismiss (): void {
    errorCode.value = null
    refused.value = []
    sent.value = null
  }

  return { sending, errorCode, refused, sent, send, dismiss }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(usePhoneOrderStore, import.meta.hot))
