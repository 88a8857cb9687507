// Payment errors a tablet or the console branches on.
import createError from '@fastify/error'
import { ErrorCodeEnum } from '#shared/error-codes.js'

export const OrderNotPayableError = createError(ErrorCodeEnum.ORDER_NOT_PAYABLE, 'This order cannot be paid now (it is %s)', 409)
export const OrderNeedsNoPaymentError = createError(ErrorCodeEnum.ORDER_NEEDS_NO_PAYMENT, 'This order comes to 0: there is nothing to pay', 409)
export const PaymentGatewayUnavailableError = createError(ErrorCodeEnum.PAYMENT_UNAVAILABLE, 'Alipay cannot be reached right now; please try again', 503)
export const RefundNotAllowedError = createError(ErrorCodeEnum.REFUND_NOT_ALLOWED, '%s', 409)
export const RefundTooLargeError = createError(ErrorCodeEnum.REFUND_TOO_LARGE, 'At most %s can still be refunded', 422)
