// Placing orders (priced by the shared code, idempotent per tablet) and moving them along the kitchen flow.
import type { EventHub } from '../lib/event-hub.js'
import type { PaymentService } from '../payments/payment-service.js'
import type { Db } from '../db/database.js'
import { isUniqueViolation } from '../db/unique-violation.js'
import { canonicalJson } from '../lib/canonical-json.js'
import { newId, nowIso, sha256 } from '../lib/tokens.js'
import { CancelReasonRequiredError, InvalidTransitionError, NotFoundError, OrderIdReusedError, OrderRejectedError, OrderTotalTooLargeError } from '../errors.js'
import { loadItemsById } from '../repositories/menu.js'
import { findOrderByClientId, findOrderRow, insertOrder, loadOrder, nextOrderNumber, toOrder, updateOrderStatus, type StoredOrder } from '../repositories/orders.js'
import { findCheck, joinCheck, openCheckFor } from '../repositories/checks.js'
import { currentPaymentMode } from './payment-mode.js'
import { publishCheckChanged } from './check-events.js'
import { queueTicketsOnPaid, queueTicketsOnPlaced } from '../printing/kitchen-queue.js'
import { queueCancelTickets } from '../printing/cancel-queue.js'
import { formatMoney } from '#shared/money.js'
import { isWithinOrderLimit, MAX_ORDER_TOTAL, needsNoPayment, priceLine, priceOrder, type PricingProblem } from '#shared/pricing.js'
import type { MenuItem } from '#shared/schemas/menu.js'
import { StaffEventEnum, TabletEventEnum } from '#shared/schemas/events.js'
import { canTransition, OrderStatusEnum, type CreateOrder, type Order, type OrderStatus } from '#shared/schemas/order.js'
import { PaymentModeEnum, type PaymentMode } from '#shared/schemas/check.js'

/** What the order services use: a store's context provides each under the same name. */
export interface OrderServiceDeps {
  db: Db
  /** The database's shared commit group (on the store's handle): orders placed together (and other writes) commit once. */
  commits: { run<T>(work: (trx: Db) => Promise<T>): Promise<T> }
  events: EventHub
  /** The store's currency, and its default payment mode (a manager's choice in its settings wins). */
  settings: { currency: string, paymentMode: PaymentMode }
  /** Open QR payments of an order paid at the counter or cancelled are abandoned. */
  payments: Pick<PaymentService, 'abandonOpenPayments'>
}

/** Who places the order: the table's tablet, or a diner's phone (the order is attributed to the diner). */
export type OrderPlacer = {
  tableId: string
  /** The table's label as read with the session, for the order handed back without reading it again. */
  tableLabel: string
} & ({ deviceId: string, dinerId: null } | { dinerId: string, deviceId: null })

export interface PlacedOrder {
  order: Order
  /** False when this was a repeat of an order already placed (the outbox retrying). */
  created: boolean
}

/** A pricing problem with the index of the line it is about, so the tablet can point at it. */
export type LineProblem = PricingProblem & { line: number }

/**
 * SHA-256 of the request as the diner meant it: key order and the order of chosen options do not
 * matter; the order of lines, quantities and notes do.
 */
export function orderRequestHash (body: CreateOrder): string {
  const normal = { ...body, lines: body.lines.map(line => ({ ...line, optionIds: [...line.optionIds].sort() })) }
  return sha256(canonicalJson(normal))
}

function cleanNote (note: string | undefined): string | null {
  const trimmed = note?.trim()
  return trimmed ? trimmed : null
}

const PROBLEM_TEXT: Readonly<Record<PricingProblem['code'], string>> = {
  ITEM_NOT_FOUND: 'is not on the menu',
  ITEM_UNAVAILABLE: 'is sold out',
  OPTION_NOT_FOUND: 'has an option that does not belong to it',
  OPTION_UNAVAILABLE: 'has an option that is sold out',
  OPTION_TOO_FEW: 'needs more options chosen',
  OPTION_TOO_MANY: 'has too many options chosen',
}

/** Every line that cannot be ordered, numbered; only computed when pricing already failed. */
function lineProblems (items: ReadonlyMap<string, MenuItem>, body: CreateOrder): LineProblem[] {
  return body.lines.flatMap((line, index) => {
    const result = priceLine(items.get(line.itemId), line)
    return result.ok ? [] : [{ ...result.problem, line: index }]
  })
}

function rejection (problems: LineProblem[]): OrderRejectedError {
  const first = problems[0]!
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more line${problems.length > 2 ? 's' : ''})` : ''
  return new OrderRejectedError(first.code, `Line ${first.line + 1}: ${first.itemId} ${PROBLEM_TEXT[first.code]}${more}`, { problems })
}

/** The earlier order with this clientOrderId, if the body is the same; 409 if it is not. */
async function repeated (db: Db, placer: OrderPlacer, body: CreateOrder, hash: string): Promise<string | null> {
  const existing = await findOrderByClientId(db, placer.dinerId !== null ? { dinerId: placer.dinerId } : { deviceId: placer.deviceId }, body.clientOrderId)
  if (!existing) return null
  if (existing.request_hash !== hash) throw new OrderIdReusedError()
  return existing.id
}

/**
 * Prices and stores an order. The repeat check comes before pricing: a retry of an order that was
 * accepted must still get it back after the dish sold out in between.
 */
export async function placeOrder (deps: OrderServiceDeps, placer: OrderPlacer, body: CreateOrder): Promise<PlacedOrder> {
  const hash = orderRequestHash(body)
  let outcome: { id: string, stored?: StoredOrder, dinerJoined?: boolean }
  try {
    // In the shared group each order is a savepoint after the ones queued before it, so a repeat in the
    // same batch finds the first one here; events go out only once the commit holding the order resolves.
    outcome = await deps.commits.run(async trx => {
      const earlier = await repeated(trx, placer, body, hash)
      if (earlier) return { id: earlier }
      const items = await loadItemsById(trx, body.lines.map(line => line.itemId))
      const priced = priceOrder(items, body.lines)
      if (!priced.ok) throw rejection(lineProblems(items, body))
      // Refused before anything is stored: such an order could never be paid.
      if (!isWithinOrderLimit(priced.totals.total)) throw new OrderTotalTooLargeError(formatMoney(MAX_ORDER_TOTAL, deps.settings.currency, 'en'))
      const id = newId('ord')
      const createdAt = nowIso()
      // The order joins the table's open check (or opens it) in its own transaction: never an order without one.
      // The payment mode is read only when a check opens: an open check keeps the mode it was opened in.
      const check = await openCheckFor(trx, placer.tableId, () => currentPaymentMode(trx, deps.settings.paymentMode), createdAt)
      const joined = placer.dinerId !== null ? await joinCheck(trx, check.id, placer.dinerId, createdAt) : null
      const stored = await insertOrder(trx, {
        id,
        number: await nextOrderNumber(trx),
        clientOrderId: body.clientOrderId,
        requestHash: hash,
        deviceId: placer.deviceId,
        tableId: placer.tableId,
        checkId: check.id,
        dinerId: placer.dinerId,
        // Pay-first: an order of free dishes has nothing to pay, so it goes to the kitchen as paid.
        status: needsNoPayment(priced.totals) ? OrderStatusEnum.PAID : OrderStatusEnum.PLACED,
        // Sold now in pay-first; on a tab, when the check is settled (markCheckOrdersSold).
        paidAt: needsNoPayment(priced.totals) && check.payment_mode !== PaymentModeEnum.TAB ? createdAt : null,
        subtotal: priced.totals.subtotal,
        total: priced.totals.total,
        currency: deps.settings.currency,
        note: cleanNote(body.note),
        createdAt,
        lines: priced.lines.map((line, index) => ({ ...line, note: cleanNote(body.lines[index]!.note), dinerId: placer.dinerId })),
      })
      // To the kitchen now on a tab, or with nothing to pay: its tickets commit with it.
      await queueTicketsOnPlaced(trx, id, stored.row.status === OrderStatusEnum.PAID || check.payment_mode === PaymentModeEnum.TAB, createdAt)
      return { id, stored, dinerJoined: joined?.joined ?? false }
    })
  } catch (error) {
    // Another request with the same clientOrderId committed first (possible on PostgreSQL, where
    // transactions run side by side): answer with its order, or 409 if the bodies differ.
    if (!isUniqueViolation(error, 'client_order_id')) throw error
    const earlier = await repeated(deps.db, placer, body, hash)
    if (!earlier) throw error
    outcome = { id: earlier }
  }
  if (!outcome.stored) {
    // A repeat: the order may have moved on (paid, served) since, so it is read as it is now.
    const order = await loadOrder(deps.db, outcome.id)
    if (!order) throw new Error(`order ${outcome.id} vanished after it was stored`)
    return { order, created: false }
  }
  // Just written, so what was written is what a read would give; a new order has no payments yet.
  const order = toOrder(outcome.stored.row, placer.tableLabel, outcome.stored.lines, [])
  deps.events.toStaff(StaffEventEnum.ORDER_CREATED, order)
  deps.events.toTablets({ kind: 'table', tableId: order.tableId }, TabletEventEnum.ORDER_UPDATED, order)
  publishCheckChanged(deps.events, order.tableId, outcome.stored.row.check_id!)
  return { order, created: true }
}

export interface StatusChange {
  status: OrderStatus
  reason?: string
}

/** Staff move an order along ORDER_TRANSITIONS; the table and every staff screen hear about it. */
export async function changeOrderStatus (deps: OrderServiceDeps, id: string, change: StatusChange): Promise<Order> {
  const row = await findOrderRow(deps.db, id)
  if (!row) throw new NotFoundError('Order')
  const from = row.status as OrderStatus
  const check = row.check_id ? await findCheck(deps.db, row.check_id) : undefined
  if (!canTransition(from, change.status, { tab: check?.payment_mode === PaymentModeEnum.TAB })) throw new InvalidTransitionError(from, change.status)
  const cancelling = change.status === OrderStatusEnum.CANCELLED
  const reason = change.reason?.trim() ?? ''
  if (cancelling && !reason) throw new CancelReasonRequiredError()
  const at = nowIso()
  const moved = await deps.commits.run(async trx => {
    const done = await updateOrderStatus(trx, id, from, change.status, at, cancelling ? reason : null)
    // Paid at the counter: the order goes to the kitchen, its tickets in the same commit.
    if (done && change.status === OrderStatusEnum.PAID) await queueTicketsOnPaid(trx, id, row.check_id, at)
    // Cancelled: every kitchen that was given its ticket is told, in the same commit.
    if (done && cancelling) await queueCancelTickets(trx, { orderId: id, at })
    return done
  })
  if (!moved) {
    // Someone else changed it between our read and our update: judge the request against the new status.
    const now = await findOrderRow(deps.db, id)
    throw new InvalidTransitionError(now?.status ?? from, change.status)
  }
  // Paid at the counter or cancelled: the QR still showing on the tablet must not take money too (in tab
  // mode an order also leaves `placed` for the kitchen: its check is still paid at the end).
  if (from === OrderStatusEnum.PLACED && change.status !== OrderStatusEnum.PREPARING) await deps.payments.abandonOpenPayments(id)
  const order = await loadOrder(deps.db, id)
  if (!order) throw new NotFoundError('Order')
  deps.events.toTablets({ kind: 'table', tableId: order.tableId }, TabletEventEnum.ORDER_UPDATED, order)
  deps.events.toStaff(StaffEventEnum.ORDER_UPDATED, order)
  if (row.check_id) publishCheckChanged(deps.events, order.tableId, row.check_id)
  return order
}
