// GET /api/staff/events: the staff console's live stream of every staff-audience event of the session's store.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { STAFF_COOKIE } from '../../../../lib/cookies.js'
import { adoptLastEventIdFromQuery, EventStreamQuerySchema } from '../../../../lib/event-stream-query.js'
import { errorResponses } from '../../../../lib/route-schemas.js'
import { openEventStream } from '../../../../lib/event-stream.js'

/** How often an open stream checks that its session still exists (logout, removal, PIN change). */
export const STAFF_SESSION_RECHECK_MS = 30_000

const staffEvents: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get('/', {
    preHandler: fastify.requireStaff,
    schema: { querystring: EventStreamQuerySchema, response: errorResponses(400, 401) },
  }, async (request, reply) => {
    adoptLastEventIdFromQuery(request, request.query)
    const token = request.cookies[STAFF_COOKIE]
    const store = request.store!
    // A removed member's console must stop receiving orders, not only their next request; an owner who switched
    // the session to another store reconnects to hear that store's.
    const recheck = setInterval(() => {
      fastify.findStaffSession(token)
        .then(session => { if (session?.store.id !== store.id) reply.raw.end() })
        .catch((error: unknown) => { request.log.warn({ err: error }, 'staff session recheck failed') })
    }, STAFF_SESSION_RECHECK_MS)
    recheck.unref()
    openEventStream(request, reply, {
      hub: store.events,
      filter: event => event.audience.kind === 'staff',
      onClose: () => { clearInterval(recheck) },
    })
  })
}

export default staffEvents
