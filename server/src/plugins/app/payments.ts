// Payment services as decorators, and the reconciler running while the server listens.
import fp from 'fastify-plugin'
import { Alerts } from '../../payments/alerts.js'
import { AlertSummaries } from '../../payments/alert-summaries.js'
import { PaymentService } from '../../payments/payment-service.js'
import { RefundService } from '../../payments/refund-service.js'
import { Reconciler, reconcileLeaseMs } from '../../payments/reconciler.js'
import { UnpaidOrderSweep } from '../../payments/unpaid-order-sweep.js'
import { cancelAbandonedOrder } from '../../services/unpaid-orders.js'
import { handleNotification, type NotifyAnswer } from '../../payments/notification-handler.js'
import { publishOrder } from '../../payments/publish-order.js'
import { publishCheckChanged } from '../../services/check-events.js'

declare module 'fastify' {
  interface FastifyInstance {
    payments: PaymentService
    refunds: RefundService
    alerts: Alerts
    reconciler: Reconciler
    /** Null when UNPAID_ORDER_TTL_S=0. */
    unpaidOrderSweep: UnpaidOrderSweep | null
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
  // Rows are leased only when processes share the database (PostgreSQL); on SQLite one process serves it, and
  // a lease would be one more fsync'd write per check for nothing.
  const leaseMs = options.reconcileLeaseMs ?? reconcileLeaseMs(fastify.config.alipay.timeoutMs)
  const lease = fastify.config.databaseUrl ? { owner: fastify.instanceId, ms: leaseMs } : null
  const alerts = new Alerts(fastify.db, fastify.events, log)
  const summaries = new AlertSummaries(fastify.db, fastify.events, log)
  const refunds: RefundService = new RefundService({
    db: fastify.db,
    gateway: fastify.alipay.gateway,
    alerts,
    log,
    paymentChanged: paymentId => payments.publish(paymentId),
    lease,
  })
  const payments: PaymentService = new PaymentService({
    db: fastify.db,
    commits: fastify.commits,
    events: fastify.events,
    gateway: fastify.alipay.gateway,
    alerts,
    log,
    qrTimeoutS: fastify.config.paymentQrTimeoutS,
    pollWhileWaitingMs: options.pollWhileWaitingMs,
    storeName: fastify.config.store.name,
    orderChanged: orderId => publishOrder({ db: fastify.db, events: fastify.events }, orderId),
    checkChanged: (checkId, tableId) => { publishCheckChanged(fastify.events, tableId, checkId) },
    refunds,
    lease,
  })
  const ttlS = fastify.config.unpaidOrderTtlS
  const unpaidOrderSweep = ttlS === 0 ? null : new UnpaidOrderSweep({
    db: fastify.db,
    ttlMs: ttlS * 1000,
    cancel: async (orderId, endedBefore) => (await cancelAbandonedOrder({ db: fastify.db, events: fastify.events, payments, log }, orderId, endedBefore)) !== null,
    log,
  })
  // The unpaid-order sweep needs no lease of its own: each cancel is one guarded UPDATE (cancelIfUnpaid) and only
  // the process whose UPDATE moved the order tells anyone, so processes sweeping together cancel an order once.
  const reconciler = new Reconciler({
    db: fastify.db,
    payments,
    refunds,
    log,
    ...(lease ? { owner: lease.owner } : {}),
    leaseMs,
    intervalMs: options.reconcileIntervalMs,
    ...(unpaidOrderSweep ? { unpaidOrders: unpaidOrderSweep } : {}),
  })
  fastify.decorate('alerts', alerts)
  fastify.decorate('payments', payments)
  fastify.decorate('refunds', refunds)
  fastify.decorate('reconciler', reconciler)
  fastify.decorate('unpaidOrderSweep', unpaidOrderSweep)
  fastify.decorate('handleAlipayNotification', (body: Buffer, contentType: string | undefined, source: string) => handleNotification({
    db: fastify.db,
    commits: fastify.commits,
    verifier: fastify.alipay.notifications,
    sellerId: fastify.alipay.sellerId,
    payments,
    refunds,
    alerts,
    summaries,
    log,
  }, body, contentType, source))
  // Gateway calls need the server listening (the built-in emulator is reached over loopback).
  fastify.addHook('onListen', async () => { await reconciler.start() })
  // Closing: no new checks, the one under way finishes; the instance plugin then hands the leases back.
  fastify.addHook('preClose', async () => { await reconciler.stop() })
  fastify.addHook('onClose', async () => { await summaries.close() })
}, { name: 'payments', dependencies: ['database', 'instance', 'event-hub', 'alipay'] })
