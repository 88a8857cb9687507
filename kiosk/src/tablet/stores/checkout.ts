// Placing the order and paying it: the tablet mirrors the server's order and payment, it never decides them.
// The phase is the whole story: the screen a diner sees is derived from it (stores/kiosk.ts), never set from here.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { isWithinOrderLimit, needsNoPayment, type PricingProblem } from '@shared/pricing'
// The TypeBox-free module: the tablet's bundle stays without the schema library.
import { OPEN_PAYMENT_STATUSES } from '@shared/statuses'
import type { Order } from '@shared/schemas/order'
import type { Payment } from '@shared/schemas/payment'
import { abandonOrder, cancelPayment as apiCancelPayment, createPayment, getOrder, getPayment, pricingProblemsOf } from '@/tablet/api/orders'
import { getCheck } from '@/core/api/check'
import { isApiError } from '@/core/api/client'
import { useCartStore, type RefusedLine } from './cart'
import { useTabletConfigStore } from './config'
import { useMenuStore } from './menu'
import { useOutboxStore, type SendResult } from './outbox'
import { useSittingStore, type ThanksPhase } from './sitting'
import { createPaymentPoller } from '@/tablet/lib/payment-poller'
import { randomUuid } from '@/tablet/lib/uuid'

export type CheckoutPhase =
  /** Building the cart. */
  | 'cart'
  /** The order is on its way to the server. */
  | 'sending'
  /** Saved in the outbox; it goes out by itself when the connection is back. */
  | 'queued'
  /** The server refused the order for a reason other than the dishes (shown with "Try again"). */
  | 'sendFailed'
  /** The order exists; the payment screen shows the state of its payment. */
  | 'payment'
  /** The server said the payment (or, settled by staff, the order) is paid. */
  | 'paid'
  /** Tab mode: the order went to the kitchen when placed; the table pays its bill at the end (the Bill screen). */
  | 'sent'

const PAID_ORDER_STATUSES: readonly Order['status'][] = ['paid', 'preparing', 'ready', 'served']

export const useCheckoutStore = defineStore('checkout', () => {
  const phase = ref<CheckoutPhase>('cart')
  /** The order on the payment and thank-you screens. */
  const order = shallowRef<Order | null>(null)
  const payment = shallowRef<Payment | null>(null)
  const creatingPayment = ref(false)
  const cancelling = ref(false)
  /** Code of the last failed request of this screen (send, create payment, cancel). */
  const errorCode = ref<string | null>(null)
  /** Lines taken out of the cart because they can no longer be ordered; shown once to the diner. */
  const refused = ref<RefusedLine[]>([])
  /** Guards "Place order" against a double tap before any await. */
  const busy = ref(false)

  const paymentOpen = computed(() => creatingPayment.value ||
    (phase.value === 'payment' && payment.value !== null && OPEN_PAYMENT_STATUSES.includes(payment.value.status)))
  /** An order on its way out: the tablet must not be reset under it. */
  const sending = computed(() => phase.value === 'sending' || phase.value === 'queued')

  const { schedule: schedulePoll, stop: stopPolling, readNow: readPaymentNow } = createPaymentPoller({
    current: () => payment.value,
    isOpen: () => paymentOpen.value,
    fetch: id => getPayment(id),
    apply: next => applyPayment(next),
    intervalMs: () => useTabletConfigStore().config.paymentPollMs,
  })

  function showRefusal (problems: readonly PricingProblem[]): void {
    refused.value = useCartStore().removeRefused(problems)
  }

  /** "Place order": one order per cart content, however often it is tapped. */
  async function placeOrder (): Promise<void> {
    if (busy.value || sending.value) return
    busy.value = true
    try {
      const cart = useCartStore()
      if (cart.isEmpty) return
      if (cart.problems.length > 0) {
        showRefusal(cart.problems)
        return
      }
      if (!isWithinOrderLimit(cart.totals.total)) {
        // More than one Alipay payment can take: the server would refuse it, so it is not sent at all.
        errorCode.value = 'ORDER_TOTAL_TOO_LARGE'
        phase.value = 'sendFailed'
        return
      }
      // The cart changed since its order was made and that order was never paid: it is left behind.
      if (cart.pending && cart.pending.signature !== cart.signature) abandonIfUnpaid(cart.pending.order)
      let pending = cart.pending?.signature === cart.signature ? cart.pending : null
      if (pending?.order && pending.order.status !== 'placed') pending = null
      if (pending?.order) {
        await startPayment(pending.order)
        return
      }
      if (!pending) {
        pending = { clientOrderId: randomUuid(), signature: cart.signature, order: null }
        cart.setPending(pending)
      }
      errorCode.value = null
      // An order shown before (a payment given up, then the cart changed) is not this one: the payment screen
      // must show what is being sent, not the last order it knew.
      forgetShownOrder()
      phase.value = 'sending'
      await useOutboxStore().submit(cart.orderBody(pending.clientOrderId))
    } finally {
      busy.value = false
    }
  }

  /** The outbox's answer for every order it sent (also those sent again after a reload or an outage). */
  function handleSendResult (clientOrderId: string, result: SendResult): void {
    const cart = useCartStore()
    const pending = cart.pending
    if (pending?.clientOrderId !== clientOrderId) return
    const waiting = phase.value === 'sending' || phase.value === 'queued'
    switch (result.status) {
      case 'sent':
        cart.setPending({ ...pending, order: result.order })
        if (waiting) void startPayment(result.order)
        return
      case 'queued':
      case 'held':
        if (waiting) phase.value = 'queued'
        return
      case 'rejected': {
        cart.setPending(null)
        const problems = pricingProblemsOf(result.error)
        if (problems.length > 0) {
          showRefusal(problems)
          void useMenuStore().refresh()
          if (waiting) backToMenu()
        } else if (waiting) {
          errorCode.value = result.error.code
          phase.value = 'sendFailed'
        }
      }
    }
  }

  /** Shows the payment screen and asks the server for the order's Alipay QR. */
  async function startPayment (target: Order): Promise<void> {
    stopPolling()
    order.value = target
    payment.value = null
    errorCode.value = null
    // Free dishes only: the server sent the order to the kitchen at once, so there is no QR to show.
    if (needsNoPayment(target) && PAID_ORDER_STATUSES.includes(target.status)) {
      applyOrder(target)
      return
    }
    // Tab mode (the check the order joined says so): no QR per order, the table pays its bill at the end.
    if (target.status === 'placed' && await isTabMode()) {
      markSent()
      return
    }
    phase.value = 'payment'
    creatingPayment.value = true
    try {
      applyPayment(await createPayment(target.id))
    } catch (error) {
      errorCode.value = isApiError(error) ? error.code : 'UNKNOWN'
      // The order may have been paid meanwhile (a late scan of an earlier code): ask the server.
      await getOrder(target.id).then(applyOrder).catch(() => undefined)
    } finally {
      creatingPayment.value = false
    }
    schedulePoll()
  }

  /** Whether the restaurant runs tabs: the table's check says (read fresh: a manager may have switched it). A check
   * that cannot be read (an older server, a dropped connection) means the usual pay-first flow. */
  async function isTabMode (): Promise<boolean> {
    try {
      return (await getCheck()).paymentMode === 'tab'
    } catch {
      return false
    }
  }

  /** A payment as the server reports it (answer, poll or event); only `paid` from the server means paid. */
  function applyPayment (next: Payment): void {
    const current = payment.value
    if (!order.value || next.orderId !== order.value.id) return
    // An older payment of this order only matters if it was paid after all.
    if (current && next.id !== current.id && next.status !== 'paid') return
    if (current && next.id === current.id && Date.parse(next.updatedAt) < Date.parse(current.updatedAt)) return
    payment.value = next
    if (next.status === 'paid') markPaid()
    else schedulePoll()
  }

  /** An order as the server reports it; follows the kitchen status and catches a payment made late. */
  function applyOrder (next: Order): void {
    // An earlier order of the sitting moving along in the kitchen (listed under "Your orders").
    useSittingStore().apply(next)
    const cart = useCartStore()
    if (cart.pending?.order?.id === next.id) cart.setPending({ ...cart.pending, order: next })
    const isCurrent = order.value?.id === next.id || cart.pending?.order?.id === next.id
    if (!isCurrent) return
    order.value = next
    if (phase.value !== 'paid' && phase.value !== 'sent' && PAID_ORDER_STATUSES.includes(next.status)) {
      // A paid payment of the order, or staff settled it at the counter: the thank-you screen then
      // says so instead of "paid with Alipay" (the QR showing meanwhile is cancelled by the server).
      const paid = next.payments.find(candidate => candidate.status === 'paid')
      if (paid) payment.value = paid
      markPaid()
    } else if (next.status === 'cancelled') {
      stopPolling()
    }
  }

  function markPaid (): void {
    stopPolling()
    phase.value = 'paid'
    useCartStore().clear()
    if (order.value) useSittingStore().track(order.value, 'paid', payment.value)
  }

  function markSent (): void {
    stopPolling()
    phase.value = 'sent'
    useCartStore().clear()
    if (order.value) useSittingStore().track(order.value, 'sent', null)
  }

  /** After a reload: the thank-you screen the diner was on, for an order of the sitting (as last seen, then live),
   * as it was saved: the order's status alone cannot tell a paid order from one sent on the tab. */
  function showThanks (target: Order, shown: ThanksPhase, paid: Payment | null): void {
    if (phase.value !== 'cart') return
    order.value = target
    payment.value = paid ?? target.payments.find(candidate => candidate.status === 'paid') ?? null
    phase.value = shown
  }

  /** "Cancel" on the payment screen: the trade is cancelled at the server, then the diner is back at the menu. */
  async function cancelPayment (): Promise<void> {
    const current = payment.value
    if (cancelling.value) return
    if (!current) {
      backToMenu()
      return
    }
    cancelling.value = true
    try {
      applyPayment(await apiCancelPayment(current.id))
    } catch (error) {
      // The server cancels an unpaid trade at its deadline anyway; a late success still reaches us as an event.
      console.warn('payment cancel failed', error)
    } finally {
      cancelling.value = false
    }
    if (phase.value !== 'paid') backToMenu()
  }

  /** "Try again" after a failed, expired or refused payment, or an order the server refused to take. */
  async function retry (): Promise<void> {
    if (phase.value === 'sendFailed') {
      phase.value = 'cart'
      await placeOrder()
    } else if (order.value) {
      await startPayment(order.value)
    }
  }

  function backToMenu (): void {
    stopPolling()
    phase.value = 'cart'
    forgetShownOrder()
    errorCode.value = null
  }

  /** The order and payment on screen; the cart keeps the order it made (cart.pending), so paying it again still can. */
  function forgetShownOrder (): void {
    order.value = null
    payment.value = null
  }

  /** Re-reads what an event stream outage may have hidden. */
  async function resync (): Promise<void> {
    await readPaymentNow()
    const id = order.value?.id ?? useCartStore().pending?.order?.id
    if (id) await getOrder(id).then(applyOrder).catch(() => undefined)
  }

  /**
   * After a reload: an order made from the saved cart may be waiting for its payment, or may even be paid.
   */
  async function resume (): Promise<void> {
    const pendingOrder = useCartStore().pending?.order
    if (!pendingOrder) return
    let latest: Order
    try {
      latest = await getOrder(pendingOrder.id)
    } catch {
      return
    }
    applyOrder(latest)
    if (phase.value === 'paid') return
    const open = latest.payments.find(candidate => OPEN_PAYMENT_STATUSES.includes(candidate.status))
    if (latest.status === 'placed' && open) {
      order.value = latest
      phase.value = 'payment'
      applyPayment(open)
    } else if (latest.status === 'cancelled') {
      useCartStore().setPending(null)
    }
  }

  /** After a reload: an order still in the outbox shows as saved again, and goes on to payment once sent. */
  function restoreQueued (): void {
    const pending = useCartStore().pending
    if (!pending || pending.order || phase.value !== 'cart') return
    if (!useOutboxStore().entries.some(entry => entry.clientOrderId === pending.clientOrderId)) return
    phase.value = 'queued'
  }

  function dismissRefusal (): void {
    refused.value = []
  }

  /**
   * Tells the server an unpaid order will not be paid from here. Best effort: offline, or refused (paid meanwhile, a
   * tab order, a QR whose outcome is unknown), the server's own sweep cancels it later if it stays unpaid.
   */
  function abandonIfUnpaid (left: Order | null | undefined): void {
    if (left?.status !== 'placed') return
    abandonOrder(left.id).catch(() => undefined)
  }

  /**
   * Forgets everything about the diner's checkout (the outbox keeps any unsent order; the sitting its orders). An
   * order the diner walked away from without paying is given up on the server too.
   */
  function reset (): void {
    // Paid, or sent to the kitchen on a tab: the order shown may still read "placed" (the payment said paid first).
    if (phase.value !== 'paid' && phase.value !== 'sent') abandonIfUnpaid(order.value ?? useCartStore().pending?.order)
    if (phase.value === 'paid' || phase.value === 'sent') useSittingStore().leaveThanks()
    stopPolling()
    phase.value = 'cart'
    order.value = null
    payment.value = null
    creatingPayment.value = false
    cancelling.value = false
    errorCode.value = null
    refused.value = []
  }

  // The outbox is a leaf: it reports each answer to whoever listens, the checkout follows the order it waits for.
  useOutboxStore().onResult(handleSendResult)

  return {
    phase, order, payment, creatingPayment, cancelling, errorCode, refused, busy,
    paymentOpen, sending,
    placeOrder, handleSendResult, startPayment, applyPayment, applyOrder, cancelPayment, retry, backToMenu,
    resync, resume, restoreQueued, showThanks, dismissRefusal, reset,
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useCheckoutStore, import.meta.hot))
