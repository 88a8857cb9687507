// /api/staff/payments: payment list and detail, refunds (managers) and re-querying a stuck payment by hand.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ErrorSchema, IdParamsSchema } from '../../../../../../shared/src/schemas/common.js'
import {
  CreateRefundSchema, PAYMENT_STATUSES, PaymentSchema, RefundSchema, StaffPaymentDetailSchema, type StaffPaymentDetail,
} from '../../../../../../shared/src/schemas/payment.js'
import { getPayment, refundsOfPayment, toPayment, toRefund } from '../../../../payments/payments-repository.js'
import { explainFailure } from '../../../../payments/staff-explanations.js'
import { NotFoundError } from '../../../../errors.js'

const ListQuerySchema = Type.Object({
  status: Type.Optional(Type.Enum(PAYMENT_STATUSES)),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
}, { additionalProperties: false })

const staffPayments: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.addHook('preHandler', fastify.requireStaff)

  fastify.get('/', {
    schema: { querystring: ListQuerySchema, response: { 200: Type.Array(PaymentSchema), 401: ErrorSchema } },
  }, async (request) => {
    let query = fastify.db.selectFrom('payments').selectAll().orderBy('created_at', 'desc').limit(request.query.limit ?? 100)
    if (request.query.status) query = query.where('status', '=', request.query.status)
    return (await query.execute()).map(toPayment)
  })

  fastify.get('/:id', {
    schema: { params: IdParamsSchema, response: { 200: StaffPaymentDetailSchema, 401: ErrorSchema, 404: ErrorSchema } },
  }, async (request): Promise<StaffPaymentDetail> => {
    const payment = await getPayment(fastify.db, request.params.id)
    if (!payment) throw new NotFoundError('Payment')
    const events = await fastify.db.selectFrom('payment_events').selectAll().where('payment_id', '=', payment.id).orderBy('id').execute()
    const refunds = await refundsOfPayment(fastify.db, payment.id)
    return {
      payment: toPayment(payment),
      // Plain words for the cashier; the raw code stays in payment.failureCode and the events.
      ...(payment.failure_code ? { failureMessage: explainFailure(payment.failure_code) } : {}),
      refunds: refunds.map(refund => ({
        ...toRefund(refund),
        ...(refund.failure_code ? { failureMessage: explainFailure(refund.failure_code) } : {}),
      })),
      events: events.map(event => ({ at: event.at, source: event.source, kind: event.kind, detail: JSON.parse(event.detail) as Record<string, unknown> })),
    }
  })

  fastify.post('/:id/refunds', {
    preHandler: fastify.requireManager,
    schema: {
      params: IdParamsSchema,
      body: CreateRefundSchema,
      response: { 201: RefundSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema },
    },
  }, async (request, reply) => {
    const payment = await getPayment(fastify.db, request.params.id)
    if (!payment) throw new NotFoundError('Payment')
    const refund = await fastify.refunds.requestRefund(payment.id, request.body.amount, request.body.reason, request.staff?.id ?? null)
    return reply.code(201).send(refund)
  })

  fastify.post('/:id/query', {
    schema: { params: IdParamsSchema, response: { 200: PaymentSchema, 401: ErrorSchema, 404: ErrorSchema } },
  }, async (request) => {
    const payment = await getPayment(fastify.db, request.params.id)
    if (!payment) throw new NotFoundError('Payment')
    await fastify.payments.recheck(payment.id)
    return toPayment((await getPayment(fastify.db, payment.id))!)
  })
}

export default staffPayments
