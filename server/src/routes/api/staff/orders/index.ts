// /api/staff/orders: the order list for the floor and kitchen (with search by number, table or dish, and by
// day), and moving orders along their flow — cancelling with a refund in one step for managers.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { errorResponses } from '../../../../lib/route-schemas.js'
import { listOrders } from '../../../../repositories/orders.js'
import { changeOrderStatus } from '../../../../services/orders.js'
import { cancelAndRefund } from '../../../../services/cancel-refund.js'
import { localDayFilter } from '../../../../lib/local-day-filter.js'
import { BadRequestError, StaffForbiddenError } from '../../../../errors.js'
import { hasManagerRights } from '../../../../plugins/app/staff-auth.js'
import { storeOf } from '../../../store-of.js'
import { IdParamsSchema } from '#shared/schemas/common.js'
import { OrderListQuerySchema, OrderSchema, OrderStatusEnum, UpdateOrderStatusSchema } from '#shared/schemas/order.js'

export const DEFAULT_ORDER_LIST_LIMIT = 100

const staffOrders: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.addHook('preHandler', fastify.requireStaff)

  fastify.get('/', {
    schema: {
      querystring: OrderListQuerySchema,
      response: { 200: Type.Array(OrderSchema), ...errorResponses(400, 401) },
    },
  }, async (request) => {
    const store = storeOf(request)
    const { startUtc, endUtc } = localDayFilter(request.query, store.settings.timezone)
    return listOrders(store.db, {
      ...(request.query.status ? { status: request.query.status } : {}),
      ...(request.query.since ? { since: request.query.since } : {}),
      ...(request.query.q?.trim() ? { search: request.query.q } : {}),
      ...(startUtc ? { createdFrom: startUtc } : {}),
      ...(endUtc ? { createdBefore: endUtc } : {}),
      limit: request.query.limit ?? DEFAULT_ORDER_LIST_LIMIT,
    })
  })

  fastify.patch('/:id', {
    schema: {
      params: IdParamsSchema,
      body: UpdateOrderStatusSchema,
      response: { 200: OrderSchema, ...errorResponses(400, 401, 403, 404, 409, 413, 415) },
    },
  }, async (request) => {
    const { refund, ...change } = request.body
    const store = storeOf(request)
    if (refund !== true) return changeOrderStatus(store, request.params.id, change)
    // Money goes back: a manager's decision, as for any refund.
    if (!hasManagerRights(request.staff)) throw new StaffForbiddenError()
    if (change.status !== OrderStatusEnum.CANCELLED) throw new BadRequestError('refund goes with status cancelled only')
    const deps = { db: store.db, events: store.events, payments: store.payments, refunds: store.refunds, log: request.log }
    return cancelAndRefund(deps, request.params.id, { reason: change.reason ?? '', staffId: request.staff!.id })
  })
}

export default staffOrders
