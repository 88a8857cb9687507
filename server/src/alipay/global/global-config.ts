// Options of the Global MAPI gateway, checked once at start so a bad setup fails with one clear line.
import { isSupportedCurrency } from '#shared/money.js'
import { AlipayConfigError } from '../errors.js'
import { type AlipayGateway } from '../gateway.js'
import { type KeyInput, parsePrivateKey, parsePublicKey } from '../keys.js'
import { type FetchFn } from '../open-api-client.js'
import { type MapiClientConfig } from './mapi-client.js'
import { isMapiSignType, type MapiKeys, type MapiSignType } from './mapi-sign.js'

/** The restaurant's identity sent in `extend_params` (with `secondary_merchant_industry` 5812, eating places). */
export interface GlobalExtendParams {
  secondaryMerchantId?: string
  secondaryMerchantName?: string
  storeId?: string
  storeName?: string
  terminalId?: string
}

export interface GlobalGatewayOptions {
  /** e.g. `https://globalmapi.alipay.com/gateway.do`; `_input_charset=UTF-8` is added to it. */
  gatewayUrl: string
  /** The PID: `2088` + 12 digits. */
  partnerId: string
  signType: MapiSignType
  /** The 32-character MD5 key (signType MD5). */
  md5Key?: string
  /** The merchant's RSA private key (signType RSA/RSA2): PEM or bare base64, PKCS#1 or PKCS#8. */
  privateKey?: KeyInput
  /** Alipay's RSA public key (signType RSA/RSA2). */
  alipayPublicKey?: KeyInput
  /** ISO 4217 pricing currency: amounts given to the gateway are integer minor units of it. */
  transCurrency: string
  /** Sent as `currency` on trades when set (the currency Alipay settles to the merchant). */
  settlementCurrency?: string
  /** Sent as `notify_url` on precreate and create. */
  notifyUrl?: string
  /** One gateway call, including reading the answer (default 5000). */
  timeoutMs?: number
  extendParams?: GlobalExtendParams
  /** `alipay.system.oauth.token` stays on the Open Platform (PROTOCOL §4.2); without it oauthToken fails. */
  openApi?: AlipayGateway
  fetch?: FetchFn
  now?: () => Date
}

export interface GlobalConfig {
  client: MapiClientConfig
  transCurrency: string
  settlementCurrency?: string
  notifyUrl?: string
  extendParams: GlobalExtendParams
  openApi?: AlipayGateway
}

export const DEFAULT_GLOBAL_TIMEOUT_MS = 5000
const PARTNER_ID = /^2088\d{12}$/
/** The merchant portal shows a 32-character key of letters and digits. */
const MD5_KEY = /^[0-9A-Za-z]{32}$/
const CURRENCY_CODE = /^[A-Z]{3}$/

export function resolveGlobalConfig (options: GlobalGatewayOptions): GlobalConfig {
  let url: URL
  try {
    url = new URL(options.gatewayUrl)
  } catch {
    throw new AlipayConfigError(`Alipay gateway URL is not a URL: ${JSON.stringify(options.gatewayUrl)}`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new AlipayConfigError(`Alipay gateway URL must be http(s): ${options.gatewayUrl}`)
  if (typeof options.partnerId !== 'string' || !PARTNER_ID.test(options.partnerId)) {
    throw new AlipayConfigError('Alipay partner id (PID) must be 2088 followed by 12 digits')
  }
  if (!isMapiSignType(options.signType)) {
    throw new AlipayConfigError(`Alipay Global sign type must be MD5, RSA or RSA2, not ${JSON.stringify(options.signType)}`)
  }
  if (!isSupportedCurrency(options.transCurrency)) throw new AlipayConfigError(`unsupported trans currency ${JSON.stringify(options.transCurrency)}`)
  if (options.settlementCurrency !== undefined && !CURRENCY_CODE.test(options.settlementCurrency)) {
    throw new AlipayConfigError(`settlement currency must be an ISO 4217 code, not ${JSON.stringify(options.settlementCurrency)}`)
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_GLOBAL_TIMEOUT_MS
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new AlipayConfigError(`Alipay timeout must be a positive number of ms, not ${timeoutMs}`)
  return {
    client: {
      gatewayUrl: options.gatewayUrl,
      partnerId: options.partnerId,
      keys: resolveKeys(options),
      timeoutMs,
      fetch: options.fetch ?? globalThis.fetch,
      now: options.now ?? (() => new Date()),
    },
    transCurrency: options.transCurrency,
    settlementCurrency: options.settlementCurrency,
    notifyUrl: options.notifyUrl,
    extendParams: options.extendParams ?? {},
    openApi: options.openApi,
  }
}

/** The keys the sign type needs, parsed; the message never contains key material. */
export function resolveKeys (options: { signType: MapiSignType, md5Key?: string, privateKey?: KeyInput, alipayPublicKey?: KeyInput }): MapiKeys {
  if (options.signType === 'MD5') {
    if (typeof options.md5Key !== 'string' || !MD5_KEY.test(options.md5Key)) {
      throw new AlipayConfigError('Alipay MD5 key must be the 32 letters and digits from the merchant portal')
    }
    return { signType: 'MD5', md5Key: options.md5Key }
  }
  if (options.privateKey === undefined) throw new AlipayConfigError(`sign type ${options.signType} needs the merchant private key`)
  if (options.alipayPublicKey === undefined) throw new AlipayConfigError(`sign type ${options.signType} needs Alipay's public key`)
  return {
    signType: options.signType,
    privateKey: parsePrivateKey(options.privateKey, 'merchant private key'),
    alipayPublicKey: parsePublicKey(options.alipayPublicKey),
  }
}
