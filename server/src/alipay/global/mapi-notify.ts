// Verifies a Global MAPI notification (MD5 or RSA/RSA2 over the POST params) and asks `notify_verify` whether Alipay sent it (PROTOCOL §3, §4.1, §9).
import { fromAlipayAmount } from '#shared/money.js'
import { isUtf8 } from '../charset.js'
import { AlipayConfigError } from '../errors.js'
import { FormParseError, parseFormBody } from '../form.js'
import { type GatewayExchange, isTradeStatus } from '../gateway.js'
import { type KeyInput, parsePublicKey } from '../keys.js'
import { type AlipayNotification, type NotificationVerification } from '../notify.js'
import { type FetchFn } from '../open-api-client.js'
import { DEFAULT_GLOBAL_TIMEOUT_MS } from './global-config.js'
import { exchange } from './mapi-http.js'
import { buildMapiPreString, type MapiKeys, type MapiSignType, verifyMapi } from './mapi-sign.js'

export interface GlobalNotificationKeys {
  /** The configured sign type; a notification signed otherwise is refused. */
  signType: MapiSignType
  md5Key?: string
  alipayPublicKey?: KeyInput
  /** The trans currency: `total_fee` and `refund_fee` are read as integer minor units of it. */
  currency: string
}

/** The Open Platform's notification shape (notify.ts): `signType` may be MD5 here, and `appId` is always undefined. */
export type GlobalNotificationVerification = NotificationVerification

/**
 * Verifies a notification from the raw request body: the MAPI pre-string (no sign, no sign_type, no
 * empty values, ASCII order) under MD5 or Alipay's RSA key. Pure; the caller dedupes by notify_id / state.
 */
export function verifyGlobalNotification (
  rawBody: Uint8Array | string,
  contentType: string | undefined,
  keys: GlobalNotificationKeys,
): GlobalNotificationVerification {
  const mapiKeys = notificationKeys(keys)
  let fields: Record<string, string>
  let charset: string
  try {
    ({ fields, charset } = parseFormBody(typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody, contentType))
  } catch (error) {
    if (error instanceof FormParseError) return { ok: false, reason: 'malformed', detail: error.message }
    throw error
  }
  const sign = fields.sign
  if (!sign) return { ok: false, reason: 'missing-sign', detail: 'the notification has no sign', fields }
  const signType = fields.sign_type || keys.signType
  if (signType !== keys.signType) {
    return { ok: false, reason: 'unsupported-sign-type', detail: `sign_type ${JSON.stringify(signType)}, configured ${keys.signType}`, fields }
  }
  const preString = buildMapiPreString(fields)
  const charsets = isUtf8(charset) ? [charset] : [charset, 'utf-8']
  if (!charsets.some(cs => verifyMapi(preString, sign, mapiKeys, cs))) {
    return { ok: false, reason: 'bad-signature', detail: `the signature does not verify with the ${signType} key`, fields }
  }
  try {
    return { ok: true, notification: readNotification(fields, charset, keys.signType, keys.currency), variant: 'v1' }
  } catch (error) {
    if (error instanceof RangeError) return { ok: false, reason: 'malformed', detail: error.message, fields }
    throw error
  }
}

export interface ConfirmNotifyOptions {
  gatewayUrl: string
  partnerId: string
  timeoutMs?: number
  fetch?: FetchFn
}

/**
 * `GET gateway.do?service=notify_verify&partner=…&notify_id=…` (unsigned): `true` when Alipay sent that
 * notification, `false` when it did not, `unknown` when the question could not be answered (timeout,
 * HTTP error, any other body).
 */
export async function confirmNotifyId (options: ConfirmNotifyOptions, notifyId: string): Promise<'true' | 'false' | 'unknown'> {
  if (typeof notifyId !== 'string' || notifyId.trim() === '') throw new TypeError('notifyId is required')
  const url = new URL(options.gatewayUrl)
  url.searchParams.set('service', 'notify_verify')
  url.searchParams.set('partner', options.partnerId)
  url.searchParams.set('notify_id', notifyId)
  const raw: GatewayExchange = { method: 'notify_verify', requestUrl: url.toString() }
  const answer = await exchange(options.fetch ?? globalThis.fetch, url.toString(), { method: 'GET' }, options.timeoutMs ?? DEFAULT_GLOBAL_TIMEOUT_MS, raw)
  if ('outcome' in answer || answer.status < 200 || answer.status > 299) return 'unknown'
  const text = answer.text?.trim()
  return text === 'true' || text === 'false' ? text : 'unknown'
}

function notificationKeys (keys: GlobalNotificationKeys): MapiKeys {
  if (keys.signType === 'MD5') {
    if (!keys.md5Key) throw new AlipayConfigError('verifying an MD5 notification needs the MD5 key')
    return { signType: 'MD5', md5Key: keys.md5Key }
  }
  if (keys.alipayPublicKey === undefined) throw new AlipayConfigError(`verifying an ${keys.signType} notification needs Alipay's public key`)
  return { signType: keys.signType, alipayPublicKey: parsePublicKey(keys.alipayPublicKey) }
}

function readNotification (fields: Readonly<Record<string, string>>, charset: string, signType: MapiSignType, currency: string): AlipayNotification {
  const text = (name: string): string | undefined => fields[name] === '' ? undefined : fields[name]
  const label = text('trans_currency') ?? text('currency')
  const amount = (name: string): number | null => {
    const value = text(name)
    if (value === undefined) return null
    // An amount labelled with another currency cannot be compared with ours: treated as absent.
    if (label !== undefined && label.toUpperCase() !== currency) return null
    return fromAlipayAmount(value.trim(), currency)
  }
  const outTradeNo = text('out_trade_no')
  if (outTradeNo === undefined) throw new RangeError('the notification has no out_trade_no')
  const status = text('trade_status')
  return {
    notifyId: text('notify_id'),
    notifyType: text('notify_type'),
    notifyTime: text('notify_time'),
    appId: undefined,
    authAppId: undefined,
    charset,
    version: undefined,
    signType,
    tradeNo: text('trade_no'),
    outTradeNo,
    outBizNo: text('out_biz_no'),
    tradeStatus: isTradeStatus(status) ? status : null,
    totalAmount: amount('total_fee'),
    receiptAmount: null,
    invoiceAmount: null,
    buyerPayAmount: null,
    pointAmount: null,
    refundFee: amount('refund_fee'),
    buyerId: text('buyer_id'),
    buyerOpenId: undefined,
    buyerLogonId: text('buyer_email') ?? text('buyer_logon_id'),
    sellerId: text('seller_id'),
    sellerEmail: text('seller_email'),
    subject: text('subject'),
    body: text('body'),
    gmtCreate: text('gmt_create'),
    gmtPayment: text('gmt_payment'),
    gmtRefund: text('gmt_refund'),
    gmtClose: text('gmt_close'),
    passbackParams: undefined,
    fundBillList: undefined,
    fields,
  }
}
