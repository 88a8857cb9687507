// The orders board: open orders by status, kept live from the staff event stream, and moving them along the kitchen flow.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { PaymentModeEnum, type PaymentMode } from '@shared/schemas/check'
import { ORDER_TRANSITIONS, OrderStatusEnum, type Order, type OrderStatus } from '@shared/schemas/order'
import type { Payment } from '@shared/schemas/payment'
import { isApiError } from '@/core/api/client'
import { listOrders, setOrderStatus } from '@/staff/api/staff-console'
import { useStaffCancelRefundsStore } from './staff-cancel-refunds'
import { useStaffSettingsStore } from './staff-settings'

/** Columns of the board, in kitchen order: waiting for payment, to cook, cooking, to take out. */
export const BOARD_STATUSES = [
  OrderStatusEnum.PLACED,
  OrderStatusEnum.PAID,
  OrderStatusEnum.PREPARING,
  OrderStatusEnum.READY,
] as const satisfies readonly OrderStatus[]
export type BoardStatus = typeof BOARD_STATUSES[number]

export const DONE_STATUSES = [OrderStatusEnum.SERVED, OrderStatusEnum.CANCELLED] as const satisfies readonly OrderStatus[]

/** Finished orders kept on the "Done" list; older ones are only in the server's history. */
export const DONE_SHOWN = 40
/** How long a newly arrived order stands out on the board. */
export const HIGHLIGHT_MS = 20_000

/** The one forward step staff can take from a status (cancel is offered separately), or null at the end. In tab
 * mode a placed order is the kitchen's at once (the table pays at the end): its step is "Start preparing". */
export function nextStepOf (status: OrderStatus, mode: PaymentMode = PaymentModeEnum.PAY_FIRST): OrderStatus | null {
  if (mode === PaymentModeEnum.TAB && status === OrderStatusEnum.PLACED) return OrderStatusEnum.PREPARING
  return ORDER_TRANSITIONS[status].find(next => next !== OrderStatusEnum.CANCELLED) ?? null
}

/** The board's columns in a payment mode: in tab mode nothing waits for payment before the kitchen. */
export function boardStatusesOf (mode: PaymentMode): BoardStatus[] {
  return mode === PaymentModeEnum.TAB ? BOARD_STATUSES.filter(status => status !== OrderStatusEnum.PLACED) : [...BOARD_STATUSES]
}

/** The column an open order stands in: in tab mode a placed order is with the new ones, to prepare. */
export function boardColumnOf (status: BoardStatus, mode: PaymentMode): BoardStatus {
  return mode === PaymentModeEnum.TAB && status === OrderStatusEnum.PLACED ? OrderStatusEnum.PAID : status
}

/**
 * Whether an order in this status is a ticket the kitchen starts on: paid (pay first), or placed in tab mode
 * (the table pays at the end). Reaching it is what sounds and flashes on the console.
 */
export function isKitchenTicket (status: OrderStatus, mode: PaymentMode): boolean {
  return status === OrderStatusEnum.PAID || (mode === PaymentModeEnum.TAB && status === OrderStatusEnum.PLACED)
}

export function canCancel (status: OrderStatus): boolean {
  return ORDER_TRANSITIONS[status].includes(OrderStatusEnum.CANCELLED)
}

function isBoardStatus (status: OrderStatus): status is BoardStatus {
  return (BOARD_STATUSES as readonly OrderStatus[]).includes(status)
}

/** The later of two copies of one order (events can overtake a slower list request). */
function newer (current: Order | undefined, incoming: Order): boolean {
  return !current || Date.parse(incoming.updatedAt) >= Date.parse(current.updatedAt)
}

/** What an event means for the kitchen: a new ticket to start (sound and flash), a new order that still waits for payment, or nothing. */
export type Arrival = 'kitchen' | 'new' | null

export const useStaffOrdersStore = defineStore('staff-orders', () => {
  const byId = ref<Record<string, Order>>({})
  const loaded = ref(false)
  const loading = ref(false)
  const errorCode = ref<string | null>(null)
  /** Orders that just arrived (created, or paid by the diner) and stand out for a while. */
  const highlighted = ref<Record<string, true>>({})
  /** Orders with a status change on its way to the server (their buttons wait). */
  const pending = ref<Record<string, OrderStatus>>({})

  const all = computed(() => Object.values(byId.value))

  /** Open orders per column, oldest first: the kitchen works in order of arrival. */
  const columns = computed<Record<BoardStatus, Order[]>>(() => {
    const result: Record<BoardStatus, Order[]> = { placed: [], paid: [], preparing: [], ready: [] }
    const mode = useStaffSettingsStore().paymentMode
    for (const order of all.value) if (isBoardStatus(order.status)) result[boardColumnOf(order.status, mode)].push(order)
    for (const list of Object.values(result)) list.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.number - b.number)
    return result
  })

  /** Served and cancelled orders, latest change first. */
  const done = computed(() => all.value
    .filter(order => !isBoardStatus(order.status))
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
    .slice(0, DONE_SHOWN))

  function put (order: Order): void {
    byId.value = { ...byId.value, [order.id]: order }
  }

  function highlight (id: string): void {
    highlighted.value = { ...highlighted.value, [id]: true }
    setTimeout(() => {
      const { [id]: _gone, ...rest } = highlighted.value
      highlighted.value = rest
    }, HIGHLIGHT_MS)
  }

  let inFlight: Promise<void> | null = null
  /** Bumped by reset(): a load started for the previous person is dropped when it answers. */
  let epoch = 0

  /**
   * Loads open orders column by column (a busy day's history must not push them off one list) and
   * recent done ones. Asked twice at once (login and the board opening), it loads once.
   */
  function load (): Promise<void> {
    inFlight ??= loadNow().finally(() => { inFlight = null })
    return inFlight
  }

  async function loadNow (): Promise<void> {
    const started = epoch
    loading.value = true
    try {
      const lists = await Promise.all([
        ...BOARD_STATUSES.map(status => listOrders({ status, limit: 500 })),
        ...DONE_STATUSES.map(status => listOrders({ status, limit: DONE_SHOWN })),
      ])
      if (started !== epoch) return
      const next: Record<string, Order> = {}
      for (const order of lists.flat()) if (newer(next[order.id], order)) next[order.id] = order
      // An event that arrived while the lists were loading may be newer than what they say.
      for (const order of Object.values(byId.value)) if (newer(next[order.id], order)) next[order.id] = order
      byId.value = next
      loaded.value = true
      errorCode.value = null
    } catch (error) {
      errorCode.value = isApiError(error) ? error.code : 'UNKNOWN'
      throw error
    } finally {
      loading.value = false
    }
  }

  /**
   * Takes an order from the event stream. Answers whether it is news: 'kitchen' when it just became a ticket to
   * start (placed in tab mode; paid by the diner in pay-first), 'new' for a new order still waiting for payment.
   * A status change made on this console is not news.
   * @param created - true for `order.created`
   */
  function receive (order: Order, created = false): Arrival {
    const current = byId.value[order.id]
    if (!newer(current, order)) return null
    put(order)
    if (pending.value[order.id] === order.status) return null
    const mode = useStaffSettingsStore().paymentMode
    const fresh = created || !current
    if (isKitchenTicket(order.status, mode) && (fresh || !isKitchenTicket(current.status, mode))) {
      highlight(order.id)
      return 'kitchen'
    }
    if (fresh) {
      highlight(order.id)
      return 'new'
    }
    return null
  }

  /** A payment changed: the order cards show their payment state from it (a table check's payment is no one card's). */
  function receivePayment (payment: Payment): void {
    if (payment.orderId === null) return
    const order = byId.value[payment.orderId]
    if (!order) return
    const payments = order.payments.some(known => known.id === payment.id)
      ? order.payments.map(known => known.id === payment.id ? payment : known)
      : [...order.payments, payment]
    put({ ...order, payments })
  }

  /**
   * Moves an order one step (or cancels it, with a reason, and refunds what it paid with `refund`). The server's
   * answer replaces the card; a refusal (someone else moved it first) reloads the board so it shows the truth.
   * @param known - the order as the caller shows it, when the board may not hold it (a search result)
   */
  async function move (id: string, status: OrderStatus, reason?: string, refund = false, known?: Order): Promise<Order> {
    pending.value = { ...pending.value, [id]: status }
    // `known`: an order found by a search, which the board may not hold.
    const before = byId.value[id] ?? known
    const refunds = refund && before ? useStaffCancelRefundsStore() : null
    if (before) refunds?.start(before)
    try {
      const order = await setOrderStatus(id, { status, ...(reason ? { reason } : {}), ...(refund ? { refund: true as const } : {}) })
      if (newer(byId.value[id], order)) put(order)
      if (before) refunds?.follow(before, order)
      return order
    } catch (error) {
      if (before) refunds?.abandon(before.id)
      if (isApiError(error) && error.code === 'INVALID_TRANSITION') void load().catch(() => undefined)
      throw error
    } finally {
      const { [id]: _done, ...rest } = pending.value
      pending.value = rest
    }
  }

  function reset (): void {
    epoch++
    byId.value = {}
    highlighted.value = {}
    pending.value = {}
    loaded.value = false
  }

  return { byId, loaded, loading, errorCode, highlighted, pending, all, columns, done, load, receive, receivePayment, move, reset }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useStaffOrdersStore, import.meta.hot))
