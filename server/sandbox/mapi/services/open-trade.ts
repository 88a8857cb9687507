// alipay.acquire.precreate (a QR that becomes a trade when scanned) and alipay.acquire.create (a trade for a known buyer).
import { newToken, USER_ID_PATTERN } from '../../ids.js'
import { timeoutExpressDeadline } from '../../time.js'
import type { NewTrade } from '../../trade-service.js'
import {
  fromAcq, illegalArgument, OUT_TRADE_NO, param, parseCurrency, parseMapiAmount, resultFail, resultSuccess,
  type ServiceContext, type ServiceResult, type ServiceSpec,
} from './context.js'

/** Unpaid trades close after 3 hours unless `it_b_pay` says otherwise (as on the Open Platform). */
const DEFAULT_TIMEOUT_MS = 3 * 3_600_000
/** A precreated qr_code is scannable for 2 hours unless `qr_code_it_b_pay` says otherwise. */
const DEFAULT_QR_VALIDITY_MS = 2 * 3_600_000
const DEFAULT_TRANS_CURRENCY = 'USD'

/** extend_params is a JSON object in a string; store_id is what the emulator keeps of it. */
function extendParamsOf (ctx: ServiceContext): { storeId?: string } | string {
  const text = param(ctx, 'extend_params')
  if (text === undefined) return {}
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return 'extend_params is not JSON'
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'extend_params is not a JSON object'
  const storeId = (value as Record<string, unknown>).store_id
  return typeof storeId === 'string' && storeId !== '' ? { storeId } : {}
}

function openTrade (ctx: ServiceContext, kind: NewTrade['kind']): ServiceResult {
  const now = ctx.trades.now()
  const outTradeNo = param(ctx, 'out_trade_no')
  if (outTradeNo === undefined || !OUT_TRADE_NO.test(outTradeNo)) return illegalArgument('out_trade_no is missing or not 1-64 letters, digits, _')
  const subject = param(ctx, 'subject')
  if (subject === undefined || subject.length > 256) return illegalArgument('subject is missing or longer than 256 characters')
  const settlement = parseCurrency(param(ctx, 'currency'), 'currency')
  if (typeof settlement === 'object') return illegalArgument(settlement.problem)
  // Without trans_currency the price is in the settlement currency (USD when neither is given).
  const trans = parseCurrency(param(ctx, 'trans_currency'), 'trans_currency') ?? settlement ?? DEFAULT_TRANS_CURRENCY
  if (typeof trans === 'object') return illegalArgument(trans.problem)
  const amount = parseMapiAmount(param(ctx, 'total_fee'), trans, 'total_fee')
  if (typeof amount === 'string') return illegalArgument(amount)
  const express = param(ctx, 'it_b_pay')
  const deadline = express === undefined ? now + DEFAULT_TIMEOUT_MS : timeoutExpressDeadline(express, now)
  if (deadline === undefined) return illegalArgument('it_b_pay is not like 5m, 2h, 1d or 1c')
  const extend = extendParamsOf(ctx)
  if (typeof extend === 'string') return illegalArgument(extend)
  const productCode = param(ctx, 'product_code') ?? 'OVERSEAS_MBARCODE_PAY'

  const trade: NewTrade = {
    outTradeNo,
    kind,
    protocol: 'mapi',
    currency: trans,
    amount,
    subject,
    sellerId: ctx.partnerId,
    fingerprint: JSON.stringify(['mapi', amount, trans, subject, ctx.partnerId, productCode]),
    charset: ctx.charset,
    encoding: ctx.encoding,
    signType: ctx.signType,
    deadline,
  }
  if (settlement !== undefined) trade.settlementCurrency = settlement
  if (extend.storeId !== undefined) trade.storeId = extend.storeId
  const body = param(ctx, 'body')
  if (body !== undefined) trade.body = body
  const notifyUrl = param(ctx, 'notify_url')
  if (notifyUrl !== undefined) trade.notifyUrl = notifyUrl

  if (kind === 'precreate') {
    const qrExpress = param(ctx, 'qr_code_it_b_pay')
    const qrDeadline = qrExpress === undefined ? now + DEFAULT_QR_VALIDITY_MS : timeoutExpressDeadline(qrExpress, now)
    if (qrDeadline === undefined) return illegalArgument('qr_code_it_b_pay is not like 5m, 2h, 1d or 1c')
    trade.qrDeadline = qrDeadline
    trade.qrToken = newToken()
  } else {
    const buyerId = param(ctx, 'buyer_id')
    if (buyerId === undefined || !USER_ID_PATTERN.test(buyerId)) return illegalArgument('buyer_id is missing or not 2088 + 12 digits')
    if (buyerId === ctx.partnerId) return resultFail('BUYER_SELLER_EQUAL', 'the buyer is the seller')
    trade.buyerId = buyerId
  }

  const opened = ctx.trades.open(trade)
  if (!opened.ok) return fromAcq(opened, { out_trade_no: outTradeNo })
  const { trade: stored } = opened
  if (kind === 'precreate') {
    return resultSuccess({ out_trade_no: stored.outTradeNo, qr_code: `${ctx.publicUrl}/scan/${stored.qrToken ?? ''}`, voucher_type: 'qrcode' })
  }
  return resultSuccess({ out_trade_no: stored.outTradeNo, trade_no: stored.tradeNo })
}

export const precreate: ServiceSpec = { needsTimestamp: true, run: ctx => openTrade(ctx, 'precreate') }
export const create: ServiceSpec = { needsTimestamp: true, run: ctx => openTrade(ctx, 'create') }
