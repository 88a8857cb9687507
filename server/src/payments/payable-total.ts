// Whether an order's total can go to Alipay at all; checked before any payment row is written.
import { OrderTotalTooLargeError } from '../errors.js'
import { formatMoney } from '#shared/money.js'
import { isWithinOrderLimit, MAX_ORDER_TOTAL, needsNoPayment } from '#shared/pricing.js'
import { OrderNeedsNoPaymentError } from './errors.js'

/**
 * Alipay takes total_amount in [0.01, 100000000.00] (and payments.amount must be > 0): a free order
 * needs no trade, and a total past the maximum (an order stored before the limit) gets a 4xx, not a
 * RangeError from the gateway after the payment row already exists.
 */
export function assertPayableTotal (order: { total: number, currency: string }): void {
  if (needsNoPayment(order)) throw new OrderNeedsNoPaymentError()
  if (!isWithinOrderLimit(order.total)) throw new OrderTotalTooLargeError(formatMoney(MAX_ORDER_TOTAL, order.currency, 'en'))
}
