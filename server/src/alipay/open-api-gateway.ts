// The AlipayGateway over the Open Platform v2 `gateway.do` (docs/alipay.md, "Trade calls").
import { type KeyObject } from 'node:crypto'
import { MAX_PAYMENT_AMOUNT, toAlipayAmount } from '#shared/money.js'
import {
  type AnswerBody, flag, MalformedAnswer, optionalAmount, optionalInteger, optionalString, requiredAmount, requiredString,
} from './answer-fields.js'
import { AlipayConfigError } from './errors.js'
import {
  type AlipayGateway, type CancelResult, type CreateInput, type GatewayResult, isTradeStatus, type TradeInput, type TradeRef,
} from './gateway.js'
import { type KeyInput, parsePrivateKey, parsePublicKey } from './keys.js'
import { callOpenApi, type FetchFn, type OpenApiAnswer, type OpenApiCall, type OpenApiClientConfig } from './open-api-client.js'
import { isSignType, type SignType } from './sign.js'
import { alipayTimestamp } from './timestamp.js'

export interface OpenApiGatewayOptions {
  /** e.g. `https://openapi.alipay.com/gateway.do` or the emulator's `/sandbox/gateway.do`. */
  gatewayUrl: string
  appId: string
  /** The merchant's app private key: PEM or bare base64, PKCS#1 or PKCS#8. */
  privateKey: KeyInput
  /** Alipay's public key (not the app public key): PEM or bare base64 SPKI. */
  alipayPublicKey: KeyInput
  signType?: SignType
  /** One gateway call, including reading the answer (default 5000). */
  timeoutMs?: number
  /** Sent as `notify_url` on precreate and create. */
  notifyUrl?: string
  /** Sent as `seller_id` on precreate and create (a trade input may override it). */
  sellerId?: string
  fetch?: FetchFn
  now?: () => Date
}

export const DEFAULT_TIMEOUT_MS = 5000
export const DEFAULT_TRADE_TIMEOUT_MINUTES = 15
/** 当面付 for the kiosk QR; JSAPI_PAY for tradePay in the Alipay app (docs/alipay.md, "create and oauth token": it depends on the contract). */
export const DEFAULT_PRECREATE_PRODUCT_CODE = 'FACE_TO_FACE_PAYMENT'
export const DEFAULT_CREATE_PRODUCT_CODE = 'JSAPI_PAY'
const MAX_TIMEOUT_MINUTES = 15 * 24 * 60
/** Alipay's range for an amount is [0.01, 100000000] yuan. */
const MAX_AMOUNT_FEN = MAX_PAYMENT_AMOUNT

export function createOpenApiGateway (options: OpenApiGatewayOptions): AlipayGateway {
  const config = resolveConfig(options)

  async function call<T> (request: OpenApiCall, map: (answer: OpenApiAnswer) => T, acceptsPaying = false): Promise<GatewayResult<T>> {
    const outcome = await callOpenApi(config, request)
    if (outcome.outcome !== 'answer') return outcome
    if (outcome.code === '10003' && !acceptsPaying) {
      return { outcome: 'unknown', reason: 'malformed', detail: `unexpected code 10003 from ${request.method}`, code: '10003', raw: outcome.raw }
    }
    try {
      return { outcome: 'success', data: map(outcome), raw: outcome.raw }
    } catch (error) {
      if (!(error instanceof MalformedAnswer)) throw error
      return { outcome: 'unknown', reason: 'malformed', detail: error.message, code: outcome.code, raw: outcome.raw }
    }
  }

  return {
    precreate: async input => call({
      method: 'alipay.trade.precreate',
      bizContent: tradeFields(input, options.sellerId, DEFAULT_PRECREATE_PRODUCT_CODE),
      params: { notify_url: options.notifyUrl },
    }, ({ body }) => ({
      outTradeNo: optionalString(body, 'out_trade_no') ?? input.outTradeNo,
      qrCode: requiredString(body, 'qr_code'),
    })),

    create: async input => call({
      method: 'alipay.trade.create',
      bizContent: { ...tradeFields(input, options.sellerId, DEFAULT_CREATE_PRODUCT_CODE), ...buyerFields(input) },
      params: { notify_url: options.notifyUrl },
    }, ({ body, code }) => ({
      outTradeNo: optionalString(body, 'out_trade_no') ?? input.outTradeNo,
      tradeNo: requiredString(body, 'trade_no'),
      userPaying: code === '10003',
    }), true),

    query: async ref => call({ method: 'alipay.trade.query', bizContent: refFields(ref) }, ({ body, code }) => {
      const status = optionalString(body, 'trade_status')
      if (!isTradeStatus(status)) throw new MalformedAnswer(`unknown trade_status ${JSON.stringify(status)}`)
      return {
        outTradeNo: optionalString(body, 'out_trade_no') ?? ref.outTradeNo ?? '',
        tradeNo: optionalString(body, 'trade_no') ?? ref.tradeNo ?? '',
        tradeStatus: status,
        totalAmount: optionalAmount(body, 'total_amount'),
        receiptAmount: optionalAmount(body, 'receipt_amount'),
        buyerPayAmount: optionalAmount(body, 'buyer_pay_amount'),
        ...buyerOf(body),
        buyerLogonId: optionalString(body, 'buyer_logon_id'),
        paidAt: optionalString(body, 'send_pay_date'),
        userPaying: code === '10003',
      }
    }, true),

    cancel: async ref => call({ method: 'alipay.trade.cancel', bizContent: refFields(ref) }, ({ body }) => ({
      ...idsOf(body),
      action: cancelAction(body),
      retryFlag: flag(body, 'retry_flag'),
    })),

    close: async ref => call({ method: 'alipay.trade.close', bizContent: refFields(ref) }, ({ body }) => idsOf(body)),

    refund: async input => call({
      method: 'alipay.trade.refund',
      bizContent: {
        ...refFields(input),
        out_request_no: nonEmpty(input.outRequestNo, 'outRequestNo'),
        refund_amount: amountField(input.refundAmount, 'refundAmount'),
        refund_reason: input.reason,
        store_id: input.storeId,
        terminal_id: input.terminalId,
        operator_id: input.operatorId,
      },
    }, ({ body }) => ({
      ...idsOf(body),
      fundChange: flag(body, 'fund_change'),
      refundFee: requiredAmount(body, 'refund_fee'),
      refundedAt: optionalString(body, 'gmt_refund_pay'),
      ...buyerOf(body),
    })),

    refundQuery: async input => call({
      method: 'alipay.trade.fastpay.refund.query',
      bizContent: { ...refFields(input), out_request_no: nonEmpty(input.outRequestNo, 'outRequestNo') },
    }, ({ body }) => ({
      ...idsOf(body),
      outRequestNo: optionalString(body, 'out_request_no'),
      refunded: optionalString(body, 'refund_status') === 'REFUND_SUCCESS',
      refundAmount: optionalAmount(body, 'refund_amount'),
      totalAmount: optionalAmount(body, 'total_amount'),
      refundedAt: optionalString(body, 'gmt_refund_pay'),
    })),

    // The only call without biz_content: grant_type and code are top-level params (docs/alipay.md, "create and oauth token").
    oauthToken: async input => call({
      method: 'alipay.system.oauth.token',
      params: input.code !== undefined
        ? { grant_type: 'authorization_code', code: nonEmpty(input.code, 'code') }
        : { grant_type: 'refresh_token', refresh_token: nonEmpty(input.refreshToken, 'refreshToken') },
    }, ({ body }) => {
      const userId = optionalString(body, 'user_id')
      const openId = optionalString(body, 'open_id')
      if (userId === undefined && openId === undefined) throw new MalformedAnswer('neither user_id nor open_id')
      return {
        userId,
        openId,
        accessToken: optionalString(body, 'access_token'),
        expiresIn: optionalInteger(body, 'expires_in'),
        refreshToken: optionalString(body, 'refresh_token'),
        reExpiresIn: optionalInteger(body, 're_expires_in'),
        unionId: optionalString(body, 'union_id'),
      }
    }),

    // The day's trade bill (docs/alipay.md, "Reconciliation with Alipay's bill"); isp.bill_not_exist is a failure.
    tradeBillUrl: async input => call({
      method: 'alipay.data.dataservice.bill.downloadurl.query',
      bizContent: { bill_type: 'trade', bill_date: billDate(input.billDate) },
    }, ({ body }) => ({ downloadUrl: requiredString(body, 'bill_download_url') })),
  }
}

/** A real calendar day `YYYY-MM-DD` (the daily bill; Alipay also takes `YYYY-MM` for a month, not used here). */
function billDate (text: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  const day = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null
  if (day === null || day.toISOString().slice(0, 10) !== text) throw new RangeError(`billDate must be a calendar day YYYY-MM-DD, not ${JSON.stringify(text)}`)
  return text
}

function resolveConfig (options: OpenApiGatewayOptions): OpenApiClientConfig {
  let url: URL
  try {
    url = new URL(options.gatewayUrl)
  } catch {
    throw new AlipayConfigError(`Alipay gateway URL is not a URL: ${JSON.stringify(options.gatewayUrl)}`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new AlipayConfigError(`Alipay gateway URL must be http(s): ${options.gatewayUrl}`)
  }
  if (!options.appId || !/^\S+$/.test(options.appId)) throw new AlipayConfigError('Alipay app id is missing or contains spaces')
  const signType = options.signType ?? 'RSA2'
  if (!isSignType(signType)) throw new AlipayConfigError(`Alipay sign type must be RSA2 or RSA, not ${JSON.stringify(signType)}`)
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new AlipayConfigError(`Alipay timeout must be a positive number of ms, not ${timeoutMs}`)
  const privateKey: KeyObject = parsePrivateKey(options.privateKey)
  const alipayPublicKey: KeyObject = parsePublicKey(options.alipayPublicKey)
  return {
    gatewayUrl: options.gatewayUrl,
    appId: options.appId,
    privateKey,
    alipayPublicKey,
    signType,
    timeoutMs,
    fetch: options.fetch ?? globalThis.fetch,
    now: options.now ?? (() => new Date()),
  }
}

/** The business fields shared by precreate and create (docs/alipay.md, "precreate", "create and oauth token"). */
function tradeFields (input: TradeInput, sellerId: string | undefined, defaultProductCode: string): Record<string, unknown> {
  return {
    out_trade_no: nonEmpty(input.outTradeNo, 'outTradeNo'),
    total_amount: amountField(input.totalAmount, 'totalAmount'),
    subject: nonEmpty(input.subject, 'subject'),
    body: input.body,
    product_code: input.productCode ?? defaultProductCode,
    seller_id: input.sellerId ?? sellerId,
    store_id: input.storeId,
    terminal_id: input.terminalId,
    operator_id: input.operatorId,
    ...expiryFields(input),
  }
}

function expiryFields (input: TradeInput): Record<string, string> {
  if (input.expiresAt !== undefined) return { time_expire: alipayTimestamp(input.expiresAt) }
  const minutes = input.timeoutMinutes ?? DEFAULT_TRADE_TIMEOUT_MINUTES
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_TIMEOUT_MINUTES) {
    throw new RangeError(`timeoutMinutes must be a whole number of minutes in [1, ${MAX_TIMEOUT_MINUTES}], not ${minutes}`)
  }
  return { timeout_express: `${minutes}m` }
}

function buyerFields (input: CreateInput): Record<string, string> {
  if (input.buyerId !== undefined) return { buyer_id: nonEmpty(input.buyerId, 'buyerId') }
  if (input.buyerOpenId !== undefined) return { buyer_open_id: nonEmpty(input.buyerOpenId, 'buyerOpenId') }
  throw new TypeError('create needs buyerId or buyerOpenId')
}

function refFields (ref: TradeRef): Record<string, string | undefined> {
  if (!ref.outTradeNo && !ref.tradeNo) throw new TypeError('a trade needs outTradeNo or tradeNo')
  return { out_trade_no: ref.outTradeNo, trade_no: ref.tradeNo }
}

function amountField (fen: number, name: string): string {
  if (!Number.isSafeInteger(fen) || fen < 1 || fen > MAX_AMOUNT_FEN) {
    throw new RangeError(`${name} must be an integer amount in fen in [1, ${MAX_AMOUNT_FEN}], not ${fen}`)
  }
  return toAlipayAmount(fen)
}

function nonEmpty (value: string, name: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new TypeError(`${name} is required`)
  return value
}

function idsOf (body: AnswerBody): { outTradeNo?: string, tradeNo?: string } {
  return { outTradeNo: optionalString(body, 'out_trade_no'), tradeNo: optionalString(body, 'trade_no') }
}

function buyerOf (body: AnswerBody): { buyerId?: string, buyerOpenId?: string } {
  return {
    buyerId: optionalString(body, 'buyer_user_id') ?? optionalString(body, 'buyer_id'),
    buyerOpenId: optionalString(body, 'buyer_open_id'),
  }
}

function cancelAction (body: AnswerBody): CancelResult['action'] {
  const action = optionalString(body, 'action')
  return action === 'close' || action === 'refund' ? action : null
}
