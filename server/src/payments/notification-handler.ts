// Alipay's asynchronous notifications: verify, check, apply once, and answer `success` only when saved.
import type { FastifyBaseLogger } from 'fastify'
import type { KeyObject } from 'node:crypto'
import type { Db } from '../db/database.js'
import { verifyNotification } from '../alipay/notify.js'
import { checkNotificationBusiness } from '../alipay/notify-checks.js'
import type { SignType } from '../alipay/sign.js'
import { AlertKindEnum } from '../../../shared/src/schemas/alert.js'
import type { Alerts } from './alerts.js'
import type { PaymentService } from './payment-service.js'
import type { RefundService } from './refund-service.js'
import { appendPaymentEvent, getPayment } from './payments-repository.js'

export interface NotificationHandlerDeps {
  db: Db
  appId: string
  sellerId: string | null
  alipayPublicKey: KeyObject
  signType: SignType
  payments: PaymentService
  refunds: RefundService
  alerts: Alerts
  log: FastifyBaseLogger
}

export type NotifyAnswer = 'success' | 'fail'

export async function handleNotification (deps: NotificationHandlerDeps, body: Buffer, contentType: string | undefined): Promise<NotifyAnswer> {
  const verified = verifyNotification(body, contentType, deps.alipayPublicKey, { signType: deps.signType })
  if (!verified.ok) {
    deps.log.warn({ reason: verified.reason, detail: verified.detail, outTradeNo: verified.fields?.out_trade_no }, 'notification refused')
    if (verified.reason === 'bad-signature') {
      await deps.alerts.raise({ kind: AlertKindEnum.NOTIFICATION_BAD_SIGNATURE, paymentId: verified.fields?.out_trade_no ?? null, detail: { detail: verified.detail, notifyId: verified.fields?.notify_id } })
    }
    return 'fail'
  }
  const notification = verified.notification
  const payment = await getPayment(deps.db, notification.outTradeNo)
  const verdict = checkNotificationBusiness(notification, { appId: deps.appId, sellerId: deps.sellerId, amount: payment?.amount ?? null })
  if (!verdict.ok) {
    deps.log.warn({ failed: verdict.failed, detail: verdict.detail, outTradeNo: notification.outTradeNo }, 'notification failed a business check')
    if (verdict.failed === 'amount' && payment) {
      await appendPaymentEvent(deps.db, payment.id, 'notify', 'amount-mismatch', { notifyId: notification.notifyId, detail: verdict.detail })
      await deps.alerts.raise({ kind: AlertKindEnum.AMOUNT_MISMATCH, paymentId: payment.id, orderId: payment.order_id, detail: { detail: verdict.detail, notifyId: notification.notifyId } })
      // Recorded and raised: retries would not change the amount, so Alipay may stop sending.
      return 'success'
    }
    return 'fail'
  }
  // The event is written before the state moves; a replay appends a row and changes nothing else.
  await appendPaymentEvent(deps.db, notification.outTradeNo, 'notify', 'notification', {
    notifyId: notification.notifyId, tradeStatus: verdict.tradeStatus, tradeNo: notification.tradeNo,
    refundFee: notification.refundFee, outBizNo: notification.outBizNo,
  })
  await deps.payments.applyTradeState(notification.outTradeNo, verdict.tradeStatus, {
    tradeNo: notification.tradeNo ?? null,
    buyerId: notification.buyerId ?? notification.buyerOpenId ?? null,
    amount: notification.totalAmount,
    paidAt: notification.gmtPayment ?? null,
  }, 'notify')
  if (notification.outBizNo) {
    // A refund notification: let the refund confirm itself with a refund query.
    const refund = await deps.db.selectFrom('refunds').select('id').where('out_request_no', '=', notification.outBizNo).executeTakeFirst()
    if (refund) await deps.refunds.execute(refund.id, 'notify')
  }
  return 'success'
}
