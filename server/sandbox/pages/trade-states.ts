// A trade's state in plain words for the emulator's front page, matching what the staff console says (the
// emulator's own `LOCKED` is a trade cancelled or expired before any scan: "Cancelled" there and here).
import type { TradeState } from '../trades.js'

export interface StateWords {
  en: string
  zh: string
  /** What it means for the diner and the restaurant, in one sentence. */
  explainEn: string
  explainZh: string
  /** Alipay's own name for it, for developers reading Alipay's documentation; none for the emulator's inner states. */
  alipay: string | null
}

export const TRADE_STATE_WORDS: Record<TradeState, StateWords> = {
  QR_ONLY: {
    en: 'Waiting for a scan', zh: '等待扫码',
    explainEn: 'The QR code is on the tablet; no phone has scanned it yet.', explainZh: '付款码已显示在平板上，尚无手机扫码。',
    alipay: null,
  },
  WAIT_BUYER_PAY: {
    en: 'Scanned, waiting for payment', zh: '已扫码，等待付款',
    explainEn: 'A phone scanned the code; the diner has not confirmed the payment yet.', explainZh: '顾客已扫码，尚未确认付款。',
    alipay: 'WAIT_BUYER_PAY',
  },
  TRADE_SUCCESS: {
    en: 'Paid', zh: '已付款',
    explainEn: 'The money was received. It can still be refunded.', explainZh: '款项已收到，仍可退款。',
    alipay: 'TRADE_SUCCESS',
  },
  TRADE_FINISHED: {
    en: 'Paid and completed', zh: '交易完成',
    explainEn: 'The money was received and the refund period is over.', explainZh: '款项已收到，退款期已结束。',
    alipay: 'TRADE_FINISHED',
  },
  TRADE_CLOSED: {
    en: 'Closed', zh: '已关闭',
    explainEn: 'Cancelled or expired after a scan, or fully refunded: it can no longer be paid.', explainZh: '扫码后已撤销或过期，或已全额退款：无法再支付。',
    alipay: 'TRADE_CLOSED',
  },
  LOCKED: {
    en: 'Cancelled', zh: '已取消',
    explainEn: 'Cancelled or expired before any phone scanned it. Nothing was charged.', explainZh: '在任何手机扫码前已撤销或过期，未扣款。',
    alipay: null,
  },
}
