// The emulator's trades, kept in memory in Alipay's states, indexed the ways the gateway looks them up.
import type { SignType } from './signing.js'

export const TradeStatusEnum = {
  WAIT_BUYER_PAY: 'WAIT_BUYER_PAY',
  TRADE_SUCCESS: 'TRADE_SUCCESS',
  TRADE_CLOSED: 'TRADE_CLOSED',
  TRADE_FINISHED: 'TRADE_FINISHED',
} as const
export type TradeStatus = typeof TradeStatusEnum[keyof typeof TradeStatusEnum]

/**
 * Where a trade is. A precreated QR is `QR_ONLY` until a buyer scans it (Alipay has no trade yet);
 * `LOCKED` is an out_trade_no that was cancelled, closed or expired before any scan.
 */
export type TradeState = 'QR_ONLY' | 'LOCKED' | TradeStatus

export interface Refund {
  outRequestNo: string
  amount: number
  reason?: string
  at: number
}

/** The gateway a trade was opened through; it decides how answers and notifications speak of it. */
export type TradeProtocol = 'openapi' | 'mapi'

export interface Trade {
  outTradeNo: string
  kind: 'precreate' | 'create'
  /** Absent on trades of earlier runs, which were all Open Platform trades. */
  protocol?: TradeProtocol
  /** ISO 4217 code of `amount` (MAPI `trans_currency`); absent means CNY, the Open Platform's only one. */
  currency?: string
  /** MAPI `currency`: what the merchant is settled in (recorded, not converted). */
  settlementCurrency?: string
  state: TradeState
  /** Alipay's trade number; a precreated trade gets one when it is scanned. */
  tradeNo?: string
  /** The last part of the qr_code URL (precreate only). */
  qrToken?: string
  /** Integer minor units of the trade's currency (fen for CNY). */
  amount: number
  subject: string
  body?: string
  storeId?: string
  passbackParams?: string
  sellerId: string
  /** What identifies "the same request again" for precreate/create. */
  fingerprint: string
  notifyUrl?: string
  /** The charset the trade was created with, as the merchant spelled it; notifications use it. */
  charset: string
  encoding: string
  /** MD5 only on MAPI trades (signed with the partner's MD5 key). */
  signType: SignType | 'MD5'
  createdAt: number
  /** gmt_create: the scan for a precreated trade, the call for a created one. */
  gmtCreate?: number
  paidAt?: number
  closedAt?: number
  /** When an unpaid trade closes (timeout_express / time_expire). */
  deadline: number
  /** When the QR stops being scannable (qr_code_timeout_express, else 2 hours). */
  qrDeadline?: number
  buyerId?: string
  /** Set when the merchant named the buyer by open id: answers and notifications then use it. */
  buyerOpenId?: string
  refunds: Refund[]
  /** What cancel did, so a repeated cancel answers the same. */
  cancelAction?: 'close' | 'refund'
  closedBy?: 'timeout' | 'close' | 'cancel' | 'refund'
}

export const currencyOf = (trade: Trade): string => trade.currency ?? 'CNY'

export function refundedFen (trade: Trade): number {
  return trade.refunds.reduce((sum, refund) => sum + refund.amount, 0)
}

export class TradeStore {
  readonly #byOutTradeNo = new Map<string, Trade>()
  readonly #byTradeNo = new Map<string, Trade>()
  readonly #byToken = new Map<string, Trade>()

  add (trade: Trade): void {
    this.#byOutTradeNo.set(trade.outTradeNo, trade)
    if (trade.qrToken !== undefined) this.#byToken.set(trade.qrToken, trade)
    if (trade.tradeNo !== undefined) this.#byTradeNo.set(trade.tradeNo, trade)
  }

  assignTradeNo (trade: Trade, tradeNo: string): void {
    trade.tradeNo = tradeNo
    this.#byTradeNo.set(tradeNo, trade)
  }

  byOutTradeNo (outTradeNo: string): Trade | undefined {
    return this.#byOutTradeNo.get(outTradeNo)
  }

  byTradeNo (tradeNo: string): Trade | undefined {
    return this.#byTradeNo.get(tradeNo)
  }

  byToken (token: string): Trade | undefined {
    return this.#byToken.get(token)
  }

  all (): Trade[] {
    return [...this.#byOutTradeNo.values()]
  }
}
