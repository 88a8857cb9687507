// Alipay's asynchronous notifications: verify, check, apply once, and answer `success` only when saved.
import type { FastifyBaseLogger } from 'fastify'
import type { Db } from '../db/database.js'
import type { CommitGroup } from '../db/group-commit.js'
import type { NotificationVerifier } from '../alipay/notification-verifier.js'
import { checkNotificationBusiness } from '../alipay/notify-checks.js'
import { AlertKindEnum } from '#shared/schemas/alert.js'
import type { PaymentStatus } from '#shared/statuses.js'
import type { Alerts } from './alerts.js'
import { clip, type AlertSummaries } from './alert-summaries.js'
import type { PaymentService } from './payment-service.js'
import type { RefundService } from './refund-service.js'
import { appendPaymentEvent } from '../repositories/payment-events.js'
import { getPayment } from '../repositories/payments.js'
import { refundIdByOutRequestNo } from '../repositories/refunds.js'

export interface NotificationHandlerDeps {
  db: Db
  /** The database's shared commit group: notifications arriving together commit once. */
  commits: Pick<CommitGroup, 'run'>
  /** The protocol's reading and verifying of a notification. */
  verifier: NotificationVerifier
  sellerId: string | null
  payments: PaymentService
  refunds: RefundService
  alerts: Alerts
  /** Bad signatures are counted per sender, not stored one row each: anyone can send them. */
  summaries: AlertSummaries
  log: FastifyBaseLogger
}

export type NotifyAnswer = 'success' | 'fail'

/** `source` is the sender's (normalised) address, which unverified notifications are counted by. */
export async function handleNotification (deps: NotificationHandlerDeps, body: Buffer, contentType: string | undefined, source: string): Promise<NotifyAnswer> {
  const verified = deps.verifier.verify(body, contentType)
  if (!verified.ok) {
    // Everything here is the sender's choice until the signature checks out: clipped before it is logged or stored.
    const outTradeNo = clip(verified.fields?.out_trade_no)
    const notifyId = clip(verified.fields?.notify_id)
    const detail = clip(verified.detail, 200)
    deps.log.warn({ reason: verified.reason, detail, outTradeNo, source }, 'notification refused')
    if (verified.reason === 'bad-signature') {
      await deps.summaries.record({ kind: AlertKindEnum.NOTIFICATION_BAD_SIGNATURE, source, sample: { detail, outTradeNo, notifyId } })
    }
    return 'fail'
  }
  const notification = verified.notification
  if (notification.notifyId !== undefined && deps.verifier.confirm) {
    // Signed right, but only Alipay knows whether it sent this notify_id (the MAPI's notify_verify). A notification it
    // denies or could not be asked about moves nothing; staff are not alerted, since with a valid signature a denial
    // most likely means a notify_id Alipay no longer remembers, and the reconciler's query settles the payment anyway.
    const confirmation = await deps.verifier.confirm(notification.notifyId)
    if (confirmation !== 'true') {
      deps.log.warn({ confirmation, notifyId: clip(notification.notifyId), outTradeNo: clip(notification.outTradeNo), source }, 'notification not confirmed by notify_verify')
      return 'fail'
    }
  }
  const payment = await getPayment(deps.db, notification.outTradeNo)
  const verdict = checkNotificationBusiness(notification, { appId: deps.verifier.appId, sellerId: deps.sellerId, amount: payment?.amount ?? null })
  if (!verdict.ok) {
    deps.log.warn({ failed: verdict.failed, detail: verdict.detail, outTradeNo: notification.outTradeNo }, 'notification failed a business check')
    if (verdict.failed === 'amount' && payment) {
      // The event and the alert commit together (one commit), then staff hear of it.
      const alert = await deps.commits.run(async (trx) => {
        await appendPaymentEvent(trx, payment.id, 'notify', 'amount-mismatch', { notifyId: notification.notifyId, detail: verdict.detail })
        return deps.alerts.record(trx, { kind: AlertKindEnum.AMOUNT_MISMATCH, paymentId: payment.id, orderId: payment.order_id, detail: { detail: verdict.detail, notifyId: notification.notifyId } })
      })
      deps.alerts.announce(alert)
      // Recorded and raised: retries would not change the amount, so Alipay may stop sending.
      return 'success'
    }
    return 'fail'
  }
  // The notification's event row commits in the same transaction as the state it moves (one commit
  // per change); a replay appends its row and changes nothing else. `success` only after that commit.
  const cause = {
    source: 'notify' as const,
    kind: 'notification',
    detail: {
      notifyId: notification.notifyId, tradeStatus: verdict.tradeStatus, tradeNo: notification.tradeNo,
      refundFee: notification.refundFee, outBizNo: notification.outBizNo,
    },
  }
  await deps.payments.applyTradeState(notification.outTradeNo, verdict.tradeStatus, {
    tradeNo: notification.tradeNo ?? null,
    buyerId: notification.buyerId ?? notification.buyerOpenId ?? null,
    amount: notification.totalAmount,
    paidAt: notification.gmtPayment ?? null,
  }, 'notify', { cause, seenStatus: payment?.status as PaymentStatus | undefined })
  if (notification.outBizNo) {
    // A refund notification: let the refund confirm itself with a refund query.
    const refundId = await refundIdByOutRequestNo(deps.db, notification.outBizNo)
    if (refundId) await deps.refunds.execute(refundId, 'notify')
  }
  return 'success'
}
