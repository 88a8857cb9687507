// The fields of a trade_status_sync notification (PROTOCOL §3.1) for each event of a trade.
import { toAlipayAmount } from '#shared/money.js'
import { maskedLogonId } from './ids.js'
import { formatBeijing } from './time.js'
import { refundedFen, type Refund, type Trade, type TradeStatus } from './trades.js'

export type TradeEvent =
  | { kind: 'paid' }
  | { kind: 'finished' }
  | { kind: 'closed' }
  | { kind: 'refund', refund: Refund }

function statusFor (trade: Trade, event: TradeEvent): TradeStatus {
  switch (event.kind) {
    case 'paid': return 'TRADE_SUCCESS'
    case 'finished': return 'TRADE_FINISHED'
    case 'closed': return 'TRADE_CLOSED'
    case 'refund': return refundedFen(trade) >= trade.amount ? 'TRADE_CLOSED' : 'TRADE_SUCCESS'
  }
}

/**
 * Everything but notify_time, notify_id, sign and sign_type, which belong to each delivery.
 * Taken when the event happens, so later changes to the trade do not leak into this notification.
 */
export function notificationFields (trade: Trade, event: TradeEvent, appId: string): Record<string, string> {
  const fields: Record<string, string> = {
    notify_type: 'trade_status_sync',
    app_id: appId,
    auth_app_id: appId,
    charset: trade.charset,
    version: '1.0',
    trade_no: trade.tradeNo ?? '',
    out_trade_no: trade.outTradeNo,
    seller_id: trade.sellerId,
    trade_status: statusFor(trade, event),
    total_amount: toAlipayAmount(trade.amount),
    subject: trade.subject,
  }
  if (trade.buyerId !== undefined) {
    if (trade.buyerOpenId !== undefined) fields.buyer_open_id = trade.buyerOpenId
    else fields.buyer_id = trade.buyerId
    fields.buyer_logon_id = maskedLogonId(trade.buyerId)
  }
  if (trade.body !== undefined) fields.body = trade.body
  if (trade.passbackParams !== undefined) fields.passback_params = trade.passbackParams
  if (trade.gmtCreate !== undefined) fields.gmt_create = formatBeijing(trade.gmtCreate)
  if (trade.paidAt !== undefined) {
    const paid = toAlipayAmount(trade.amount)
    fields.gmt_payment = formatBeijing(trade.paidAt)
    fields.receipt_amount = paid
    fields.invoice_amount = paid
    fields.buyer_pay_amount = paid
    fields.point_amount = '0.00'
    fields.fund_bill_list = JSON.stringify([{ amount: paid, fundChannel: 'ALIPAYACCOUNT' }])
  }
  if (event.kind === 'refund') {
    fields.out_biz_no = event.refund.outRequestNo
    fields.refund_fee = toAlipayAmount(refundedFen(trade))
    fields.gmt_refund = formatBeijing(event.refund.at, true)
  }
  if (fields.trade_status === 'TRADE_CLOSED' && trade.closedAt !== undefined) {
    fields.gmt_close = formatBeijing(trade.closedAt)
  }
  return fields
}
