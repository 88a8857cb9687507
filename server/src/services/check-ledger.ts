// The check's money as stored: reads a check's orders and payments into a Ledger, plans a check payment
// (refusing what would overpay before any trade exists), and applies a paid one. Every function takes the
// transaction it runs in, so a plan commits with its payment row and an application with the payment's
// change to paid.
import type { Db } from '../db/database.js'
import type { CheckRow, OrderRow, PaymentRow } from '../db/schema.js'
import { closeCheck, coversOfPayments, findCheck, hasOtherPlacedOrder, ordersOfCheck, paymentsOfCheck, setCovers, setSplit } from '../repositories/checks.js'
import { updateOrderStatus } from '../repositories/orders.js'
import { queueTickets } from '../printing/kitchen-queue.js'
import { BadRequestError } from '../errors.js'
import { CheckOverpayError, NothingDueError, SplitInProgressError } from '../payments/errors.js'
import { formatMoney } from '#shared/money.js'
import { CheckScopeEnum, CheckStatusEnum, type CheckScope, type PaymentMode } from '#shared/schemas/check.js'
import { OPEN_PAYMENT_STATUSES, OrderStatusEnum, REFUNDABLE_PAYMENT_STATUSES, type OrderStatus, type PaymentStatus } from '#shared/statuses.js'
import { applyPayment, computeLedger, coverableOrders, nextSplitPart, type Ledger, type LedgerOrder } from './check-arithmetic.js'

export interface CheckState {
  check: CheckRow
  orders: OrderRow[]
  /** Newest first. */
  payments: PaymentRow[]
  ledger: Ledger
  /** The running split's parts taken so far (open or paid), oldest first; empty when none runs. */
  splitParts: PaymentRow[]
}

function ledgerOrders (orders: readonly OrderRow[]): LedgerOrder[] {
  return orders.map(order => ({ id: order.id, total: order.total, status: order.status as OrderStatus, dinerId: order.diner_id }))
}

export async function loadCheckState (db: Db, check: CheckRow, options: { without?: string } = {}): Promise<CheckState> {
  const orders = await ordersOfCheck(db, check.id)
  const payments = await paymentsOfCheck(db, check.id)
  // `without`: a payment about to be applied is judged against the check as it stood without it.
  const counted = payments.filter(payment => payment.id !== options.without)
  const covers = await coversOfPayments(db, counted.filter(payment => payment.check_id !== null).map(payment => payment.id))
  const ledger = computeLedger(check.payment_mode as PaymentMode, ledgerOrders(orders), counted.map(payment => ({
    id: payment.id, orderId: payment.order_id, status: payment.status as PaymentStatus, amount: payment.amount,
  })), covers)
  return { check, orders, payments, ledger, splitParts: runningSplitParts(check, counted) }
}

function runningSplitParts (check: CheckRow, payments: readonly PaymentRow[]): PaymentRow[] {
  if (check.split_parts === null || check.split_started_at === null) return []
  const taken: readonly PaymentStatus[] = [...OPEN_PAYMENT_STATUSES, ...REFUNDABLE_PAYMENT_STATUSES]
  return payments
    .filter(payment => payment.check_id === check.id && payment.scope === CheckScopeEnum.EVEN)
    .filter(payment => payment.created_at >= check.split_started_at! && taken.includes(payment.status as PaymentStatus))
    .reverse()
}

export interface CheckPaymentPlan {
  checkId: string
  tableId: string
  scope: CheckScope
  amount: number
  currency: string
  /** The orders it is for and what each owed when it was asked for (none for `even`). */
  covers: Array<{ orderId: string, amount: number }>
  /** Set when this payment starts an even split. */
  startsSplit: { parts: number, base: number } | null
}

/**
 * What a payment of `scope` asks for now (docs: contract "Amounts"): `all` = due − pending; `mine` = the
 * asker's own orders still owing and not held by an open payment; `even` = the next part of the running
 * split (or of a new one of `parts` parts of due − pending). Refused (409) when it comes to nothing or
 * would make paid + pending exceed the total.
 */
export async function planCheckPayment (db: Db, check: CheckRow, asker: { dinerId: string | null }, request: { scope: CheckScope, parts?: number }, currency: string): Promise<CheckPaymentPlan> {
  if (check.status !== CheckStatusEnum.OPEN) throw new NothingDueError('the check is closed')
  const { ledger, orders, splitParts } = await loadCheckState(db, check)
  const available = ledger.due - ledger.pending
  const money = (amount: number) => formatMoney(amount, currency, 'en')
  let amount: number
  let covers: Array<{ orderId: string, amount: number }> = []
  let startsSplit: CheckPaymentPlan['startsSplit'] = null
  if (request.scope === CheckScopeEnum.ALL) {
    amount = available
    covers = coverableOrders(ledger, ledgerOrders(orders))
    if (amount <= 0) throw new NothingDueError(ledger.due === 0 ? 'the check is paid' : 'open payments already hold what is due')
  } else if (request.scope === CheckScopeEnum.MINE) {
    covers = coverableOrders(ledger, ledgerOrders(orders), { dinerId: asker.dinerId })
    amount = covers.reduce((sum, cover) => sum + cover.amount, 0)
    if (amount === 0) throw new NothingDueError('your orders are paid or being paid')
  } else {
    const running = check.split_parts !== null && check.split_base !== null && splitParts.length < check.split_parts
    if (running) {
      if (request.parts !== undefined && request.parts !== check.split_parts) throw new SplitInProgressError(String(check.split_parts))
      amount = nextSplitPart(check.split_base!, check.split_parts!, splitParts.map(part => part.amount))
    } else {
      if (request.parts === undefined) throw new BadRequestError('parts (2–20) is required to start an even split')
      if (available <= 0) throw new NothingDueError(ledger.due === 0 ? 'the check is paid' : 'open payments already hold what is due')
      if (available < request.parts) throw new BadRequestError(`${money(available)} cannot be split in ${request.parts} parts`)
      startsSplit = { parts: request.parts, base: available }
      amount = nextSplitPart(available, request.parts, [])
    }
  }
  if (amount > available) throw new CheckOverpayError(money(amount), money(Math.max(0, available)))
  return { checkId: check.id, tableId: check.table_id, scope: request.scope, amount, currency, covers, startsSplit }
}

/** Writes what belongs with a new check payment's row: what it covers, and the split it starts. */
export async function recordPlan (db: Db, paymentId: string, plan: CheckPaymentPlan, at: string): Promise<void> {
  await setCovers(db, paymentId, plan.covers)
  if (plan.startsSplit) await setSplit(db, plan.checkId, { ...plan.startsSplit, startedAt: at })
}

export interface Application {
  /** More than the check owed: to be refunded. */
  excess: number
  /** Orders whose status moved (pay-first: placed → paid). */
  movedOrders: string[]
  closed: boolean
}

/**
 * Applies a check payment being marked paid (call before its status changes, in the same transaction):
 * to the orders it was for, then to any other order still owing; what is left over is excess. A closed
 * check owes nothing: all of it is excess.
 */
export async function applyCheckPayment (db: Db, payment: PaymentRow): Promise<{ excess: number }> {
  const check = payment.check_id === null ? undefined : await findCheck(db, payment.check_id)
  if (!check || check.status !== CheckStatusEnum.OPEN) {
    await setCovers(db, payment.id, [])
    return { excess: payment.amount }
  }
  const { ledger, orders } = await loadCheckState(db, check, { without: payment.id })
  const planned = (await coversOfPayments(db, [payment.id])).map(cover => cover.orderId)
  const rest = orders.map(order => order.id).filter(id => !planned.includes(id))
  const applied = applyPayment(payment.amount, planned, rest, ledger.dueByOrder)
  await setCovers(db, payment.id, applied.covers)
  return { excess: applied.excess }
}

/**
 * After a payment of the check (or of one of its orders) was paid: in pay-first, orders that owe nothing
 * go to the kitchen (placed → paid) and a check that owes nothing closes itself; a finished split ends.
 */
/**
 * settleCheck after one order's own payment (a tablet's QR for that order). Paying first with no split running,
 * another order still `placed` means the check still owes (covered orders are moved on as their payment is
 * applied), so there is nothing to settle: that is answered from one indexed read instead of loading the whole
 * check for every notification.
 */
export async function settleAfterOrderPayment (db: Db, checkId: string, orderId: string, at: string): Promise<Omit<Application, 'excess'>> {
  const check = await findCheck(db, checkId)
  if (!check || check.status !== CheckStatusEnum.OPEN) return { movedOrders: [], closed: false }
  if (check.payment_mode === 'pay-first' && check.split_parts === null && await hasOtherPlacedOrder(db, checkId, orderId)) {
    return { movedOrders: [], closed: false }
  }
  return settleCheck(db, checkId, at)
}

export async function settleCheck (db: Db, checkId: string, at: string): Promise<Omit<Application, 'excess'>> {
  const check = await findCheck(db, checkId)
  if (!check || check.status !== CheckStatusEnum.OPEN) return { movedOrders: [], closed: false }
  const state = await loadCheckState(db, check)
  const movedOrders: string[] = []
  if (check.payment_mode === 'pay-first') {
    for (const order of state.orders) {
      if (order.status !== OrderStatusEnum.PLACED || state.ledger.dueByOrder.get(order.id) !== 0) continue
      if (!await updateOrderStatus(db, order.id, OrderStatusEnum.PLACED, OrderStatusEnum.PAID, at, null)) continue
      movedOrders.push(order.id)
      // Paid: to the kitchen, its tickets in the payment's transaction.
      await queueTickets(db, { orderId: order.id, kind: 'kitchen', at })
    }
  }
  const paidParts = state.splitParts.filter(part => REFUNDABLE_PAYMENT_STATUSES.includes(part.status as PaymentStatus)).length
  if (check.split_parts !== null && (state.ledger.due === 0 || paidParts >= check.split_parts)) await setSplit(db, check.id, null)
  const owesNothing = state.ledger.due === 0 && state.ledger.total > 0
  const closed = check.payment_mode === 'pay-first' && owesNothing && await closeCheck(db, check.id, at, null, null)
  return { movedOrders, closed }
}
