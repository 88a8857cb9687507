// Payment errors a tablet or the console branches on.
import createError from '@fastify/error'

export const OrderNotPayableError = createError('ORDER_NOT_PAYABLE', 'This order cannot be paid now (it is %s)', 409)
export const PaymentGatewayUnavailableError = createError('PAYMENT_UNAVAILABLE', 'Alipay cannot be reached right now; please try again', 503)
export const RefundNotAllowedError = createError('REFUND_NOT_ALLOWED', '%s', 409)
export const RefundTooLargeError = createError('REFUND_TOO_LARGE', 'At most %s can still be refunded', 422)
