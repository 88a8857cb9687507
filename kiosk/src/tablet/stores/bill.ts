// The table's bill on the tablet: the check as the server reports it, and the one check payment this tablet shows as
// a QR. Like the checkout, the tablet mirrors the server: paid is only what the server says is paid.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { OPEN_PAYMENT_STATUSES } from '@shared/statuses'
import type { Check, CheckScope } from '@shared/schemas/check'
import type { Payment } from '@shared/schemas/payment'
import { createCheckPayment, getCheck } from '@/core/api/check'
import { isApiError } from '@/core/api/client'
import { cancelPayment as apiCancelPayment, getPayment } from '@/tablet/api/orders'
import { createPaymentPoller } from '@/tablet/lib/payment-poller'
import { useTabletConfigStore } from './config'
import { registerBillStore } from './lazy-bill'

export type BillState =
  /** Never read (or reset for the next diner). */
  | 'idle'
  /** The first read is on its way. */
  | 'loading'
  | 'ready'
  /** Nothing has been ordered at the table yet (404 CHECK_NOT_FOUND). */
  | 'empty'
  /** The check could not be read and none is known. */
  | 'error'

/** The pieces of a split a tablet offers (the server accepts up to MAX_SPLIT_PARTS). */
export const MIN_PARTS = 2
export const MAX_PARTS = 10

function codeOf (error: unknown): string {
  return isApiError(error) ? error.code : 'UNKNOWN'
}

export const useBillStore = defineStore('bill', () => {
  const check = shallowRef<Check | null>(null)
  const state = ref<BillState>('idle')
  /** Why the last read failed (the bill keeps showing the last check it had). */
  const errorCode = ref<string | null>(null)
  /** The check payment shown as a QR, until it is paid or given up. */
  const payment = shallowRef<Payment | null>(null)
  /** The last payment this tablet saw paid: the bill says so once it is back. */
  const lastPaid = shallowRef<Payment | null>(null)
  const creating = ref(false)
  const cancelling = ref(false)
  /** Why the server refused the last "Pay …" (CHECK_OVERPAY, NOTHING_DUE, SPLIT_IN_PROGRESS, …). */
  const payErrorCode = ref<string | null>(null)

  const paymentOpen = computed(() => creating.value ||
    (payment.value !== null && OPEN_PAYMENT_STATUSES.includes(payment.value.status)))

  /** What the table placed on the tablet and still owes: "Pay the tablet's orders". */
  const tabletDue = computed(() => (check.value?.orders ?? [])
    .filter(order => order.dinerId === null && order.status !== 'cancelled')
    .reduce((sum, order) => sum + order.due, 0))
  /** What "Pay all" would ask for: what is due and not held by another open payment. */
  const payableAll = computed(() => check.value ? Math.max(0, check.value.due - check.value.pending) : 0)
  const settled = computed(() => check.value !== null && (check.value.status === 'closed' || check.value.due <= 0))

  let loading: Promise<void> | null = null
  let readAgain = false
  /** Bumped by reset(): a read started for the previous diner is dropped when it answers. */
  let epoch = 0

  async function readOnce (): Promise<void> {
    const started = epoch
    if (!check.value) state.value = 'loading'
    try {
      const next = await getCheck()
      if (started !== epoch) return
      check.value = next
      state.value = 'ready'
      errorCode.value = null
      // The check lists its payments: one paid (or ended) while its event was lost is seen here too.
      const mine = payment.value ? next.payments.find(candidate => candidate.id === payment.value?.id) : undefined
      if (mine) applyPayment(mine)
    } catch (error) {
      if (started !== epoch) return
      if (isApiError(error) && error.status === 404 && error.code === 'CHECK_NOT_FOUND') {
        check.value = null
        state.value = 'empty'
        errorCode.value = null
        return
      }
      errorCode.value = codeOf(error)
      if (!check.value) state.value = 'error'
    }
  }

  /** Reads the check; asked again while a read is on its way (a burst of check.updated), it reads once more after. */
  function load (): Promise<void> {
    if (loading) {
      readAgain = true
      return loading
    }
    loading = (async () => {
      do {
        readAgain = false
        await readOnce()
      } while (readAgain)
    })().finally(() => { loading = null })
    return loading
  }

  const { schedule: schedulePoll, stop: stopPolling, readNow: readPaymentNow } = createPaymentPoller({
    current: () => payment.value,
    isOpen: () => paymentOpen.value,
    fetch: id => getPayment(id),
    apply: next => applyPayment(next),
    intervalMs: () => useTabletConfigStore().config.paymentPollMs,
  })

  /**
   * "Pay all" / "Split evenly" / "Pay the tablet's orders" / "Pay Diner 2's part": a check payment with its Alipay
   * QR (`dinerId` with `mine`: that diner's orders, for a diner paying at the tablet).
   */
  async function pay (scope: CheckScope, parts?: number, dinerId?: string): Promise<void> {
    if (creating.value || paymentOpen.value) return
    creating.value = true
    payErrorCode.value = null
    lastPaid.value = null
    try {
      payment.value = await createCheckPayment({
        method: 'alipay_qr',
        scope,
        ...(scope === 'even' && parts ? { parts } : {}),
        ...(scope === 'mine' && dinerId ? { dinerId } : {}),
      })
    } catch (error) {
      payErrorCode.value = codeOf(error)
    } finally {
      creating.value = false
    }
    schedulePoll()
    // What is pending (and a split just started) changed: the server says so with check.updated too.
    void load()
  }

  /** A payment as the server reports it (answer, poll or event); only the one shown here matters. */
  function applyPayment (next: Payment): void {
    const current = payment.value
    if (!current || next.id !== current.id) return
    if (Date.parse(next.updatedAt) < Date.parse(current.updatedAt)) return
    if (next.status === 'paid') {
      stopPolling()
      payment.value = null
      lastPaid.value = next
      void load()
      return
    }
    payment.value = next
    if (OPEN_PAYMENT_STATUSES.includes(next.status)) schedulePoll()
    else stopPolling()
  }

  /** "Cancel" under the QR: the trade is cancelled at the server, then the bill shows again. */
  async function cancelPayment (): Promise<void> {
    const current = payment.value
    if (!current || cancelling.value) return
    cancelling.value = true
    try {
      applyPayment(await apiCancelPayment(current.id))
    } catch (error) {
      // The server cancels an unpaid trade at its deadline anyway; a late success still reaches us as an event.
      console.warn('check payment cancel failed', error)
    } finally {
      cancelling.value = false
    }
    if (payment.value?.id === current.id) dismissPayment()
  }

  /** Back to the bill from a payment that ended without being paid (expired, failed, cancelled). */
  function dismissPayment (): void {
    stopPolling()
    payment.value = null
    void load()
  }

  function dismissPayError (): void {
    payErrorCode.value = null
  }

  /** Re-reads what an event stream outage may have hidden. */
  async function resync (): Promise<void> {
    await readPaymentNow()
    if (state.value !== 'idle') await load()
  }

  /** Forgets the bill (the next diner reads it again); an open QR is left to expire at the server. */
  function reset (): void {
    epoch++
    stopPolling()
    check.value = null
    state.value = 'idle'
    errorCode.value = null
    payment.value = null
    lastPaid.value = null
    creating.value = false
    cancelling.value = false
    payErrorCode.value = null
  }

  return {
    check, state, errorCode, payment, lastPaid, creating, cancelling, payErrorCode,
    paymentOpen, tabletDue, payableAll, settled,
    load, pay, applyPayment, cancelPayment, dismissPayment, dismissPayError, resync, reset,
  }
})

// The first screen's stores reach the bill through lazy-bill.ts: it is theirs as soon as this chunk runs.
registerBillStore(useBillStore)

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useBillStore, import.meta.hot))
