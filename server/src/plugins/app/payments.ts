// Payment services as decorators, and the reconciler running while the server listens.
import fp from 'fastify-plugin'
import { Alerts } from '../../payments/alerts.js'
import { AlertSummaries } from '../../payments/alert-summaries.js'
import { PaymentService } from '../../payments/payment-service.js'
import { RefundService } from '../../payments/refund-service.js'
import { Reconciler } from '../../payments/reconciler.js'
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
}

export default fp<PaymentsPluginOptions>(async (fastify, options) => {
  const log = fastify.log.child({ module: 'payments' })
  const alerts = new Alerts(fastify.db, fastify.events, log)
  const summaries = new AlertSummaries(fastify.db, fastify.events, log)
  const refunds: RefundService = new RefundService({
    db: fastify.db,
    gateway: fastify.alipay.gateway,
    alerts,
    log,
    paymentChanged: paymentId => payments.publish(paymentId),
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
  })
  const ttlS = fastify.config.unpaidOrderTtlS
  const unpaidOrderSweep = ttlS === 0 ? null : new UnpaidOrderSweep({
    db: fastify.db,
    ttlMs: ttlS * 1000,
    cancel: async (orderId, endedBefore) => (await cancelAbandonedOrder({ db: fastify.db, events: fastify.events, payments, log }, orderId, endedBefore)) !== null,
    log,
  })
  const reconciler = new Reconciler({
    db: fastify.db, payments, refunds, log, intervalMs: options.reconcileIntervalMs, ...(unpaidOrderSweep ? { unpaidOrders: unpaidOrderSweep } : {}),
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
  fastify.addHook('preClose', async () => { await reconciler.stop() })
  fastify.addHook('onClose', async () => { summaries.close() })
}, { name: 'payments', dependencies: ['database', 'event-hub', 'alipay'] })
