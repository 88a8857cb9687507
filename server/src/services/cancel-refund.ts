// Cancel and refund in one step (issue 15, PATCH /api/staff/orders/:id with refund:true, managers only). Money
// first: the cancel and a refund row per paid payment (its out_request_no included) commit in one transaction,
// so a crash right after still returns the money — the reconciler sends what was recorded. Alipay is asked
// after the commit; the outcome reaches the console through the payment's events, like any refund.
import { inTransaction } from '../db/transaction.js'
import type { FastifyBaseLogger } from 'fastify'
import type { Db } from '../db/database.js'
import type { EventHub } from '../lib/event-hub.js'
import type { PaymentService } from '../payments/payment-service.js'
import type { RefundService } from '../payments/refund-service.js'
import { crashPoint } from '../lib/crash-points.js'
import { nowIso } from '../lib/tokens.js'
import { CancelReasonRequiredError, InvalidTransitionError, NotFoundError } from '../errors.js'
import { OrderNotPaidError, RefundNotAllowedError } from '../payments/errors.js'
import { findOrderRow, loadOrder, updateOrderStatus } from '../repositories/orders.js'
import { findCheck } from '../repositories/checks.js'
import { paymentSharesOfOrder } from '../repositories/refunds.js'
import { publishCheckChanged } from './check-events.js'
import { queueCancelTickets } from '../printing/cancel-queue.js'
import { StaffEventEnum, TabletEventEnum } from '#shared/schemas/events.js'
import { PaymentModeEnum } from '#shared/schemas/check.js'
import { canTransition, OrderStatusEnum, type Order, type OrderStatus } from '#shared/schemas/order.js'

export interface CancelRefundDeps {
  db: Db
  events: EventHub
  payments: Pick<PaymentService, 'abandonOpenPayments'>
  refunds: Pick<RefundService, 'record' | 'execute'>
  log: FastifyBaseLogger
}

export interface CancelRefundRequest {
  reason: string
  staffId: string | null
}

export async function cancelAndRefund (deps: CancelRefundDeps, orderId: string, request: CancelRefundRequest): Promise<Order> {
  const reason = request.reason.trim()
  if (!reason) throw new CancelReasonRequiredError()
  const committed = await inTransaction(deps.db, async (trx) => {
    const row = await findOrderRow(trx, orderId)
    if (!row) throw new NotFoundError('Order')
    const from = row.status as OrderStatus
    const check = row.check_id ? await findCheck(trx, row.check_id) : undefined
    if (!canTransition(from, OrderStatusEnum.CANCELLED, { tab: check?.payment_mode === PaymentModeEnum.TAB })) {
      throw new InvalidTransitionError(from, OrderStatusEnum.CANCELLED)
    }
    // What is still refundable of each payment that took money for this order, never more than its share.
    const shares = await paymentSharesOfOrder(trx, orderId)
    // A refund already taken from a check payment that paid for other orders too may have been this order's
    // share: refunding min(share, left) again could pay it back twice. Staff refund it by hand from Payments.
    if (shares.some(share => share.sharedAndRefunded)) {
      throw new RefundNotAllowedError('A check payment that paid for this order and others was already partly refunded: refund what is left of this order by hand from Payments, then cancel it without a refund')
    }
    const owed = shares
      .map(share => ({ paymentId: share.paymentId, amount: Math.min(share.share, share.left) }))
      .filter(refund => refund.amount > 0)
    if (owed.length === 0) throw new OrderNotPaidError()
    const at = nowIso()
    if (!(await updateOrderStatus(trx, orderId, from, OrderStatusEnum.CANCELLED, at, reason))) {
      throw new InvalidTransitionError(from, OrderStatusEnum.CANCELLED)
    }
    // The kitchens that were given its ticket are told in the same commit as the money.
    await queueCancelTickets(trx, { orderId, at, staffId: request.staffId })
    const refundIds: string[] = []
    for (const refund of owed) {
      refundIds.push(await deps.refunds.record(trx, { ...refund, reason, staffId: request.staffId, source: 'staff' }))
    }
    return { refundIds, from, checkId: row.check_id }
  })
  crashPoint('after-cancel-refund-commit')
  deps.log.info({ orderId, refundIds: committed.refundIds, staffId: request.staffId }, 'order cancelled with its refund')
  if (committed.from === OrderStatusEnum.PLACED) await deps.payments.abandonOpenPayments(orderId)
  const order = await loadOrder(deps.db, orderId)
  if (!order) throw new NotFoundError('Order')
  deps.events.toTablets({ kind: 'table', tableId: order.tableId }, TabletEventEnum.ORDER_UPDATED, order)
  deps.events.toStaff(StaffEventEnum.ORDER_UPDATED, order)
  if (committed.checkId) publishCheckChanged(deps.events, order.tableId, committed.checkId)
  for (const refundId of committed.refundIds) {
    // One attempt now; whatever it meets (Alipay down, an unknown answer), the reconciler carries on from the row.
    await deps.refunds.execute(refundId, 'staff').catch((error: unknown) => deps.log.error({ err: error, refundId }, 'sending a refund failed; the reconciler retries it'))
  }
  // Read again: the attempt may have moved the payments (refunded) that the order shows.
  return (await loadOrder(deps.db, orderId)) ?? order
}
