// A MAPI trade's trade_status_sync notification (PROTOCOL §4.1, §9): total_fee in the trade's currency, MD5 or RSA signed.
import type { KeyObject } from 'node:crypto'
import { toAlipayAmount } from '#shared/money.js'
import type { NotificationRequest } from '../notifier.js'
import type { TradeEvent } from '../notifications.js'
import { formatBeijing } from '../time.js'
import { currencyOf, type Trade, type TradeStatus } from '../trades.js'
import { isMapiSignType, mapiSignContent, signMapi } from './signing.js'

export interface MapiNotifyKeys {
  md5Key: string | undefined
  alipayKey: KeyObject
}

const STATUS: Record<Exclude<TradeEvent['kind'], 'refund'>, TradeStatus> = {
  paid: 'TRADE_SUCCESS',
  finished: 'TRADE_FINISHED',
  closed: 'TRADE_CLOSED',
}

/**
 * Everything but notify_time, notify_id, sign and sign_type, which the notifier adds per delivery.
 * Refunds are not notified: spot refunds answer their outcome synchronously (is_sync), and the trade stays paid.
 */
export function mapiNotification (trade: Trade, event: TradeEvent, keys: MapiNotifyKeys): NotificationRequest | undefined {
  if (trade.notifyUrl === undefined || event.kind === 'refund') return undefined
  const signType = isMapiSignType(trade.signType) ? trade.signType : 'RSA2'
  // An MD5 trade can only exist when a key was configured; a key removed since then falls back to RSA2.
  const effective = signType === 'MD5' && keys.md5Key === undefined ? 'RSA2' : signType
  const currency = currencyOf(trade)
  const fields: Record<string, string | undefined> = {
    notify_type: 'trade_status_sync',
    out_trade_no: trade.outTradeNo,
    trade_no: trade.tradeNo,
    trade_status: STATUS[event.kind],
    total_fee: toAlipayAmount(trade.amount, currency),
    trans_currency: currency,
    subject: trade.subject,
    seller_id: trade.sellerId,
    buyer_id: trade.buyerId,
    gmt_create: trade.gmtCreate === undefined ? undefined : formatBeijing(trade.gmtCreate),
    gmt_payment: trade.paidAt === undefined ? undefined : formatBeijing(trade.paidAt),
    gmt_close: event.kind === 'closed' && trade.closedAt !== undefined ? formatBeijing(trade.closedAt) : undefined,
  }
  const defined = Object.fromEntries(Object.entries(fields).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''))
  return {
    url: trade.notifyUrl,
    fields: defined,
    charset: trade.charset,
    encoding: trade.encoding,
    // Only the Open Platform's rule reads signType; the signer below decides for MAPI trades.
    signType: 'RSA2',
    signer: {
      signType: effective,
      content: mapiSignContent,
      sign: text => signMapi(text, effective, keys, trade.encoding),
    },
  }
}
