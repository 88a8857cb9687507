// Pay-first orders nobody is paying for (issue 15): found for the sweep, and cancelled only while that is
// still true — one statement, so a payment started in between wins over the cancel.
import type { ExpressionBuilder } from 'kysely'
import type { Db } from '../db/database.js'
import type { Database } from '../db/schema.js'
import { PaymentModeEnum } from '#shared/schemas/check.js'
import { OPEN_PAYMENT_STATUSES, OrderStatusEnum, REFUNDABLE_PAYMENT_STATUSES } from '#shared/statuses.js'

type OrdersScope = ExpressionBuilder<Database, 'orders'>

/**
 * The order is `placed`, in a pay-first check (or one from before checks), and no payment of it or of its check
 * is open — nor, with `endedBefore`, ended after that instant (a diner who just tried again is left alone).
 * A check payment counts too: in pay-first a phone diner may be paying the check the order is on.
 * Nor may a paid check payment cover part of it (an even split, some shares paid): cancelling would keep that money.
 */
function unpaidAndIdle (eb: OrdersScope, endedBefore: string | null) {
  const busy = (column: 'order_id' | 'check_id', ref: 'orders.id' | 'orders.check_id') => eb.exists(
    eb.selectFrom('payments').select('payments.id').whereRef(`payments.${column}`, '=', ref)
      .where(inner => endedBefore === null
        ? inner('payments.status', 'in', OPEN_PAYMENT_STATUSES)
        : inner.or([inner('payments.status', 'in', OPEN_PAYMENT_STATUSES), inner('payments.updated_at', '>', endedBefore)])),
  )
  return eb.and([
    eb('orders.status', '=', OrderStatusEnum.PLACED),
    eb.or([
      eb('orders.check_id', 'is', null),
      eb.exists(eb.selectFrom('checks').select('checks.id').whereRef('checks.id', '=', 'orders.check_id')
        .where('checks.payment_mode', '=', PaymentModeEnum.PAY_FIRST)),
    ]),
    eb.not(busy('order_id', 'orders.id')),
    eb.not(busy('check_id', 'orders.check_id')),
    eb.not(eb.exists(eb.selectFrom('payment_orders').innerJoin('payments', 'payments.id', 'payment_orders.payment_id')
      .select('payments.id').whereRef('payment_orders.order_id', '=', 'orders.id')
      .where('payments.status', 'in', REFUNDABLE_PAYMENT_STATUSES).where('payment_orders.amount', '>', 0))),
  ])
}

/**
 * Orders placed at or before `cutoff` (ISO) that nobody has tried to pay since: the oldest first. Found through
 * orders_status_created (placed orders are few), each payment check through payments_order_id / _check_id.
 */
export async function abandonedOrderIds (db: Db, cutoff: string, limit: number): Promise<string[]> {
  const rows = await db.selectFrom('orders').select('orders.id')
    .where('orders.status', '=', OrderStatusEnum.PLACED)
    .where('orders.created_at', '<=', cutoff)
    .where(eb => unpaidAndIdle(eb, cutoff))
    .orderBy('orders.created_at').limit(limit).execute()
  return rows.map(row => row.id)
}

/**
 * Cancels the order with `reason` if it is still unpaid with no payment open (and none ended after
 * `endedBefore`, when given). False when it was not: paid, cancelled, in a tab, or someone is paying.
 */
export async function cancelIfUnpaid (db: Db, id: string, input: { at: string, reason: string, endedBefore: string | null }): Promise<boolean> {
  const result = await db.updateTable('orders')
    .set({ status: OrderStatusEnum.CANCELLED, cancel_reason: input.reason, updated_at: input.at })
    .where('orders.id', '=', id)
    .where(eb => unpaidAndIdle(eb, input.endedBefore))
    .executeTakeFirst()
  return result.numUpdatedRows > 0n
}
