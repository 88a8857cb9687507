// Payment errors a tablet or the console branches on.
import createError from '@fastify/error'
import { ErrorCodeEnum } from '#shared/error-codes.js'

export const OrderNotPayableError = createError(ErrorCodeEnum.ORDER_NOT_PAYABLE, 'This order cannot be paid now (it is %s)', 409)
export const OrderNeedsNoPaymentError = createError(ErrorCodeEnum.ORDER_NEEDS_NO_PAYMENT, 'This order comes to 0: there is nothing to pay', 409)
export const PaymentGatewayUnavailableError = createError(ErrorCodeEnum.PAYMENT_UNAVAILABLE, 'Alipay cannot be reached right now; please try again', 503)
export const RefundNotAllowedError = createError(ErrorCodeEnum.REFUND_NOT_ALLOWED, '%s', 409)
export const RefundTooLargeError = createError(ErrorCodeEnum.REFUND_TOO_LARGE, 'At most %s can still be refunded', 422)
export const CheckNotFoundError = createError(ErrorCodeEnum.CHECK_NOT_FOUND, 'Nothing has been ordered at this table yet', 404)
export const CheckOverpayError = createError(ErrorCodeEnum.CHECK_OVERPAY, 'This payment (%s) is more than the check still owes once open payments end (%s)', 409)
export const NothingDueError = createError(ErrorCodeEnum.NOTHING_DUE, 'There is nothing to pay for this: %s', 409)
export const SplitInProgressError = createError(ErrorCodeEnum.SPLIT_IN_PROGRESS, 'An even split in %s parts is running: pay one of its parts', 409)
export const JsapiNeedsDinerError = createError(ErrorCodeEnum.JSAPI_NEEDS_DINER, 'alipay_jsapi is paid inside the Alipay app by a diner: a tablet pays with alipay_qr', 422)
export const CheckNotSettledError = createError(ErrorCodeEnum.CHECK_NOT_SETTLED, 'The check still owes %s: say why it is closed anyway (reason)', 409)
export const OrderNotPaidError = createError(ErrorCodeEnum.ORDER_NOT_PAID, 'This order has nothing paid through Alipay left to refund: cancel it without a refund', 409)
