// The DINER_DATA_DAYS purge (diners/retention.ts) as `fastify.dinerRetention`: at start, then daily, stopped with the app.
import fp from 'fastify-plugin'
import { DinerRetention } from '../../diners/retention.js'

declare module 'fastify' {
  interface FastifyInstance {
    dinerRetention: DinerRetention
  }
}

export default fp(async (fastify) => {
  // One global pass over every store's diners (on the root handle): DINER_DATA_DAYS is the server's policy.
  const retention = new DinerRetention({ db: fastify.database.db, days: fastify.config.dinerDataDays, ...(fastify.config.databaseUrl ? { leases: fastify.jobLeases } : {}), log: fastify.log.child({ module: 'diners' }) })
  fastify.decorate('dinerRetention', retention)
  fastify.addHook('onReady', async () => { await retention.start() })
  fastify.addHook('preClose', async () => { await retention.stop() })
}, { name: 'diner-retention', dependencies: ['config', 'database', 'instance'] })
