// /api/staff/alerts: what needs a person's attention, and acknowledging it.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  ALERT_PAGE_DEFAULT_LIMIT, AlertListQuerySchema, AlertPageSchema, AlertSchema,
} from '#shared/schemas/alert.js'
import { ErrorSchema, IdParamsSchema } from '#shared/schemas/common.js'
import { NotFoundError } from '../../../../errors.js'
import { decodeAlertCursor, encodeAlertCursor } from '../../../../payments/alert-cursor.js'
import { storeOf } from '../../../store-of.js'

const staffAlerts: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.addHook('preHandler', fastify.requireStaff)

  // Paged: a flood of alerts must not turn one request into megabytes.
  fastify.get('/', {
    schema: { querystring: AlertListQuerySchema, response: { 200: AlertPageSchema, 400: ErrorSchema, 401: ErrorSchema } },
  }, async (request) => {
    const { all, limit, before } = request.query
    const page = await storeOf(request).alerts.page({
      includeAcknowledged: all === true,
      limit: limit ?? ALERT_PAGE_DEFAULT_LIMIT,
      before: before === undefined ? null : decodeAlertCursor(before),
    })
    return { alerts: page.alerts, nextCursor: page.nextCursor && encodeAlertCursor(page.nextCursor) }
  })

  fastify.post('/:id/ack', {
    schema: { params: IdParamsSchema, response: { 200: AlertSchema, 401: ErrorSchema, 404: ErrorSchema } },
  }, async (request) => {
    const alert = await storeOf(request).alerts.acknowledge(request.params.id, request.staff!.id)
    if (!alert) throw new NotFoundError('Alert')
    return alert
  })
}

export default staffAlerts
