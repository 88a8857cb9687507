// Orphaned unpaid orders (issue 15): in pay-first, an order whose payment ran out or was cancelled and that
// nobody paid for within UNPAID_ORDER_TTL_S — or that a tablet left behind at its idle reset — is cancelled by
// the server (reason payment_abandoned) and leaves the board. A payment that still arrives for it later follows
// the late-payment rules (markPaid: refunded, staff alerted).
import { inTransaction } from '../db/transaction.js'
import type { FastifyBaseLogger } from 'fastify'
import type { Db } from '../db/database.js'
import type { EventHub } from '../lib/event-hub.js'
import type { PaymentService } from '../payments/payment-service.js'
import { nowIso } from '../lib/tokens.js'
import { ConflictError, InvalidTransitionError, NotFoundError } from '../errors.js'
import { cancelIfUnpaid } from '../repositories/unpaid-orders.js'
import { findOrderRow, loadOrder } from '../repositories/orders.js'
import { findCheck } from '../repositories/checks.js'
import { publishCheckChanged } from './check-events.js'
import { queueCancelTickets } from '../printing/cancel-queue.js'
import { StaffEventEnum, TabletEventEnum } from '#shared/schemas/events.js'
import { PaymentModeEnum } from '#shared/schemas/check.js'
import { CancelReasonEnum, OrderStatusEnum, type Order, type OrderStatus } from '#shared/schemas/order.js'

export interface UnpaidOrderDeps {
  db: Db
  events: EventHub
  payments: Pick<PaymentService, 'abandonOpenPayments'>
  log: Pick<FastifyBaseLogger, 'error'>
}

/**
 * Cancels the order as abandoned if it is still unpaid with nobody paying (and no payment ended after
 * `endedBefore`); tells its table and staff like any cancel. Null when it was not cancelled.
 */
export async function cancelAbandonedOrder (deps: UnpaidOrderDeps, orderId: string, endedBefore: string | null): Promise<Order | null> {
  const row = await findOrderRow(deps.db, orderId)
  if (!row) return null
  const at = nowIso()
  const cancelled = await inTransaction(deps.db, async (trx) => {
    if (!await cancelIfUnpaid(trx, orderId, { at, reason: CancelReasonEnum.PAYMENT_ABANDONED, endedBefore })) return false
    // An unpaid order never reached the kitchen, so this is nothing — unless staff printed its ticket by hand.
    await queueCancelTickets(trx, { orderId, at })
    return true
  })
  if (!cancelled) return null
  // A QR asked for in the very instant after the cancel must not stay payable (as when staff cancel). The cancel is
  // committed: a failure here must not keep it from the screens (the reconciler settles that QR in its own time).
  await deps.payments.abandonOpenPayments(orderId)
    .catch((error: unknown) => { deps.log.error({ err: error, orderId }, 'settling open payments of an abandoned order failed') })
  const order = await loadOrder(deps.db, orderId)
  if (!order) return null
  deps.events.toTablets({ kind: 'table', tableId: order.tableId }, TabletEventEnum.ORDER_UPDATED, order)
  deps.events.toStaff(StaffEventEnum.ORDER_UPDATED, order)
  if (row.check_id) publishCheckChanged(deps.events, order.tableId, row.check_id)
  return order
}

/**
 * The tablet's idle reset left this order behind (POST /api/orders/:id/abandon, by the tablet that placed it):
 * a QR still open is cancelled first (one that turns out paid makes the order paid: 409 INVALID_TRANSITION; one
 * Alipay cannot answer for: 409 CONFLICT), then the order is cancelled at once. Already cancelled: answered as it
 * is (a retried call).
 */
export async function abandonOrderOfDevice (deps: UnpaidOrderDeps, orderId: string, deviceId: string): Promise<Order> {
  const row = await findOrderRow(deps.db, orderId)
  // Another tablet's order is answered like a missing one.
  if (!row || row.device_id !== deviceId) throw new NotFoundError('Order')
  if (row.status === OrderStatusEnum.CANCELLED) return (await loadOrder(deps.db, orderId))!
  if (row.status !== OrderStatusEnum.PLACED) throw new InvalidTransitionError(row.status, OrderStatusEnum.CANCELLED)
  const check = row.check_id ? await findCheck(deps.db, row.check_id) : undefined
  // On a tab the order is the kitchen's already and is paid with the check: the diner leaving changes nothing.
  if (check?.payment_mode === PaymentModeEnum.TAB) throw new InvalidTransitionError(row.status, OrderStatusEnum.CANCELLED)
  await deps.payments.abandonOpenPayments(orderId)
  const order = await cancelAbandonedOrder(deps, orderId, null)
  if (order) return order
  const now = await findOrderRow(deps.db, orderId)
  if (now?.status === OrderStatusEnum.CANCELLED) return (await loadOrder(deps.db, orderId))!
  // Alipay could not say whether the QR was paid: the order waits for the answer (the sweep cancels it if unpaid).
  // Or a paid check payment covers part of it (a split): that money is not to be kept by a cancel.
  if (now?.status === OrderStatusEnum.PLACED) throw new ConflictError('A payment of this order is still being settled with Alipay, or part of it is paid')
  throw new InvalidTransitionError((now?.status ?? row.status) as OrderStatus, OrderStatusEnum.CANCELLED)
}
