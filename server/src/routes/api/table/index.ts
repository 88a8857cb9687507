// /api/table/check: the table's check for its tablet or a diner's phone, and paying it (all, mine, an even part).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { errorResponses } from '../../../lib/route-schemas.js'
import { checkView, payCheck, visibleCheck } from '../../../services/checks.js'
import { CheckSchema, CreateCheckPaymentSchema } from '#shared/schemas/check.js'
import { PaymentSchema } from '#shared/schemas/payment.js'
import { storeOf } from '../../store-of.js'

const table: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.addHook('preHandler', fastify.requireTableSession)

  fastify.get('/check', {
    schema: { response: { 200: CheckSchema, ...errorResponses(401, 403, 404) } },
  }, async (request) => {
    const session = request.tableSession!
    // 404 CHECK_NOT_FOUND: nothing ordered at the table yet (or not a check this phone may see).
    const { db, settings } = storeOf(request)
    return checkView(db, await visibleCheck(db, session), session, settings.currency)
  })

  fastify.post('/check/payments', {
    // No compression: a payment answer is small and the phone waits on it.
    compress: false,
    schema: {
      body: CreateCheckPaymentSchema,
      // 201 a new trade (qrCode for alipay_qr, tradeNo for alipay_jsapi); 409 CHECK_OVERPAY / NOTHING_DUE /
      // SPLIT_IN_PROGRESS before any trade exists; 422 JSAPI_NEEDS_DINER; 503 PAYMENT_UNAVAILABLE.
      response: { 201: PaymentSchema, ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422, 503) },
    },
  }, async (request, reply) => {
    const payment = await payCheck(storeOf(request), request.tableSession!, request.body)
    return reply.code(201).send(payment)
  })
}

export default table
