// Order, payment and refund statuses and the sets of them the rules use, defined once. No TypeBox here:
// the tablet's bundle imports these without pulling in the schema library.

export const OrderStatusEnum = {
  PLACED: 'placed',
  PAID: 'paid',
  PREPARING: 'preparing',
  READY: 'ready',
  SERVED: 'served',
  CANCELLED: 'cancelled',
} as const
export type OrderStatus = typeof OrderStatusEnum[keyof typeof OrderStatusEnum]
export const ORDER_STATUSES = Object.values(OrderStatusEnum)

/** The kitchen flow: each status and where it may go next. Anything else is refused. */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  placed: ['paid', 'cancelled'],
  paid: ['preparing', 'cancelled'],
  preparing: ['ready', 'cancelled'],
  ready: ['served', 'cancelled'],
  served: [],
  cancelled: [],
}

/** Tab mode only: an order goes to the kitchen when placed, its check is paid at the end. */
export const TAB_TRANSITIONS: Readonly<Partial<Record<OrderStatus, readonly OrderStatus[]>>> = {
  placed: ['preparing'],
}

/** `tab`: the order's check is in tab mode, where placed → preparing is allowed too. */
export function canTransition (from: OrderStatus, to: OrderStatus, mode: { tab?: boolean } = {}): boolean {
  return ORDER_TRANSITIONS[from].includes(to) || (mode.tab === true && (TAB_TRANSITIONS[from]?.includes(to) ?? false))
}

/**
 * Cancel reasons the server writes by itself (staff type their own words); each face words them. An order's
 * `cancelReason` holds either one of these codes or a staff member's text.
 */
export const CancelReasonEnum = {
  /** Pay-first: its payment ran out or was cancelled and nobody paid within UNPAID_ORDER_TTL_S, or the tablet was reset. */
  PAYMENT_ABANDONED: 'payment_abandoned',
} as const
export type CancelReason = typeof CancelReasonEnum[keyof typeof CancelReasonEnum]
export const CANCEL_REASONS = Object.values(CancelReasonEnum)

/** Orders that still need their table: it cannot be removed under them. */
export const OPEN_ORDER_STATUSES: readonly OrderStatus[] = [
  OrderStatusEnum.PLACED, OrderStatusEnum.PAID, OrderStatusEnum.PREPARING, OrderStatusEnum.READY,
]

export const PaymentStatusEnum = {
  CREATING: 'creating',
  WAITING: 'waiting',
  PAID: 'paid',
  CANCELLED: 'cancelled',
  CLOSED: 'closed',
  FAILED: 'failed',
  UNKNOWN: 'unknown',
  REFUNDED: 'refunded',
  PARTIALLY_REFUNDED: 'partially_refunded',
} as const
export type PaymentStatus = typeof PaymentStatusEnum[keyof typeof PaymentStatusEnum]
export const PAYMENT_STATUSES = Object.values(PaymentStatusEnum)

/** States a payment can still leave on its own (the reconciler watches these). */
export const OPEN_PAYMENT_STATUSES: readonly PaymentStatus[] = [
  PaymentStatusEnum.CREATING, PaymentStatusEnum.WAITING, PaymentStatusEnum.UNKNOWN,
]

/** States from which a trade's success still turns the payment paid (late successes included). */
export const PAYABLE_FROM_STATUSES: readonly PaymentStatus[] = [
  ...OPEN_PAYMENT_STATUSES, PaymentStatusEnum.CANCELLED, PaymentStatusEnum.CLOSED, PaymentStatusEnum.FAILED,
]

/** Payments that took the diner's money and still hold some of it: they count as paid and can be refunded. */
export const REFUNDABLE_PAYMENT_STATUSES: readonly PaymentStatus[] = [
  PaymentStatusEnum.PAID, PaymentStatusEnum.PARTIALLY_REFUNDED,
]

export const RefundStatusEnum = {
  PENDING: 'pending',
  SUCCEEDED: 'succeeded',
  FAILED: 'failed',
  UNKNOWN: 'unknown',
} as const
export type RefundStatus = typeof RefundStatusEnum[keyof typeof RefundStatusEnum]

/** Refunds not settled yet: promised to the diner, still to be sent or confirmed. */
export const OPEN_REFUND_STATUSES: readonly RefundStatus[] = [RefundStatusEnum.PENDING, RefundStatusEnum.UNKNOWN]
