// Verifies Alipay's asynchronous notification from its raw body (docs/alipay.md, "Notifications") and reads it into a typed shape.
import { type KeyObject } from 'node:crypto'
import { DEFAULT_CHARSET, isUtf8 } from './charset.js'
import { FormParseError, parseFormBody } from './form.js'
import { isTradeStatus, type TradeStatus } from './gateway.js'
import { type KeyInput, parsePublicKey } from './keys.js'
import { compareAscii, isSignType, type SignType, verifyContent } from './sign.js'
import { fromAlipayAmount } from '#shared/money.js'

export interface AlipayNotification {
  /** Stays the same across Alipay's retries of one notification. */
  notifyId?: string
  notifyType?: string
  notifyTime?: string
  appId?: string
  authAppId?: string
  charset: string
  version?: string
  /** MD5 only on the Global MAPI, signed with the partner's key. */
  signType: SignType | 'MD5'
  tradeNo?: string
  outTradeNo: string
  /** On refund notifications: the refund's `out_request_no`. */
  outBizNo?: string
  /** Null when absent or not one of Alipay's four states. */
  tradeStatus: TradeStatus | null
  /** Integer fen (null when absent). */
  totalAmount: number | null
  receiptAmount: number | null
  invoiceAmount: number | null
  buyerPayAmount: number | null
  pointAmount: number | null
  /** Cumulative refunded amount in fen (null when absent). */
  refundFee: number | null
  buyerId?: string
  buyerOpenId?: string
  buyerLogonId?: string
  sellerId?: string
  sellerEmail?: string
  subject?: string
  body?: string
  /** Beijing-time strings as Alipay sent them. */
  gmtCreate?: string
  gmtPayment?: string
  gmtRefund?: string
  gmtClose?: string
  passbackParams?: string
  fundBillList?: string
  /** Every field as decoded, `sign` included, for logs and payment_events. */
  fields: Readonly<Record<string, string>>
}

export type NotificationRejection = 'malformed' | 'missing-sign' | 'unsupported-sign-type' | 'bad-signature'

export type NotificationVerification =
  | {
    ok: true
    notification: AlipayNotification
    /** `v1`: signed without sign_type (the documented way); `v2`: with it (the rsaCheckV2 fallback). */
    variant: 'v1' | 'v2'
  }
  | { ok: false, reason: NotificationRejection, detail: string, fields?: Readonly<Record<string, string>> }

export interface VerifyNotificationOptions {
  /** Assumed when a notification carries no `sign_type` (default RSA2). */
  signType?: SignType
}

/** The notification string-to-sign: drop `sign` (and `sign_type` unless kept), keep empty values, ASCII order. */
export function buildNotificationSignContent (fields: Readonly<Record<string, string>>, keepSignType = false): string {
  return Object.keys(fields)
    .filter(key => key !== 'sign' && (keepSignType || key !== 'sign_type'))
    .sort(compareAscii)
    .map(key => `${key}=${fields[key] as string}`)
    .join('&')
}

/**
 * Verifies a notification from the raw request body. Pure: a replayed notification verifies the
 * same way, so the caller dedupes by `notify_id` / state.
 */
export function verifyNotification (
  body: Uint8Array | string,
  contentType: string | undefined,
  alipayPublicKey: KeyInput,
  options: VerifyNotificationOptions = {},
): NotificationVerification {
  let fields: Record<string, string>
  let charset: string
  try {
    ({ fields, charset } = parseFormBody(typeof body === 'string' ? Buffer.from(body, 'utf8') : body, contentType))
  } catch (error) {
    if (error instanceof FormParseError) return { ok: false, reason: 'malformed', detail: error.message }
    throw error
  }
  return verifyNotificationFields(fields, alipayPublicKey, { ...options, charset })
}

/**
 * The same check over fields already decoded once (e.g. by `@fastify/formbody`, which decodes as
 * UTF-8: prefer `verifyNotification` with the raw body so a GBK notification is decoded right).
 */
export function verifyNotificationFields (
  fields: Readonly<Record<string, string>>,
  alipayPublicKey: KeyInput,
  options: VerifyNotificationOptions & { charset?: string } = {},
): NotificationVerification {
  const key: KeyObject = parsePublicKey(alipayPublicKey)
  const charset = options.charset ?? (fields.charset || DEFAULT_CHARSET)
  const sign = fields.sign
  if (!sign) return { ok: false, reason: 'missing-sign', detail: 'the notification has no sign', fields }
  const signType = fields.sign_type || options.signType || 'RSA2'
  if (!isSignType(signType)) {
    return { ok: false, reason: 'unsupported-sign-type', detail: `sign_type ${JSON.stringify(signType)}`, fields }
  }
  const variant = findSignedVariant(fields, sign, key, signType, charset)
  if (!variant) {
    return { ok: false, reason: 'bad-signature', detail: 'the signature does not verify with the Alipay public key', fields }
  }
  try {
    return { ok: true, notification: readNotification(fields, charset, signType), variant }
  } catch (error) {
    if (error instanceof RangeError) return { ok: false, reason: 'malformed', detail: error.message, fields }
    throw error
  }
}

/** rsaCheckV1 first, then the V2 variant; each over the bytes in the declared charset, then in UTF-8. */
function findSignedVariant (
  fields: Readonly<Record<string, string>>,
  sign: string,
  key: KeyObject,
  signType: SignType,
  charset: string,
): 'v1' | 'v2' | undefined {
  const charsets = isUtf8(charset) ? [charset] : [charset, 'utf-8']
  for (const variant of ['v1', 'v2'] as const) {
    const content = buildNotificationSignContent(fields, variant === 'v2')
    if (charsets.some(cs => verifyContent(content, sign, key, signType, cs))) return variant
  }
  return undefined
}

function readNotification (fields: Readonly<Record<string, string>>, charset: string, signType: SignType): AlipayNotification {
  const text = (name: string): string | undefined => fields[name] === '' ? undefined : fields[name]
  const amount = (name: string): number | null => {
    const value = text(name)
    return value === undefined ? null : fromAlipayAmount(value.trim())
  }
  const required = (name: string): string => {
    const value = text(name)
    if (value === undefined) throw new RangeError(`the notification has no ${name}`)
    return value
  }
  const status = text('trade_status')
  return {
    notifyId: text('notify_id'),
    notifyType: text('notify_type'),
    notifyTime: text('notify_time'),
    appId: text('app_id'),
    authAppId: text('auth_app_id'),
    charset,
    version: text('version'),
    signType,
    tradeNo: text('trade_no'),
    outTradeNo: required('out_trade_no'),
    outBizNo: text('out_biz_no'),
    tradeStatus: isTradeStatus(status) ? status : null,
    totalAmount: amount('total_amount'),
    receiptAmount: amount('receipt_amount'),
    invoiceAmount: amount('invoice_amount'),
    buyerPayAmount: amount('buyer_pay_amount'),
    pointAmount: amount('point_amount'),
    refundFee: amount('refund_fee'),
    buyerId: text('buyer_id'),
    buyerOpenId: text('buyer_open_id'),
    buyerLogonId: text('buyer_logon_id'),
    sellerId: text('seller_id'),
    sellerEmail: text('seller_email'),
    subject: text('subject'),
    body: text('body'),
    gmtCreate: text('gmt_create'),
    gmtPayment: text('gmt_payment'),
    gmtRefund: text('gmt_refund'),
    gmtClose: text('gmt_close'),
    passbackParams: text('passback_params'),
    fundBillList: text('fund_bill_list'),
    fields,
  }
}
