// Request params of the MAPI trade services and typed reads of their answers (PROTOCOL §4.2, §9).
import { fromAlipayAmount, MAX_PAYMENT_AMOUNT, toAlipayAmount } from '#shared/money.js'
import { type AnswerBody, MalformedAnswer, optionalString } from '../answer-fields.js'
import { type CreateInput, type TradeInput, type TradeRef } from '../gateway.js'
import { type GlobalConfig } from './global-config.js'

/** The offline in-store product: merchant QR (precreate) and trades for a known buyer (create). */
export const DEFAULT_GLOBAL_PRODUCT_CODE = 'OVERSEAS_MBARCODE_PAY'
/** MCC 5812, eating places and restaurants. */
export const RESTAURANT_INDUSTRY = '5812'
export const DEFAULT_GLOBAL_TRADE_TIMEOUT_MINUTES = 15
const MAX_TIMEOUT_MINUTES = 15 * 24 * 60

/** Fields shared by precreate and create: amount in the trans currency's own decimals, store identity, timeout. */
export function tradeParams (config: GlobalConfig, input: TradeInput, now: Date): Record<string, string | undefined> {
  return {
    out_trade_no: nonEmpty(input.outTradeNo, 'outTradeNo'),
    subject: nonEmpty(input.subject, 'subject'),
    body: input.body,
    product_code: input.productCode ?? DEFAULT_GLOBAL_PRODUCT_CODE,
    total_fee: amountParam(input.totalAmount, config.transCurrency, 'totalAmount'),
    trans_currency: config.transCurrency,
    currency: config.settlementCurrency,
    notify_url: config.notifyUrl,
    it_b_pay: `${timeoutMinutes(input, now)}m`,
    extend_params: extendParams(config, input),
  }
}

export function buyerParams (input: CreateInput): { buyer_id: string } {
  // MAPI knows buyers only by their 2088… user id; an Open Platform open_id means nothing here.
  if (input.buyerId === undefined) throw new TypeError('MAPI create needs buyerId (the 2088… user id); buyerOpenId is not accepted')
  return { buyer_id: nonEmpty(input.buyerId, 'buyerId') }
}

/** `extend_params` as the JSON string Alipay expects, always with the restaurant industry. */
function extendParams (config: GlobalConfig, input: TradeInput): string {
  const own = config.extendParams
  const fields: Record<string, string | undefined> = {
    secondary_merchant_id: own.secondaryMerchantId,
    secondary_merchant_name: own.secondaryMerchantName,
    secondary_merchant_industry: RESTAURANT_INDUSTRY,
    store_id: input.storeId ?? own.storeId,
    store_name: own.storeName,
    terminal_id: input.terminalId ?? own.terminalId,
  }
  return JSON.stringify(Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined && value.trim() !== '')))
}

/** `it_b_pay` is relative: an absolute deadline becomes the whole minutes left, at least one. */
function timeoutMinutes (input: TradeInput, now: Date): number {
  if (input.expiresAt !== undefined) {
    const left = input.expiresAt.getTime() - now.getTime()
    if (!Number.isFinite(left)) throw new RangeError('expiresAt is not a valid date')
    return Math.min(MAX_TIMEOUT_MINUTES, Math.max(1, Math.ceil(left / 60_000)))
  }
  const minutes = input.timeoutMinutes ?? DEFAULT_GLOBAL_TRADE_TIMEOUT_MINUTES
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_TIMEOUT_MINUTES) {
    throw new RangeError(`timeoutMinutes must be a whole number of minutes in [1, ${MAX_TIMEOUT_MINUTES}], not ${minutes}`)
  }
  return minutes
}

/** Integer minor units → "12.50", or "1250" for a currency without decimals (JPY, KRW). */
export function amountParam (minor: number, currency: string, name: string): string {
  if (!Number.isSafeInteger(minor) || minor < 1 || minor > MAX_PAYMENT_AMOUNT) {
    throw new RangeError(`${name} must be an integer amount in minor units of ${currency} in [1, ${MAX_PAYMENT_AMOUNT}], not ${minor}`)
  }
  return toAlipayAmount(minor, currency)
}

/**
 * An amount field in minor units of our trans currency; null when absent, or when the answer labels it
 * with another currency (then it cannot be compared with ours).
 */
export function amountIn (body: AnswerBody, key: string, currency: string, labelKeys: readonly string[]): number | null {
  const text = optionalString(body, key)
  if (text === undefined) return null
  const label = labelKeys.map(name => optionalString(body, name)).find(value => value !== undefined)
  if (label !== undefined && label.toUpperCase() !== currency) return null
  try {
    return fromAlipayAmount(text.trim(), currency)
  } catch {
    throw new MalformedAnswer(`${key} is not an amount in ${currency}: ${JSON.stringify(text)}`)
  }
}

/** The first of several names a field goes by (overseas.query vs acquire.query naming). */
export function firstString (body: AnswerBody, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const value = optionalString(body, key)
    if (value !== undefined) return value
  }
  return undefined
}

/** `20240513174920` (compact) → `2024-05-13 17:49:20`; any other form is kept as Alipay sent it. */
export function normaliseAlipayTime (text: string | undefined): string | undefined {
  const match = text === undefined ? null : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text)
  return match ? `${match[1]}-${match[2]}-${match[3]} ${match[4]}:${match[5]}:${match[6]}` : text
}

/** cancel and acquire.query name the trade by out_trade_no / trade_no. */
export function refParams (ref: TradeRef): { out_trade_no?: string, trade_no?: string } {
  if (!ref.outTradeNo && !ref.tradeNo) throw new TypeError('a trade needs outTradeNo or tradeNo')
  return { out_trade_no: ref.outTradeNo, trade_no: ref.tradeNo }
}

/** overseas.query and spot.refund name it partner_trans_id / alipay_trans_id (PROTOCOL §9). */
export function transParams (ref: TradeRef): { partner_trans_id?: string, alipay_trans_id?: string } {
  if (!ref.outTradeNo && !ref.tradeNo) throw new TypeError('a trade needs outTradeNo or tradeNo')
  return { partner_trans_id: ref.outTradeNo, alipay_trans_id: ref.tradeNo }
}

export function nonEmpty (value: string, name: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new TypeError(`${name} is required`)
  return value
}
