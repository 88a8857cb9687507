// The live event hub as `fastify.events`: the ROOT hub, one per app, carrying every store's events (a subscriber
// here hears them all; a store's code uses its context's `events`, `fastify.events.forStore(id)`). On SQLite it
// lives in memory (lib/event-hub.ts); on PostgreSQL it is the shared event log every process appends to and
// listens on (events/postgres-event-hub.ts, imported only then).
import fp from 'fastify-plugin'
import { MemoryEventHub, type RootEventHub } from '../../lib/event-hub.js'

declare module 'fastify' {
  interface FastifyInstance {
    events: RootEventHub
  }
}

export default fp(async (fastify) => {
  const { databaseUrl } = fastify.config
  if (!databaseUrl) {
    fastify.decorate('events', new MemoryEventHub())
    return
  }
  const { PostgresEventHub } = await import('../../events/postgres-event-hub.js')
  // The root handle: the log holds every store's events (fastify.db is confined to the default store).
  const hub = await PostgresEventHub.open({ db: fastify.database.db, databaseUrl, log: fastify.log })
  fastify.decorate('events', hub)
  // Before the database's own onClose ends the pool: the last events are appended first.
  fastify.addHook('onClose', async () => { await hub.close() })
}, { name: 'event-hub', dependencies: ['database'] })
