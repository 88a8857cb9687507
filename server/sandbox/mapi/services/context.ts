// What every MAPI service gets, what it answers, and helpers to read its parameters.
import { fromAlipayAmount, isSupportedCurrency, decimalsOf, MAX_PAYMENT_AMOUNT } from '#shared/money.js'
import type { AcqFailure } from '../../codes.js'
import type { TradeRef, TradeService } from '../../trade-service.js'
import type { Trade } from '../../trades.js'
import type { MapiGatewayError } from '../check.js'
import type { MapiSignType } from '../signing.js'
import type { ResponseFields } from '../xml.js'

export interface ServiceContext {
  /** Every request parameter, decoded. */
  params: Readonly<Record<string, string>>
  signType: MapiSignType
  charset: string
  encoding: string
  trades: TradeService
  partnerId: string
  publicUrl: string
}

/** `is_success=F` (refused, not carried out), or `is_success=T` with the `<response><alipay>` fields. */
export type ServiceResult =
  | { ok: false, error: MapiGatewayError, detail: string }
  | { ok: true, response: ResponseFields }

export interface ServiceSpec {
  /** precreate and create must carry a timestamp; the other services may. */
  needsTimestamp: boolean
  run: (ctx: ServiceContext) => ServiceResult
}

export const illegalArgument = (detail: string): ServiceResult => ({ ok: false, error: 'ILLEGAL_ARGUMENT', detail })

export const resultSuccess = (fields: ResponseFields = {}): ServiceResult =>
  ({ ok: true, response: { result_code: 'SUCCESS', ...fields } })

/**
 * A business failure: `result_code=FAIL` with the code as `error` (the acquire SDKs' name) and as
 * `detail_error_code` (PROTOCOL §4.1's), so either reading finds it.
 */
export const resultFail = (code: string, description: string, fields: ResponseFields = {}): ServiceResult =>
  ({ ok: true, response: { result_code: 'FAIL', error: code, detail_error_code: code, detail_error_des: description, ...fields } })

/** The outcome is not known (a system error): the merchant must query, or re-send with the same ids. */
export const resultUnknown = (code: string, description: string, fields: ResponseFields = {}): ServiceResult =>
  ({ ok: true, response: { result_code: 'UNKNOW', error: code, detail_error_code: code, detail_error_des: description, ...fields } })

/** The emulator's trade failures under their MAPI names (the Open Platform's without `ACQ.`). */
export const fromAcq = (failure: AcqFailure, fields: ResponseFields = {}): ServiceResult =>
  resultFail(failure.subCode.replace(/^ACQ\./, ''), failure.subMsg, fields)

export function param (ctx: ServiceContext, key: string): string | undefined {
  const value = ctx.params[key]
  return value === undefined || value === '' ? undefined : value
}

export const OUT_TRADE_NO = /^[A-Za-z0-9_]{1,64}$/

/**
 * An amount in `currency`: at most 2 decimals, and none at all for JPY/KRW/VND (the MAPI wants an integer
 * there, so "1250.00" is refused rather than read as 1250). A message when it is not one.
 */
export function parseMapiAmount (text: string | undefined, currency: string, name: string): number | string {
  if (text === undefined) return `${name} is missing`
  if (decimalsOf(currency) === 0 && text.includes('.')) return `${name} must be an integer in ${currency}`
  let minor: number
  try {
    minor = fromAlipayAmount(text, currency)
  } catch {
    return `${name} is not an amount in ${currency}`
  }
  if (minor <= 0) return `${name} must be greater than 0`
  if (minor > MAX_PAYMENT_AMOUNT) return `${name} is over the limit`
  return minor
}

export function parseCurrency (text: string | undefined, name: string): string | undefined | { problem: string } {
  if (text === undefined) return undefined
  return isSupportedCurrency(text) ? text : { problem: `${name} ${JSON.stringify(text)} is not a supported ISO 4217 code` }
}

/** A trade the MAPI opened: to the MAPI, a trade the Open Platform opened does not exist. */
export function findMapiTrade (trades: TradeService, ref: TradeRef): Trade | undefined {
  const trade = trades.find(ref)
  return trade?.protocol === 'mapi' ? trade : undefined
}

/** out_trade_no or trade_no, as acquire.query and acquire.cancel take them. */
export function tradeRefOf (ctx: ServiceContext): TradeRef | undefined {
  const ref: TradeRef = {}
  const outTradeNo = param(ctx, 'out_trade_no')
  const tradeNo = param(ctx, 'trade_no')
  if (outTradeNo !== undefined) ref.outTradeNo = outTradeNo
  if (tradeNo !== undefined) ref.tradeNo = tradeNo
  return outTradeNo === undefined && tradeNo === undefined ? undefined : ref
}
