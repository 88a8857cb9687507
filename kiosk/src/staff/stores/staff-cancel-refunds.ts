// Orders cancelled and refunded in one step from this console: the refund is sent (and retried) by the server, and its outcome
// reaches the console through the usual events: payment.updated when the money went back, alert.raised (refund.failed) when
// Alipay refused. This store follows each one so the order's card and a notice can say how it ended.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref } from 'vue'
import { AlertKindEnum, type Alert } from '@shared/schemas/alert'
import type { Order } from '@shared/schemas/order'
import type { Payment } from '@shared/schemas/payment'
import { formatMoney } from '@shared/money'
import { useStaffLocaleStore } from './staff-locale'
import { useStaffNoticesStore } from './staff-notices'

export type CancelRefundOutcome = 'sent' | 'succeeded' | 'failed'

export interface CancelRefund {
  orderId: string
  orderNumber: number
  paymentId: string
  /** What was still refundable when it was cancelled: the amount the refund gives back. */
  amount: number
  currency: string
  /** The payment's refunded amount before this refund: more than this means it went through. */
  refundedBefore: number
  outcome: CancelRefundOutcome
}

/** What a payment still holds that a refund can give back (0 once all of it went back). */
export function refundableOf (payment: Payment): number {
  return payment.status === 'paid' || payment.status === 'partially_refunded' ? payment.amount - payment.refundedAmount : 0
}

/** The payment a cancel-and-refund gives back: the order's own Alipay payment that still holds money. */
export function refundablePayment (order: Order): Payment | null {
  return order.payments.find(payment => refundableOf(payment) > 0) ?? null
}

export const useStaffCancelRefundsStore = defineStore('staff-cancel-refunds', () => {
  /** By order id. */
  const byOrder = ref<Record<string, CancelRefund>>({})

  function settle (entry: CancelRefund, outcome: CancelRefundOutcome): void {
    if (entry.outcome !== 'sent') return
    byOrder.value = { ...byOrder.value, [entry.orderId]: { ...entry, outcome } }
    const amount = formatMoney(entry.amount, entry.currency, useStaffLocaleStore().locale)
    const notices = useStaffNoticesStore()
    if (outcome === 'succeeded') notices.success('console.cancelRefund.succeededNotice', { number: entry.orderNumber, amount })
    else notices.push('error', 'console.cancelRefund.failedNotice', { number: entry.orderNumber, amount })
  }

  /**
   * Registers the refund before the cancel is sent: the server makes its first attempt before it answers, so an
   * immediate refusal (alert.raised) can arrive ahead of the answer and must find the entry to settle.
   * @param before - the order as it was before (its payment's refunded amount then)
   */
  function start (before: Order): void {
    const payment = refundablePayment(before)
    if (!payment || byOrder.value[before.id]?.outcome === 'sent') return
    byOrder.value = {
      ...byOrder.value,
      [before.id]: {
        orderId: before.id,
        orderNumber: before.number,
        paymentId: payment.id,
        amount: refundableOf(payment),
        currency: payment.currency,
        refundedBefore: payment.refundedAmount,
        outcome: 'sent',
      },
    }
  }

  /**
   * Follows the refund of an order this console just cancelled with refund:true (registered by start(), or now).
   * @param after - the server's answer (its payments may already show the refund)
   */
  function follow (before: Order, after: Order): void {
    if (!byOrder.value[before.id]) start(before)
    for (const latest of after.payments) receivePayment(latest)
  }

  /** The cancel was refused: there is no refund to follow (one already settled by its alert stays). */
  function abandon (orderId: string): void {
    if (byOrder.value[orderId]?.outcome !== 'sent') return
    const { [orderId]: _dropped, ...rest } = byOrder.value
    byOrder.value = rest
  }

  /** payment.updated: more refunded than before means the refund went through. */
  function receivePayment (payment: Payment): void {
    for (const entry of Object.values(byOrder.value)) {
      if (entry.paymentId === payment.id && payment.refundedAmount > entry.refundedBefore) settle(entry, 'succeeded')
    }
  }

  /** alert.raised: Alipay refused the refund for good (the alert tells staff what to do). */
  function receiveAlert (alert: Alert): void {
    if (alert.kind !== AlertKindEnum.REFUND_FAILED) return
    for (const entry of Object.values(byOrder.value)) if (entry.paymentId === alert.paymentId) settle(entry, 'failed')
  }

  function reset (): void {
    byOrder.value = {}
  }

  return { byOrder, start, follow, abandon, receivePayment, receiveAlert, reset }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useStaffCancelRefundsStore, import.meta.hot))
