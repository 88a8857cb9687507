// The live event hub as `fastify.events`: one per app, shared by every SSE stream. On SQLite it lives in memory
// (lib/event-hub.ts); on PostgreSQL it is the shared event log every process appends to and listens on
// (events/postgres-event-hub.ts, imported only then).
import fp from 'fastify-plugin'
import { MemoryEventHub, type EventHub } from '../../lib/event-hub.js'

declare module 'fastify' {
  interface FastifyInstance {
    events: EventHub
  }
}

export default fp(async (fastify) => {
  const { databaseUrl } = fastify.config
  if (!databaseUrl) {
    fastify.decorate('events', new MemoryEventHub())
    return
  }
  const { PostgresEventHub } = await import('../../events/postgres-event-hub.js')
  const hub = await PostgresEventHub.open({ db: fastify.db, databaseUrl, log: fastify.log })
  fastify.decorate('events', hub)
  // Before the database's own onClose ends the pool: the last events are appended first.
  fastify.addHook('onClose', async () => { await hub.close() })
}, { name: 'event-hub', dependencies: ['database'] })
