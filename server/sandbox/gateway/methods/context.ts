// What every gateway method gets, and helpers to read business fields from biz_content.
import { fromAlipayAmount } from '#shared/money.js'
import { acq, type AcqFailure } from '../../codes.js'
import type { BillLinks } from '../../bill/bill-links.js'
import type { OAuthService } from '../../oauth.js'
import type { SignType } from '../../signing.js'
import type { TradeRef, TradeService } from '../../trade-service.js'
import { failure, type Answer, type AnswerNode } from '../answer.js'

export interface MethodContext {
  /** Every request parameter, decoded. */
  params: Readonly<Record<string, string>>
  /** biz_content parsed (empty for methods without one). */
  biz: Readonly<Record<string, unknown>>
  signType: SignType
  charset: string
  encoding: string
  trades: TradeService
  oauth: OAuthService
  sellerId: string
  publicUrl: string
  /** The emulator's base URL as the caller reached it (gateway.do's directory): where its bill links point. */
  baseUrl: string
  bills: BillLinks
}

export interface MethodSpec {
  /** alipay.system.oauth.token has no biz_content; every trade method needs one. */
  needsBizContent: boolean
  run: (ctx: MethodContext) => Answer
}

/** Largest amount Alipay accepts: 100 000 000 yuan, in fen. */
export const MAX_AMOUNT_FEN = 10_000_000_000

export const answer = (node: AnswerNode): Answer => ({ place: 'method', node, signed: true })

export function businessFailure (fail: AcqFailure, fields: AnswerNode = {}): Answer {
  return answer(failure(40004, fail.subCode, fail.subMsg, fields))
}

export const invalid = (detail: string): AcqFailure => acq('ACQ.INVALID_PARAMETER', detail)

/** A text field of biz_content; numbers are taken as their decimal text, anything else as absent. */
export function field (biz: Readonly<Record<string, unknown>>, key: string): string | undefined {
  const value = biz[key]
  if (typeof value === 'string') return value === '' ? undefined : value
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  return undefined
}

export function parseAmount (text: string | undefined, name: string): AcqFailure | number {
  if (text === undefined) return invalid(`缺少必选参数${name}`)
  let fen: number
  try {
    fen = fromAlipayAmount(text)
  } catch {
    return invalid(`${name}格式错误`)
  }
  if (fen <= 0) return invalid(`${name}必须大于0`)
  if (fen > MAX_AMOUNT_FEN) return acq('ACQ.TOTAL_FEE_EXCEED')
  return fen
}

/** out_trade_no or trade_no, as query, cancel, close and refund take them. */
export function tradeRef (biz: Readonly<Record<string, unknown>>): AcqFailure | TradeRef {
  const ref: TradeRef = {}
  const outTradeNo = field(biz, 'out_trade_no')
  const tradeNo = field(biz, 'trade_no')
  if (outTradeNo !== undefined) ref.outTradeNo = outTradeNo
  if (tradeNo !== undefined) ref.tradeNo = tradeNo
  if (outTradeNo === undefined && tradeNo === undefined) return invalid('out_trade_no和trade_no不能同时为空')
  return ref
}

export const isFailure = (value: unknown): value is AcqFailure =>
  typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === false
