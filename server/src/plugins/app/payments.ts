// Each store's payment services (alerts, payments, refunds, the unpaid-order sweep) as a store factory, the default
// store's as decorators, and ONE reconciler per process for every store, running while the server listens.
import fp from 'fastify-plugin'
import { DEFAULT_STORE_ID } from '../../db/store-scope.js'
import { Alerts } from '../../payments/alerts.js'
import { AlertSummaries } from '../../payments/alert-summaries.js'
import { PaymentService } from '../../payments/payment-service.js'
import { RefundService } from '../../payments/refund-service.js'
import { Reconciler, reconcileLeaseMs } from '../../payments/reconciler.js'
import { UnpaidOrderSweep } from '../../payments/unpaid-order-sweep.js'
import { cancelAbandonedOrder } from '../../services/unpaid-orders.js'
import { handleNotification, type NotifyAnswer } from '../../payments/notification-handler.js'
import { storeOfNotification } from '../../payments/notification-store.js'
import { publishOrder } from '../../payments/publish-order.js'
import { publishCheckChanged } from '../../services/check-events.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** The default store's services (fastify.store.*); a request's are request.store.*. */
    payments: PaymentService
    refunds: RefundService
    alerts: Alerts
    /** Null when UNPAID_ORDER_TTL_S=0. */
    unpaidOrderSweep: UnpaidOrderSweep | null
    /** The process's one reconciler, for every store. */
    reconciler: Reconciler
    /** `source`: the sender's normalised address, which refused notifications are counted by. */
    handleAlipayNotification: (body: Buffer, contentType: string | undefined, source: string) => Promise<NotifyAnswer>
  }
}

export interface PaymentsPluginOptions {
  /** How often the reconciler looks for due payments (ms). */
  reconcileIntervalMs?: number
  /** How often an open QR is queried while the diner waits (ms). */
  pollWhileWaitingMs?: number
  /** How long a claimed payment or refund stays this process's (ms); by default from ALIPAY_TIMEOUT_MS (reconcileLeaseMs). */
  reconcileLeaseMs?: number
}

export default fp<PaymentsPluginOptions>(async (fastify, options) => {
  const log = fastify.log.child({ module: 'payments' })
  const root = fastify.database.db
  // Rows are leased only when processes share the database (PostgreSQL); on SQLite one process serves it, and
  // a lease would be one more fsync'd write per check for nothing.
  const leaseMs = options.reconcileLeaseMs ?? reconcileLeaseMs(fastify.config.alipay.timeoutMs)
  const lease = fastify.config.databaseUrl ? { owner: fastify.instanceId, ms: leaseMs } : null
  const ttlS = fastify.config.unpaidOrderTtlS

  fastify.stores.addFactory('alerts', async (ctx) => {
    const storeLog = log.child({ storeId: ctx.id })
    ctx.alerts = new Alerts(ctx.db, ctx.events, storeLog)
    ctx.summaries = new AlertSummaries(ctx.db, ctx.events, storeLog)
    const summaries = ctx.summaries
    return async () => { await summaries.close() }
  })

  // ONE lock map and ONE attempt map per store, outliving its services: a reload (`store.updated`) builds new ones
  // while work on the old ones may still run, and the reconciler's calls on the new must wait for it.
  const paymentLocks = new Map<string, Map<string, Promise<unknown>>>()
  const refundAttempts = new Map<string, Map<string, Promise<void>>>()
  const storeMap = <V>(maps: Map<string, Map<string, V>>, storeId: string): Map<string, V> => {
    let map = maps.get(storeId)
    if (map === undefined) maps.set(storeId, map = new Map())
    return map
  }

  fastify.stores.addFactory('payments', async (ctx) => {
    const storeLog = log.child({ storeId: ctx.id })
    const { db, events, alerts } = ctx
    const refunds: RefundService = new RefundService({
      db,
      gateway: ctx.alipay.gateway,
      alerts,
      log: storeLog,
      paymentChanged: paymentId => payments.publish(paymentId),
      lease,
      attempts: storeMap(refundAttempts, ctx.id),
    })
    const payments: PaymentService = new PaymentService({
      db,
      commits: ctx.commits,
      events,
      gateway: ctx.alipay.gateway,
      alerts,
      log: storeLog,
      // App-wide: how long a QR stays open is the server's policy, not a store setting.
      qrTimeoutS: fastify.config.paymentQrTimeoutS,
      pollWhileWaitingMs: options.pollWhileWaitingMs,
      storeName: ctx.settings.name,
      orderChanged: orderId => publishOrder({ db, events }, orderId),
      checkChanged: (checkId, tableId) => { publishCheckChanged(events, tableId, checkId) },
      refunds,
      lease,
      locks: storeMap(paymentLocks, ctx.id),
    })
    ctx.refunds = refunds
    ctx.payments = payments
    // The unpaid-order sweep needs no lease of its own: each cancel is one guarded UPDATE (cancelIfUnpaid) and only
    // the process whose UPDATE moved the order tells anyone, so processes sweeping together cancel an order once.
    ctx.unpaidOrderSweep = ttlS === 0 ? null : new UnpaidOrderSweep({
      db,
      ttlMs: ttlS * 1000,
      cancel: async (orderId, endedBefore) => (await cancelAbandonedOrder({ db, events, payments, log: storeLog }, orderId, endedBefore)) !== null,
      log: storeLog,
    })
  })

  const reconciler = new Reconciler({
    // The root handle: due rows of every store, each handed to its store's services.
    db: root,
    servicesOf: storeId => fastify.stores.get(storeId),
    log,
    ...(lease ? { owner: lease.owner } : {}),
    leaseMs,
    intervalMs: options.reconcileIntervalMs,
    ...(ttlS === 0
      ? {}
      : {
          // Every store's sweep on the reconciler's timer (all stores are loaded at ready); each paces itself.
          unpaidOrders: {
            maybeRun: async () => {
              for (const store of fastify.stores.loaded()) {
                try {
                  await store.unpaidOrderSweep?.maybeRun()
                } catch (error) {
                  log.error({ err: error, storeId: store.id }, 'sweeping unpaid orders failed')
                }
              }
            },
          },
        }),
  })

  fastify.decorate('alerts', { getter: () => fastify.store.alerts })
  fastify.decorate('payments', { getter: () => fastify.store.payments })
  fastify.decorate('refunds', { getter: () => fastify.store.refunds })
  fastify.decorate('unpaidOrderSweep', { getter: () => fastify.store.unpaidOrderSweep })
  fastify.decorate('reconciler', reconciler)
  fastify.decorate('handleAlipayNotification', async (body: Buffer, contentType: string | undefined, source: string) => {
    // The trade's store decides whose keys verify it; one we do not know is answered as before, by the default store.
    const store = await fastify.stores.get(await storeOfNotification(root, body, contentType) ?? DEFAULT_STORE_ID)
    return handleNotification({
      db: store.db,
      commits: store.commits,
      verifier: store.alipay.notifications,
      sellerId: store.alipay.sellerId,
      payments: store.payments,
      refunds: store.refunds,
      alerts: store.alerts,
      summaries: store.summaries,
      log: log.child({ storeId: store.id }),
    }, body, contentType, source)
  })
  // Gateway calls need the server listening (the built-in emulator is reached over loopback).
  fastify.addHook('onListen', async () => { await reconciler.start() })
  // Closing: no new checks, the one under way finishes; the instance plugin then hands the leases back.
  fastify.addHook('preClose', async () => { await reconciler.stop() })
}, { name: 'payments', dependencies: ['database', 'instance', 'event-hub', 'alipay', 'stores'] })
