// Reconciliation with Alipay's bill as a decorator, and its nightly run while the server listens.
import fp from 'fastify-plugin'
import { NightlyReconciliation } from '../../reconciliation/nightly.js'
import { BillReconciliationService } from '../../reconciliation/service.js'

declare module 'fastify' {
  interface FastifyInstance {
    billReconciliation: BillReconciliationService
  }
}

export interface BillReconciliationPluginOptions {
  /** Delay of the nightly run's first check after listening, and between checks (ms); tests shorten them. */
  firstCheckAfterMs?: number
  checkEveryMs?: number
}

export default fp<BillReconciliationPluginOptions>(async (fastify, options) => {
  const log = fastify.log.child({ module: 'reconciliation' })
  const service = new BillReconciliationService({ db: fastify.db, gateway: fastify.alipay.gateway, alerts: fastify.alerts, log })
  const nightly = new NightlyReconciliation({ reconciliation: service, log, ...(fastify.config.databaseUrl ? { leases: fastify.jobLeases } : {}), ...options })
  fastify.decorate('billReconciliation', service)
  // The bill query needs the server listening (the built-in emulator is reached over loopback).
  fastify.addHook('onListen', async () => { nightly.start() })
  fastify.addHook('preClose', async () => { await nightly.stop() })
}, { name: 'bill-reconciliation', dependencies: ['database', 'instance', 'alipay', 'payments'] })
