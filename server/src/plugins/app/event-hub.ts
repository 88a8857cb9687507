// The live event hub (lib/event-hub.ts) as `fastify.events`: one per app, shared by every SSE stream.
import fp from 'fastify-plugin'
import { EventHub } from '../../lib/event-hub.js'

declare module 'fastify' {
  interface FastifyInstance {
    events: EventHub
  }
}

export default fp(async (fastify) => {
  fastify.decorate('events', new EventHub())
}, { name: 'event-hub' })
