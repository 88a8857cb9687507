// /api/staff/settings: the restaurant's payment mode (PAYMENT_MODE is the default; a manager's choice wins).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { errorResponses } from '../../../../lib/route-schemas.js'
import { choosePaymentMode, currentPaymentMode } from '../../../../services/payment-mode.js'
import { PaymentModeSettingSchema } from '#shared/schemas/check.js'
import { storeOf } from '../../../store-of.js'

const settings: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get('/payment-mode', {
    preHandler: fastify.requireStaff,
    schema: { response: { 200: PaymentModeSettingSchema, ...errorResponses(401) } },
  }, async (request) => {
    const { db, settings } = storeOf(request)
    return { mode: await currentPaymentMode(db, settings.paymentMode) }
  })

  fastify.put('/payment-mode', {
    preHandler: fastify.requireManager,
    schema: {
      body: PaymentModeSettingSchema,
      // Checks already open keep the mode they were opened in; the next check opens in this one.
      response: { 200: PaymentModeSettingSchema, ...errorResponses(400, 401, 403, 413, 415) },
    },
  }, async (request) => {
    await choosePaymentMode(storeOf(request).db, request.body.mode)
    request.log.info({ mode: request.body.mode, staffId: request.staff?.id }, 'payment mode changed')
    return { mode: request.body.mode }
  })
}

export default settings
