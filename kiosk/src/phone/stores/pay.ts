// Paying the check from the phone: the server creates an Alipay trade for this diner (alipay_jsapi), Alipay's
// cashier opens through the JSBridge, and the page then waits for the server to say paid. The bridge's resultCode
// only says what the diner saw; paid is decided by the server (verified notification or query), never here.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { CheckScope } from '@shared/schemas/check'
import type { Payment } from '@shared/schemas/payment'
// The TypeBox-free module: the page's bundle stays without the schema library.
import { OPEN_PAYMENT_STATUSES } from '@shared/statuses'
import { createCheckPayment } from '@/core/api/check'
import { cancelPayment, getPayment } from '@/phone/api/orders'
import { TradePayResultEnum, inAlipayApp, tradePay, waitForBridge } from '@/phone/lib/alipay-bridge'
import { loadSandboxBridge } from '@/phone/lib/sandbox-bridge'
import { createPaymentPoller } from '@/tablet/lib/payment-poller'
import { usePhoneCheckStore } from './check'
import { usePhoneSessionStore } from './session'

export type PayPhase =
  | 'idle'
  /** Asking the server for a trade, or waiting for Alipay's bridge. */
  | 'starting'
  /** Alipay's cashier is open. */
  | 'inAlipay'
  /** Alipay said 9000; the server has not said paid yet. */
  | 'confirming'
  /** Alipay said 8000: the payment is still being processed. */
  | 'processing'
  | 'paid'
  /** 6001: the diner closed the cashier. */
  | 'cancelled'
  /** 6002: the network dropped in the cashier; the same trade can be opened again. */
  | 'networkError'
  /** 4000, or the server says the payment failed. */
  | 'failed'
  /** The page is not inside Alipay (no bridge came). */
  | 'noAlipay'
  /** The server refused to start the payment (errorCode says why). */
  | 'refused'

/** The parts a diner can pick for an even split (the server allows up to MAX_SPLIT_PARTS; a table is rarely bigger). */
export const PHONE_SPLIT_PARTS = { min: 2, max: 10 } as const
/** How often an unconfirmed payment is read while the stream is quiet (the stream usually says it first). */
export const PAYMENT_POLL_MS = 3_000
const PAID_STATUSES: readonly Payment['status'][] = ['paid', 'partially_refunded']
const WAITING_PHASES: readonly PayPhase[] = ['inAlipay', 'confirming', 'processing']

export const usePhonePayStore = defineStore('phonePay', () => {
  const phase = ref<PayPhase>('idle')
  const payment = shallowRef<Payment | null>(null)
  const errorCode = ref<string | null>(null)
  /** Why the server says the payment failed (paymentFailure.* in the core's words). */
  const failureCode = ref<string | null>(null)
  const lastRequest = ref<{ scope: CheckScope, parts?: number } | null>(null)

  const busy = computed(() => phase.value === 'starting' || WAITING_PHASES.includes(phase.value))

  /** The cancel of the last abandoned payment: a new payment waits for it, or the old one would still hold its amount. */
  let releasing: Promise<unknown> = Promise.resolve()

  const { schedule: poll, stop: stopPolling } = createPaymentPoller({
    current: () => payment.value,
    isOpen: () => ['confirming', 'processing'].includes(phase.value),
    fetch: id => getPayment(id),
    apply: next => applyPayment(next),
    intervalMs: () => PAYMENT_POLL_MS,
  })

  /** The server's word on the payment under way (an event, a poll, the check): only it turns the page to paid. */
  function applyPayment (next: Payment): void {
    if (!payment.value || next.id !== payment.value.id) return
    payment.value = next
    if (PAID_STATUSES.includes(next.status)) {
      phase.value = 'paid'
      stopPolling()
    } else if (!OPEN_PAYMENT_STATUSES.includes(next.status) && WAITING_PHASES.includes(phase.value)) {
      failureCode.value = next.failureCode
      phase.value = 'failed'
      stopPolling()
    }
  }

  /** Payments as the check lists them (after a check.updated), for the one under way. */
  function applyPayments (payments: readonly Payment[]): void {
    const current = payments.find(candidate => candidate.id === payment.value?.id)
    if (current) applyPayment(current)
  }

  /** Frees what a payment holds on the check, so a new one (another scope) can start. */
  function release (target: Payment): void {
    releasing = cancelPayment(target.id).then(applyPayment).catch(() => undefined)
  }

  async function openCashier (target: Payment): Promise<void> {
    phase.value = 'starting'
    const bridge = await waitForBridge()
    if (payment.value?.id !== target.id) return
    if (!bridge || !target.tradeNo) {
      phase.value = bridge ? 'failed' : 'noAlipay'
      release(target)
      return
    }
    phase.value = 'inAlipay'
    const { resultCode } = await tradePay(bridge, target.tradeNo)
    // Another payment started meanwhile, or the server already decided this one while the cashier was open.
    if (payment.value?.id !== target.id || phase.value !== 'inAlipay' as PayPhase) return
    switch (resultCode) {
      case TradePayResultEnum.PAID:
        phase.value = 'confirming'
        break
      case TradePayResultEnum.PROCESSING:
        phase.value = 'processing'
        break
      case TradePayResultEnum.CANCELLED:
        phase.value = 'cancelled'
        release(target)
        return
      case TradePayResultEnum.NETWORK_ERROR:
        phase.value = 'networkError'
        return
      default:
        failureCode.value = null
        phase.value = 'failed'
        release(target)
        return
    }
    // The server may have said paid while the cashier was open; read it now, then keep watching.
    void usePhoneCheckStore().refresh().then(() => applyPayments(usePhoneCheckStore().check?.payments ?? []))
    poll()
  }

  /** Starts paying `scope` (with `parts` for an even split) from this phone. */
  async function pay (scope: CheckScope, parts?: number): Promise<void> {
    if (busy.value) return
    stopPolling()
    lastRequest.value = scope === 'even' ? { scope, parts } : { scope }
    errorCode.value = null
    failureCode.value = null
    payment.value = null
    phase.value = 'starting'
    // Outside Alipay (and without the emulator's stand-in) no cashier can open: say so before any trade is made.
    const bridgeComing = Boolean(window.AlipayJSBridge) || inAlipayApp() || await loadSandboxBridge() !== 'absent'
    if (!bridgeComing) {
      phase.value = 'noAlipay'
      return
    }
    await releasing
    let created: Payment
    try {
      created = await createCheckPayment({ method: 'alipay_jsapi', scope, ...(scope === 'even' ? { parts } : {}) })
    } catch (error) {
      errorCode.value = usePhoneSessionStore().failureCode(error)
      phase.value = 'refused'
      void usePhoneCheckStore().refresh()
      return
    }
    payment.value = created
    await openCashier(created)
  }

  /** "Try again": the same trade after a network drop (it may still be paid), otherwise a new payment. */
  async function retry (): Promise<void> {
    const current = payment.value
    if (phase.value === 'networkError' && current && OPEN_PAYMENT_STATUSES.includes(current.status)) {
      await openCashier(current)
      return
    }
    const last = lastRequest.value
    if (last) await pay(last.scope, last.parts)
  }

  function reset (): void {
    stopPolling()
    phase.value = 'idle'
    payment.value = null
    errorCode.value = null
    failureCode.value = null
  }

  return { phase, payment, errorCode, failureCode, lastRequest, busy, pay, retry, applyPayment, applyPayments, reset, stopPolling }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(usePhonePayStore, import.meta.hot))
