// /api/staff/alerts: what needs a person's attention, and acknowledging it.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { AlertSchema } from '../../../../../../shared/src/schemas/alert.js'
import { ErrorSchema, IdParamsSchema } from '../../../../../../shared/src/schemas/common.js'
import { NotFoundError } from '../../../../errors.js'

const ListQuerySchema = Type.Object({
  all: Type.Optional(Type.Boolean()),
}, { additionalProperties: false })

const staffAlerts: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.addHook('preHandler', fastify.requireStaff)

  fastify.get('/', {
    schema: { querystring: ListQuerySchema, response: { 200: Type.Array(AlertSchema), 401: ErrorSchema } },
  }, async (request) => fastify.alerts.list({ includeAcknowledged: request.query.all === true }))

  fastify.post('/:id/ack', {
    schema: { params: IdParamsSchema, response: { 200: AlertSchema, 401: ErrorSchema, 404: ErrorSchema } },
  }, async (request) => {
    const alert = await fastify.alerts.acknowledge(request.params.id, request.staff!.id)
    if (!alert) throw new NotFoundError('Alert')
    return alert
  })
}

export default staffAlerts
