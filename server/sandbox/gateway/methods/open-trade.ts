// alipay.trade.precreate (a QR that becomes a trade when scanned) and alipay.trade.create (a trade for a known buyer).
import { acq } from '../../codes.js'
import { newToken, newUserId, USER_ID_PATTERN } from '../../ids.js'
import { parseBeijing, timeoutExpressDeadline } from '../../time.js'
import type { NewTrade } from '../../trade-service.js'
import { success } from '../answer.js'
import { answer, businessFailure, field, invalid, isFailure, parseAmount, type MethodContext, type MethodSpec } from './context.js'

/** Face-to-face trades close after 3 hours unless told otherwise (PROTOCOL §2.1). */
const DEFAULT_TIMEOUT_MS = 3 * 3_600_000
/** A precreated qr_code is valid for 2 hours. */
const DEFAULT_QR_VALIDITY_MS = 2 * 3_600_000
const OUT_TRADE_NO = /^[A-Za-z0-9_]{1,64}$/

function deadlineOf (ctx: MethodContext, now: number): number | string {
  const timeExpire = field(ctx.biz, 'time_expire')
  if (timeExpire !== undefined) {
    const at = parseBeijing(timeExpire)
    if (at === undefined || at <= now) return 'time_expire格式错误或已过期'
    return at
  }
  const express = field(ctx.biz, 'timeout_express')
  if (express === undefined) return now + DEFAULT_TIMEOUT_MS
  return timeoutExpressDeadline(express, now) ?? 'timeout_express格式错误'
}

/** The buyer of a create call: buyer_id, or buyer_open_id (mapped to the user the emulator knows). */
function buyerOf (ctx: MethodContext): { buyerId: string, buyerOpenId?: string } | string {
  const buyerId = field(ctx.biz, 'buyer_id')
  const buyerOpenId = field(ctx.biz, 'buyer_open_id')
  if (buyerId !== undefined) {
    return USER_ID_PATTERN.test(buyerId) ? { buyerId } : 'buyer_id格式错误'
  }
  if (buyerOpenId !== undefined) {
    return { buyerId: ctx.oauth.userOfOpenId(buyerOpenId) ?? newUserId(), buyerOpenId }
  }
  return 'buyer_id和buyer_open_id不能同时为空'
}

function openTrade (ctx: MethodContext, kind: NewTrade['kind']): ReturnType<MethodSpec['run']> {
  const now = ctx.trades.now()
  const outTradeNo = field(ctx.biz, 'out_trade_no')
  if (outTradeNo === undefined || !OUT_TRADE_NO.test(outTradeNo)) {
    return businessFailure(invalid('out_trade_no为空或格式错误（最长64位，字母、数字、下划线）'))
  }
  const amount = parseAmount(field(ctx.biz, 'total_amount'), 'total_amount')
  if (isFailure(amount)) return businessFailure(amount)
  const subject = field(ctx.biz, 'subject')
  if (subject === undefined || subject.length > 256) return businessFailure(invalid('subject为空或超过256个字符'))
  const sellerId = field(ctx.biz, 'seller_id') ?? ctx.sellerId
  if (sellerId !== ctx.sellerId) return businessFailure(invalid('seller_id与应用签约的卖家不一致'))
  const deadline = deadlineOf(ctx, now)
  if (typeof deadline === 'string') return businessFailure(invalid(deadline))

  const trade: NewTrade = {
    outTradeNo,
    kind,
    amount,
    subject,
    sellerId,
    fingerprint: JSON.stringify([amount, subject, sellerId, field(ctx.biz, 'product_code') ?? 'FACE_TO_FACE_PAYMENT']),
    charset: ctx.charset,
    encoding: ctx.encoding,
    signType: ctx.signType,
    deadline,
  }
  const optional = { body: 'body', storeId: 'store_id', passbackParams: 'passback_params' } as const
  for (const [key, name] of Object.entries(optional)) {
    const value = field(ctx.biz, name)
    if (value !== undefined) trade[key as keyof typeof optional] = value
  }
  if (ctx.params.notify_url !== undefined && ctx.params.notify_url !== '') trade.notifyUrl = ctx.params.notify_url

  if (kind === 'precreate') {
    const qrExpress = field(ctx.biz, 'qr_code_timeout_express')
    const qrDeadline = qrExpress === undefined ? now + DEFAULT_QR_VALIDITY_MS : timeoutExpressDeadline(qrExpress, now)
    if (qrDeadline === undefined) return businessFailure(invalid('qr_code_timeout_express格式错误'))
    trade.qrDeadline = qrDeadline
    trade.qrToken = newToken()
  } else {
    const buyer = buyerOf(ctx)
    if (typeof buyer === 'string') return businessFailure(invalid(buyer))
    if (buyer.buyerId === ctx.sellerId) return businessFailure(acq('ACQ.BUYER_SELLER_EQUAL'))
    trade.buyerId = buyer.buyerId
    if (buyer.buyerOpenId !== undefined) trade.buyerOpenId = buyer.buyerOpenId
  }

  const opened = ctx.trades.open(trade)
  if (!opened.ok) return businessFailure(opened)
  const { trade: stored } = opened
  if (kind === 'precreate') {
    return answer(success({ out_trade_no: stored.outTradeNo, qr_code: `${ctx.publicUrl}/scan/${stored.qrToken ?? ''}` }))
  }
  return answer(success({ out_trade_no: stored.outTradeNo, trade_no: stored.tradeNo }))
}

export const precreate: MethodSpec = { needsBizContent: true, run: ctx => openTrade(ctx, 'precreate') }
export const create: MethodSpec = { needsBizContent: true, run: ctx => openTrade(ctx, 'create') }
