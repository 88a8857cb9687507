// POST /api/orders/:id/abandon: the tablet's idle reset leaves an unpaid pay-first order behind — cancel it now
// (reason payment_abandoned) instead of leaving it "Not paid" on the board until the sweep finds it.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { errorResponses } from '../../../lib/route-schemas.js'
import { abandonOrderOfDevice } from '../../../services/unpaid-orders.js'
import { storeOf } from '../../store-of.js'
import { IdParamsSchema } from '#shared/schemas/common.js'
import { OrderSchema } from '#shared/schemas/order.js'

const abandonOrder: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.post('/:id/abandon', {
    preHandler: fastify.requirePairedDevice,
    schema: {
      params: IdParamsSchema,
      // 200: the order, cancelled (also when it already was); 409 INVALID_TRANSITION: paid meanwhile, or on a tab;
      // 409 CONFLICT: its QR's outcome is unknown (Alipay unreachable), so it stays until that is settled, or a paid
      // check payment covers part of it (a split) — staff settle that.
      response: { 200: OrderSchema, ...errorResponses(400, 401, 403, 404, 409, 415) },
    },
  }, async (request) => {
    const { db, events, payments } = storeOf(request)
    return abandonOrderOfDevice({ db, events, payments, log: request.log }, request.params.id, request.device!.id)
  })
}

export default abandonOrder
