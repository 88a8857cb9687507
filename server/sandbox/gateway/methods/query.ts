// alipay.trade.query and alipay.trade.fastpay.refund.query.
import { toAlipayAmount } from '#shared/money.js'
import { acq } from '../../codes.js'
import { maskedLogonId } from '../../ids.js'
import { formatBeijing } from '../../time.js'
import type { Trade } from '../../trades.js'
import { success, type AnswerNode } from '../answer.js'
import { answer, businessFailure, field, invalid, isFailure, tradeRef, type MethodSpec } from './context.js'

/** How Alipay names the buyer: by open id when the merchant used open ids, else by user id. */
export function buyerFields (trade: Trade, userIdKey: 'buyer_user_id' | 'buyer_id'): AnswerNode {
  if (trade.buyerId === undefined) return {}
  const fields: AnswerNode = { buyer_logon_id: maskedLogonId(trade.buyerId) }
  if (trade.buyerOpenId !== undefined) fields.buyer_open_id = trade.buyerOpenId
  else fields[userIdKey] = trade.buyerId
  return fields
}

function tradeNode (trade: Trade): AnswerNode {
  const total = toAlipayAmount(trade.amount)
  const received = trade.paidAt === undefined ? '0.00' : total
  const node: AnswerNode = success({
    trade_no: trade.tradeNo,
    out_trade_no: trade.outTradeNo,
    ...buyerFields(trade, 'buyer_user_id'),
    trade_status: trade.state,
    total_amount: total,
    buyer_pay_amount: received,
    point_amount: '0.00',
    invoice_amount: received,
    receipt_amount: received,
  })
  if (trade.buyerId !== undefined) node.buyer_user_type = 'PRIVATE'
  if (trade.paidAt !== undefined) {
    node.send_pay_date = formatBeijing(trade.paidAt)
    node.fund_bill_list = [{ fund_channel: 'ALIPAYACCOUNT', amount: total, real_amount: total }]
  }
  if (trade.storeId !== undefined) node.store_id = trade.storeId
  return node
}

export const query: MethodSpec = {
  needsBizContent: true,
  run (ctx) {
    const ref = tradeRef(ctx.biz)
    if (isFailure(ref)) return businessFailure(ref)
    const trade = ctx.trades.find(ref)
    if (trade === undefined || trade.state === 'QR_ONLY' || trade.state === 'LOCKED') {
      // Before the scan Alipay has no trade: this answer means "not scanned yet".
      const fields: AnswerNode = { buyer_pay_amount: '0.00', invoice_amount: '0.00', out_trade_no: ref.outTradeNo, point_amount: '0.00', receipt_amount: '0.00' }
      return businessFailure(acq('ACQ.TRADE_NOT_EXIST'), fields)
    }
    return answer(tradeNode(trade))
  },
}

export const refundQuery: MethodSpec = {
  needsBizContent: true,
  run (ctx) {
    const ref = tradeRef(ctx.biz)
    if (isFailure(ref)) return businessFailure(ref)
    const outRequestNo = field(ctx.biz, 'out_request_no')
    if (outRequestNo === undefined) return businessFailure(invalid('缺少必选参数out_request_no'))
    const trade = ctx.trades.find(ref)
    if (trade === undefined || trade.state === 'QR_ONLY' || trade.state === 'LOCKED') return businessFailure(acq('ACQ.TRADE_NOT_EXIST'))
    const refund = trade.refunds.find(r => r.outRequestNo === outRequestNo)
    // An unknown refund is not an error: the answer simply has no refund in it.
    if (refund === undefined) return answer(success())
    return answer(success({
      trade_no: trade.tradeNo,
      out_trade_no: trade.outTradeNo,
      out_request_no: refund.outRequestNo,
      total_amount: toAlipayAmount(trade.amount),
      refund_amount: toAlipayAmount(refund.amount),
      refund_status: 'REFUND_SUCCESS',
      refund_reason: refund.reason,
      gmt_refund_pay: formatBeijing(refund.at),
    }))
  },
}
