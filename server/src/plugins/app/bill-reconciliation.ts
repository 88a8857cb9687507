// Reconciliation with Alipay's bill, per store (its own Alipay gateway, its own bill day's result), with its nightly
// run while the server listens; the default store's service as a decorator.
import fp from 'fastify-plugin'
import { DEFAULT_STORE_ID } from '../../db/store-scope.js'
import { tradeNosNotOfStore } from '../../repositories/bill-reconciliations.js'
import { NightlyReconciliation } from '../../reconciliation/nightly.js'
import { BillReconciliationService } from '../../reconciliation/service.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** The default store's (fastify.store.billReconciliation); a request's is request.store.billReconciliation. */
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
  const root = fastify.database.db
  fastify.stores.addFactory('bill-reconciliation', async (ctx) => {
    const storeLog = log.child({ storeId: ctx.id })
    // A line of no store's payment goes to one store per Alipay account: on an account of its own the store itself,
    // on the environment's (shared by every store without credentials of its own) the default store — else each
    // store sharing it would report, and alert on, the same line.
    const keepUnknown = ctx.settings.ownAlipay || ctx.id === DEFAULT_STORE_ID
    const service = new BillReconciliationService({
      db: ctx.db,
      gateway: ctx.alipay.gateway,
      alerts: ctx.alerts,
      log: storeLog,
      othersTradeNos: outTradeNos => tradeNosNotOfStore(root, ctx.id, outTradeNos, keepUnknown),
    })
    ctx.billReconciliation = service
    const nightly = new NightlyReconciliation({
      reconciliation: service,
      log: storeLog,
      storeId: ctx.id,
      ...(fastify.config.databaseUrl ? { leases: fastify.jobLeases } : {}),
      ...options,
    })
    // The bill query needs the server listening (the built-in emulator is reached over loopback).
    fastify.stores.whenApp('listening', ctx, () => { nightly.start() })
    return async () => { await nightly.stop() }
  })
  fastify.decorate('billReconciliation', { getter: () => fastify.store.billReconciliation })
}, { name: 'bill-reconciliation', dependencies: ['database', 'instance', 'alipay', 'stores', 'payments'] })
