// POST /api/orders/:id/payments: start (or resume) paying an order of this tablet's table.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorSchema, IdParamsSchema } from '../../../../../shared/src/schemas/common.js'
import { CreatePaymentSchema, PaymentSchema } from '../../../../../shared/src/schemas/payment.js'
import { BadRequestError, NotFoundError } from '../../../errors.js'

const orderPayments: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.post('/:id/payments', {
    preHandler: fastify.requirePairedDevice,
    schema: {
      params: IdParamsSchema,
      body: CreatePaymentSchema,
      response: { 200: PaymentSchema, 201: PaymentSchema, 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 503: ErrorSchema },
    },
  }, async (request, reply) => {
    const order = await fastify.db.selectFrom('orders').select(['id', 'table_id']).where('id', '=', request.params.id).executeTakeFirst()
    if (!order || order.table_id !== request.device?.table_id) throw new NotFoundError('Order')
    // The tablet pays by QR; paying inside the Alipay app is the diner's phone's method.
    if (request.body.method !== 'alipay_qr') throw new BadRequestError('A table tablet pays with method alipay_qr')
    const before = await fastify.db.selectFrom('payments').select('id').where('order_id', '=', order.id).execute()
    const payment = await fastify.payments.startQrPayment(order.id)
    const reused = before.some(row => row.id === payment.id)
    return reply.code(reused ? 200 : 201).send(payment)
  })
}

export default orderPayments
