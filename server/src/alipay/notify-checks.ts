// The business checks a verified notification must pass before it may move a payment (docs/alipay.md, "Notifications").
import { isPaidStatus, type TradeStatus } from './gateway.js'
import { type AlipayNotification } from './notify.js'

export interface NotificationExpectation {
  /** Our app id; null where notifications name none (the Global MAPI's: the partner's key signs them). */
  appId: string | null
  /** Checked only when configured (`ALIPAY_SELLER_ID`). */
  sellerId?: string | null
  /** The payment's amount in minor units, or null when no payment has this out_trade_no. */
  amount: number | null
}

export type NotificationCheck = 'app-id' | 'seller-id' | 'unknown-trade' | 'amount' | 'status'

export type NotificationVerdict =
  | {
    ok: true
    tradeStatus: TradeStatus
    /** TRADE_SUCCESS or TRADE_FINISHED: the money is in. */
    paid: boolean
  }
  | { ok: false, failed: NotificationCheck, detail: string }

/** Checks app id, seller id, that the trade is ours, the amount and the status, in that order. */
export function checkNotificationBusiness (notification: AlipayNotification, expected: NotificationExpectation): NotificationVerdict {
  if (expected.appId !== null && notification.appId !== expected.appId) {
    return { ok: false, failed: 'app-id', detail: `app_id ${JSON.stringify(notification.appId ?? null)} is not ours` }
  }
  if (expected.sellerId && notification.sellerId !== expected.sellerId) {
    return { ok: false, failed: 'seller-id', detail: `seller_id ${JSON.stringify(notification.sellerId ?? null)} is not ours` }
  }
  if (expected.amount === null) {
    return { ok: false, failed: 'unknown-trade', detail: `no payment has out_trade_no ${JSON.stringify(notification.outTradeNo)}` }
  }
  // Integer minor units on both sides: no float comparison.
  if (notification.totalAmount !== expected.amount) {
    return {
      ok: false,
      failed: 'amount',
      detail: `amount ${notification.totalAmount ?? 'missing'} (minor units), expected ${expected.amount}`,
    }
  }
  if (notification.tradeStatus === null) {
    return { ok: false, failed: 'status', detail: `trade_status ${JSON.stringify(notification.fields.trade_status ?? null)} is not a trade state` }
  }
  return { ok: true, tradeStatus: notification.tradeStatus, paid: isPaidStatus(notification.tradeStatus) }
}
