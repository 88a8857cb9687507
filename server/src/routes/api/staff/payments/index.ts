// /api/staff/payments: payment list and detail, refunds (managers) and re-querying a stuck payment by hand.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ErrorSchema, IdParamsSchema } from '#shared/schemas/common.js'
import {
  CreateRefundSchema, PAYMENT_STATUSES, PaymentSchema, RefundSchema, StaffPaymentDetailSchema, type StaffPaymentDetail,
} from '#shared/schemas/payment.js'
import { paymentEvents } from '../../../../repositories/payment-events.js'
import { getPayment, listPayments, toPayment } from '../../../../repositories/payments.js'
import { refundsOfPayment, toRefund } from '../../../../repositories/refunds.js'
import { NotFoundError } from '../../../../errors.js'
import { localDayFilter } from '../../../../lib/local-day-filter.js'
import { storeOf } from '../../../store-of.js'

const ListQuerySchema = Type.Object({
  status: Type.Optional(Type.Enum(PAYMENT_STATUSES)),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  /** Store-local days (YYYY-MM-DD), inclusive, by when the payment was created; 400 REPORT_DATE_INVALID otherwise. */
  from: Type.Optional(Type.String()),
  to: Type.Optional(Type.String()),
}, { additionalProperties: false })

const staffPayments: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.addHook('preHandler', fastify.requireStaff)

  fastify.get('/', {
    schema: { querystring: ListQuerySchema, response: { 200: Type.Array(PaymentSchema), 400: ErrorSchema, 401: ErrorSchema } },
  }, async (request) => {
    const { db, settings } = storeOf(request)
    const { startUtc, endUtc } = localDayFilter(request.query, settings.timezone)
    return listPayments(db, {
      status: request.query.status,
      ...(startUtc ? { createdFrom: startUtc } : {}),
      ...(endUtc ? { createdBefore: endUtc } : {}),
      limit: request.query.limit ?? 100,
    })
  })

  fastify.get('/:id', {
    schema: { params: IdParamsSchema, response: { 200: StaffPaymentDetailSchema, 401: ErrorSchema, 404: ErrorSchema } },
  }, async (request): Promise<StaffPaymentDetail> => {
    const { db } = storeOf(request)
    const payment = await getPayment(db, request.params.id)
    if (!payment) throw new NotFoundError('Payment')
    const events = await paymentEvents(db, payment.id)
    const refunds = await refundsOfPayment(db, payment.id)
    // Codes and facts only: the console words why a payment or refund failed from its failure code.
    return {
      payment: toPayment(payment),
      refunds: refunds.map(refund => ({ ...toRefund(refund), failureCode: refund.failure_code })),
      events,
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
    const store = storeOf(request)
    const payment = await getPayment(store.db, request.params.id)
    if (!payment) throw new NotFoundError('Payment')
    const refund = await store.refunds.requestRefund(payment.id, request.body.amount, request.body.reason, request.staff?.id ?? null)
    return reply.code(201).send(refund)
  })

  fastify.post('/:id/query', {
    schema: { params: IdParamsSchema, response: { 200: PaymentSchema, 401: ErrorSchema, 404: ErrorSchema } },
  }, async (request) => {
    const store = storeOf(request)
    const payment = await getPayment(store.db, request.params.id)
    if (!payment) throw new NotFoundError('Payment')
    await store.payments.recheck(payment.id)
    return toPayment((await getPayment(store.db, payment.id))!)
  })
}

export default staffPayments
