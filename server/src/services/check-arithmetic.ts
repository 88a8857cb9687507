// The check's money in whole minor units (fen), with no I/O: what each order still owes, what a payment of
// each scope asks for, the parts of an even split, and how a paid amount is applied to orders. Every
// function here gives back exactly the fen it was given: none is lost, none is made up.
import { OrderStatusEnum, OPEN_PAYMENT_STATUSES, REFUNDABLE_PAYMENT_STATUSES, type OrderStatus, type PaymentStatus } from '#shared/statuses.js'
import type { PaymentMode } from '#shared/schemas/check.js'

export interface LedgerOrder {
  id: string
  total: number
  status: OrderStatus
  dinerId: string | null
}

export interface LedgerPayment {
  id: string
  /** Set for a single order's payment (POST /api/orders/:id/payments). */
  orderId: string | null
  status: PaymentStatus
  amount: number
}

/** What a check payment covers (payment_orders): planned while it is open, as applied once paid. */
export interface LedgerCover {
  paymentId: string
  orderId: string
  amount: number
}

export interface Ledger {
  /** What each order still owes, by order id (0 for cancelled or settled ones). */
  dueByOrder: Map<string, number>
  /** Sum of the orders not cancelled. */
  total: number
  /** What is still owed: the sum of the orders' dues. */
  due: number
  /** total − due: paid through Alipay or, in pay-first, settled at the counter. */
  paid: number
  /** Held by payments still open. */
  pending: number
  /** Orders an open payment is about to pay: not offered to another payment until it ends. */
  held: Set<string>
}

const isOpen = (status: PaymentStatus) => OPEN_PAYMENT_STATUSES.includes(status)
const isPaid = (status: PaymentStatus) => REFUNDABLE_PAYMENT_STATUSES.includes(status)

/**
 * The check's state from its orders and every payment against it or its orders. An order owes nothing
 * once cancelled, once a payment of its own is paid, or — in pay-first, where an order leaves `placed`
 * only when paid — once it has left `placed` (staff took the money at the counter); else its total less
 * what paid check payments applied to it.
 */
export function computeLedger (mode: PaymentMode, orders: readonly LedgerOrder[], payments: readonly LedgerPayment[], covers: readonly LedgerCover[]): Ledger {
  const statusOf = new Map(payments.map(payment => [payment.id, payment.status]))
  const paidOwn = new Set(payments.filter(payment => payment.orderId !== null && isPaid(payment.status)).map(payment => payment.orderId!))
  const applied = new Map<string, number>()
  const held = new Set(payments.filter(payment => payment.orderId !== null && isOpen(payment.status)).map(payment => payment.orderId!))
  for (const cover of covers) {
    const status = statusOf.get(cover.paymentId)
    if (status === undefined) continue
    if (isPaid(status)) applied.set(cover.orderId, (applied.get(cover.orderId) ?? 0) + cover.amount)
    else if (isOpen(status)) held.add(cover.orderId)
  }
  const dueByOrder = new Map<string, number>()
  let total = 0
  let due = 0
  for (const order of orders) {
    if (order.status === OrderStatusEnum.CANCELLED) {
      dueByOrder.set(order.id, 0)
      continue
    }
    total += order.total
    const settled = paidOwn.has(order.id) || (mode === 'pay-first' && order.status !== OrderStatusEnum.PLACED)
    const owed = settled ? 0 : Math.max(0, order.total - (applied.get(order.id) ?? 0))
    dueByOrder.set(order.id, owed)
    due += owed
  }
  const pending = payments.filter(payment => isOpen(payment.status)).reduce((sum, payment) => sum + payment.amount, 0)
  return { dueByOrder, total, due, paid: total - due, pending, held }
}

/** The amount of part `index` (0-based) of `base` in `parts`: floor(base/parts), the last part the rest. */
export function splitPart (base: number, parts: number, index: number): number {
  const share = Math.floor(base / parts)
  return index === parts - 1 ? base - (parts - 1) * share : share
}

/** The orders a payment of scope `mine` (or `all`, with `dinerId` undefined) would cover, and their dues. */
export function coverableOrders (ledger: Ledger, orders: readonly LedgerOrder[], who?: { dinerId: string | null }): LedgerCover[] {
  return orders
    .filter(order => who === undefined || order.dinerId === who.dinerId)
    .filter(order => !ledger.held.has(order.id) && (ledger.dueByOrder.get(order.id) ?? 0) > 0)
    .map(order => ({ paymentId: '', orderId: order.id, amount: ledger.dueByOrder.get(order.id)! }))
}

export interface Application {
  /** What the payment settles of each order (only amounts > 0). */
  covers: Array<{ orderId: string, amount: number }>
  /** What nothing was left to settle: more than the check owed, to go back to the diner. */
  excess: number
}

/**
 * Applies a paid `amount` to orders: first those the payment was made for (`first`, in order), then any
 * other order still owing (`rest`, oldest first), each up to its due. What remains is excess.
 */
export function applyPayment (amount: number, first: readonly string[], rest: readonly string[], dueByOrder: ReadonlyMap<string, number>): Application {
  const left = new Map(dueByOrder)
  const covers = new Map<string, number>()
  let remaining = amount
  for (const orderId of [...first, ...rest]) {
    if (remaining === 0) break
    const owed = left.get(orderId) ?? 0
    const take = Math.min(owed, remaining)
    if (take <= 0) continue
    left.set(orderId, owed - take)
    covers.set(orderId, (covers.get(orderId) ?? 0) + take)
    remaining -= take
  }
  return { covers: [...covers].map(([orderId, part]) => ({ orderId, amount: part })), excess: remaining }
}

/**
 * The next part of an even split of `base` in `parts`, given the amounts of the parts already taken:
 * floor(base/parts), and the last part whatever is left, so the parts always add up to `base` exactly
 * (a part given up and asked for again gets the same share).
 */
export function nextSplitPart (base: number, parts: number, taken: readonly number[]): number {
  if (taken.length >= parts - 1) return base - taken.reduce((sum, amount) => sum + amount, 0)
  return splitPart(base, parts, taken.length)
}
