// alipay.acquire.overseas.query (partner_trans_id, alipay_trans_* naming) and alipay.acquire.query (out_trade_no, trade_status).
import { toAlipayAmount } from '#shared/money.js'
import { maskedLogonId } from '../../ids.js'
import { formatBeijing } from '../../time.js'
import { currencyOf, type Trade } from '../../trades.js'
import { findMapiTrade, illegalArgument, param, resultFail, resultSuccess, tradeRefOf, type ServiceSpec } from './context.js'

/** Before the scan there is no trade yet, as on the Open Platform: "not found" then means "not scanned yet". */
const exists = (trade: Trade | undefined): trade is Trade =>
  trade !== undefined && trade.state !== 'QR_ONLY' && trade.state !== 'LOCKED'

/** `yyyyMMddHHmmss` in GMT+8, as the overseas acquire answers write their times. */
export const compactBeijing = (epochMs: number): string => formatBeijing(epochMs).replace(/[- :]/g, '')

export const overseasQuery: ServiceSpec = {
  needsTimestamp: false,
  run (ctx) {
    const partnerTransId = param(ctx, 'partner_trans_id')
    if (partnerTransId === undefined) return illegalArgument('partner_trans_id is missing')
    const trade = findMapiTrade(ctx.trades, { outTradeNo: partnerTransId })
    if (!exists(trade)) return resultFail('TRANS_NOT_FOUND', 'no transaction with this partner_trans_id', { partner_trans_id: partnerTransId })
    const currency = currencyOf(trade)
    return resultSuccess({
      partner_trans_id: trade.outTradeNo,
      out_trade_no: trade.outTradeNo,
      alipay_trans_id: trade.tradeNo,
      alipay_trans_status: trade.state,
      trans_amount: toAlipayAmount(trade.amount, currency),
      currency,
      alipay_pay_time: trade.paidAt === undefined ? undefined : compactBeijing(trade.paidAt),
      alipay_buyer_user_id: trade.buyerId,
      alipay_buyer_login_id: trade.buyerId === undefined ? undefined : maskedLogonId(trade.buyerId),
    })
  },
}

export const acquireQuery: ServiceSpec = {
  needsTimestamp: false,
  run (ctx) {
    const ref = tradeRefOf(ctx)
    if (ref === undefined) return illegalArgument('out_trade_no and trade_no are both missing')
    const trade = findMapiTrade(ctx.trades, ref)
    if (!exists(trade)) return resultFail('TRADE_NOT_EXIST', 'no trade with this out_trade_no / trade_no', { out_trade_no: ref.outTradeNo })
    const currency = currencyOf(trade)
    return resultSuccess({
      out_trade_no: trade.outTradeNo,
      trade_no: trade.tradeNo,
      trade_status: trade.state,
      total_fee: toAlipayAmount(trade.amount, currency),
      trans_currency: currency,
      buyer_user_id: trade.buyerId,
      buyer_logon_id: trade.buyerId === undefined ? undefined : maskedLogonId(trade.buyerId),
      gmt_create: trade.gmtCreate === undefined ? undefined : formatBeijing(trade.gmtCreate),
      gmt_payment: trade.paidAt === undefined ? undefined : formatBeijing(trade.paidAt),
    })
  },
}
