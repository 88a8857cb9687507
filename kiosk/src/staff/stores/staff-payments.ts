// Payments as staff see them: the list (live from payment.updated) filtered by state and store days, one payment's history,
// refunds and re-queries.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref } from 'vue'
import type { Payment, PaymentStatus, Refund, StaffPaymentDetail } from '@shared/schemas/payment'
import * as api from '@/staff/api/staff-console'
import { dayIn } from '@/staff/reports/report-dates'
import { useStaffSessionStore } from './staff-session'

export const PAYMENTS_SHOWN = 200

export const useStaffPaymentsStore = defineStore('staff-payments', () => {
  const list = ref<Payment[]>([])
  const filter = ref<PaymentStatus | ''>('')
  /** Store days (YYYY-MM-DD) the payments were created on, both included; blank for no bound. */
  const days = ref({ from: '', to: '' })
  const loaded = ref(false)
  /** The payment open in the detail screen, with its refunds and events. */
  const detail = ref<StaffPaymentDetail | null>(null)

  async function load (): Promise<void> {
    const { from, to } = days.value
    list.value = await api.listPayments({
      ...(filter.value ? { status: filter.value } : {}),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      limit: PAYMENTS_SHOWN,
    })
    loaded.value = true
  }

  async function setFilter (status: PaymentStatus | ''): Promise<void> {
    filter.value = status
    await load()
  }

  async function setDays (from: string, to: string): Promise<void> {
    days.value = { from, to }
    await load()
  }

  /** Whether a payment the list does not show yet belongs in it: its state and its store day match the filters. */
  function matches (payment: Payment): boolean {
    if (filter.value && filter.value !== payment.status) return false
    const { from, to } = days.value
    if (!from && !to) return true
    const timezone = useStaffSessionStore().store?.timezone
    if (!timezone) return true
    const day = dayIn(timezone, Date.parse(payment.createdAt))
    return (!from || day >= from) && (!to || day <= to)
  }

  /** payment.updated: the newest state of one payment, in the list and in the open detail. */
  function receive (payment: Payment): void {
    const known = list.value.some(candidate => candidate.id === payment.id)
    if (known) list.value = list.value.map(candidate => candidate.id === payment.id ? payment : candidate)
    else if (matches(payment)) list.value = [payment, ...list.value]
    if (detail.value?.payment.id === payment.id) {
      detail.value = { ...detail.value, payment }
      // Refund outcomes and new history entries come with the detail, not with the event.
      void loadDetail(payment.id).catch(() => undefined)
    }
  }

  async function loadDetail (id: string): Promise<StaffPaymentDetail> {
    const next = await api.readPayment(id)
    detail.value = next
    receiveListOnly(next.payment)
    return next
  }

  function receiveListOnly (payment: Payment): void {
    list.value = list.value.map(candidate => candidate.id === payment.id ? payment : candidate)
  }

  /**
   * Refunds part or all of a payment (managers). Answers the refund, whose status says how it went:
   * succeeded, failed, or unknown while Alipay's answer is awaited (the server keeps asking).
   */
  async function refund (id: string, amount: number, reason: string): Promise<Refund> {
    const result = await api.refundPayment(id, { amount, reason })
    await loadDetail(id).catch(() => undefined)
    return result
  }

  /** Asks Alipay again about a payment whose outcome is not known yet. */
  async function requery (id: string): Promise<Payment> {
    const payment = await api.requeryPayment(id)
    receiveListOnly(payment)
    await loadDetail(id).catch(() => undefined)
    return payment
  }

  function reset (): void {
    list.value = []
    filter.value = ''
    days.value = { from: '', to: '' }
    loaded.value = false
    detail.value = null
  }

  return { list, filter, days, loaded, detail, load, setFilter, setDays, receive, loadDetail, refund, requery, reset }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useStaffPaymentsStore, import.meta.hot))
