// POST /api/orders/:id/payments: start (or resume) paying an order of this tablet's table.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorSchema, IdParamsSchema } from '#shared/schemas/common.js'
import { CreatePaymentSchema, PaymentSchema } from '#shared/schemas/payment.js'
import { findOrderRow } from '../../../repositories/orders.js'
import { BadRequestError, NotFoundError } from '../../../errors.js'
import { storeOf } from '../../store-of.js'

const orderPayments: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.post('/:id/payments', {
    preHandler: fastify.requirePairedDevice,
    schema: {
      params: IdParamsSchema,
      body: CreatePaymentSchema,
      response: { 200: PaymentSchema, 201: PaymentSchema, 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema, 503: ErrorSchema },
    },
  }, async (request, reply) => {
    const store = storeOf(request)
    const order = await findOrderRow(store.db, request.params.id)
    if (!order || order.table_id !== request.device?.table_id) throw new NotFoundError('Order')
    // The tablet pays by QR; paying inside the Alipay app is the diner's phone's method.
    if (request.body.method !== 'alipay_qr') throw new BadRequestError('A table tablet pays with method alipay_qr')
    const { payment, created } = await store.payments.startQrPayment(order)
    return reply.code(created ? 201 : 200).send(payment)
  })
}

export default orderPayments
