// GET /api/staff/events: the staff console's live stream of every staff-audience event.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { adoptLastEventIdFromQuery, EventStreamQuerySchema } from '../../../../lib/event-stream-query.js'
import { errorResponses } from '../../../../lib/route-schemas.js'
import { openEventStream } from '../../../../plugins/app/sse.js'

const staffEvents: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get('/', {
    preHandler: fastify.requireStaff,
    schema: { querystring: EventStreamQuerySchema, response: errorResponses(400, 401) },
  }, async (request, reply) => {
    adoptLastEventIdFromQuery(request, request.query)
    openEventStream(request, reply, {
      hub: fastify.events,
      filter: event => event.audience.kind === 'staff',
    })
  })
}

export default staffEvents
