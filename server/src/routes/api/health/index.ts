// GET /api/health: liveness plus what a support call needs to know first. It also asks the database for a trivial
// answer: a process whose database does not answer cannot serve, so it says 503 and "degraded", which takes it out
// of a load balancer's rotation (docs/operations.md) while the body still tells a person what is wrong. On SQLite
// the check is as cheap and answers the same way. On PostgreSQL, a process whose LISTEN connection has been down
// for more than a few seconds is degraded too: its streams hear no other process's events.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { APP_VERSION } from '../../../lib/version.js'
import { databaseReachable } from '../../../db/reachable.js'

const HealthSchema = Type.Object({
  /** `degraded`: the database did not answer, or events are not heard (the status code is then 503). */
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
  version: Type.String(),
  alipayMode: Type.String(),
  /** `openapi` or `global`: which of Alipay's protocols the payments go through. */
  alipayProtocol: Type.String(),
  database: Type.Object({
    kind: Type.Union([Type.Literal('sqlite'), Type.Literal('postgres')]),
    reachable: Type.Boolean(),
    /** PostgreSQL only: false once the LISTEN connection for other processes' events has been down a while. */
    listening: Type.Optional(Type.Boolean()),
  }),
})

const health: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get('/', { schema: { response: { 200: HealthSchema, 503: HealthSchema } } }, async (_request, reply) => {
    // The root handle: the question is the database's, not a store's.
    const reachable = await databaseReachable(fastify.database.db)
    const onPostgres = fastify.database.kind === 'postgres'
    // Imported on PostgreSQL only: the SQLite server never loads the PostgreSQL hub.
    const listening = onPostgres ? await (await import('../../../events/listener-health.js')).eventsListening(fastify.events) : true
    const ok = reachable && listening
    if (!ok) reply.code(503)
    return {
      status: ok ? 'ok' as const : 'degraded' as const,
      version: APP_VERSION,
      // The default store's (the environment's); other stores may hold their own Alipay settings.
      alipayMode: fastify.store.settings.alipay.mode,
      alipayProtocol: fastify.store.settings.alipay.protocol,
      database: { kind: fastify.database.kind, reachable, ...(onPostgres ? { listening } : {}) },
    }
  })
}

export default health
