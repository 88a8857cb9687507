// This process's identity among the several that may serve one database (issue 16): `fastify.instanceId`, the
// owner written on every lease it takes, and `fastify.jobLeases` for its singleton jobs. At close — after every
// worker stopped taking work and finished what it ran (their preClose hooks, and the onClose hooks of the plugins
// registered later, run first) — it hands back every lease it still holds, so another process takes the work at
// once instead of waiting for the leases to run out. Leases are taken only on a shared (PostgreSQL) database: the
// plugins pass `jobLeases` and the instance id on only when `config.databaseUrl` is set.
import { randomBytes } from 'node:crypto'
import fp from 'fastify-plugin'
import { JobLeases } from '../../lib/job-leases.js'
import { releaseLeasesOf } from '../../repositories/leases.js'
import { releasePaymentLeasesOf } from '../../repositories/payments.js'
import { releaseRefundLeasesOf } from '../../repositories/refunds.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** Random per process start: two processes (or two apps in one test) never share it. */
    instanceId: string
    jobLeases: JobLeases
  }
}

export default fp(async (fastify) => {
  // The root handle: leases are global, and the payments and refunds this process leased may be any store's.
  const root = fastify.database.db
  const instanceId = randomBytes(8).toString('hex')
  const log = fastify.log.child({ module: 'leases' })
  fastify.decorate('instanceId', instanceId)
  fastify.decorate('jobLeases', new JobLeases({ db: root, owner: instanceId, log }))
  fastify.addHook('onClose', async () => {
    // On SQLite nothing takes a lease (one process serves the database), so there is nothing to hand back.
    if (!fastify.config.databaseUrl) return
    try {
      const handedBack = {
        jobs: await releaseLeasesOf(root, instanceId),
        payments: await releasePaymentLeasesOf(root, instanceId),
        refunds: await releaseRefundLeasesOf(root, instanceId),
      }
      if (handedBack.jobs + handedBack.payments + handedBack.refunds > 0) log.info({ instanceId, ...handedBack }, 'leases handed back')
    } catch (error) {
      // Closing goes on: the leases run out by themselves.
      log.warn({ err: error, instanceId }, 'handing leases back failed')
    }
  })
}, { name: 'instance', dependencies: ['database'] })
