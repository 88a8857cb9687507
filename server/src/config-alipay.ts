// The ALIPAY_* variables (README "Configuration", docs/alipay.md): which Alipay, which protocol, and its keys.
import { ConfigError, type Env, integer, oneOf, secret, text, url } from './config-env.js'

export const ALIPAY_MODES = ['sandbox-local', 'alipay-sandbox', 'production'] as const
export type AlipayMode = typeof ALIPAY_MODES[number]

/** `openapi`: the Open Platform v2 (mainland, CNY); `global`: Alipay Global's MAPI (`alipay.acquire.*`, any currency it takes). */
export const ALIPAY_PROTOCOLS = ['openapi', 'global'] as const
export type AlipayProtocol = typeof ALIPAY_PROTOCOLS[number]

/** The Open Platform signs with RSA only; the Global MAPI also (and most often) with the partner's MD5 key. */
export const SIGN_TYPES = ['RSA2', 'RSA', 'MD5'] as const
export type SignType = typeof SIGN_TYPES[number]

/** Alipay's authorization pages (OAuth for the diner's phone) by mode; `ALIPAY_AUTH_URL` overrides. */
export const DEFAULT_AUTH_URLS: Readonly<Record<Exclude<AlipayMode, 'sandbox-local'>, string>> = {
  'alipay-sandbox': 'https://openauth-sandbox.dl.alipaydev.com/oauth2/publicAppAuthorize.htm',
  production: 'https://openauth.alipay.com/oauth2/publicAppAuthorize.htm',
}

/** The built-in emulator's authorization page, under the path the real host uses. */
export const SANDBOX_LOCAL_AUTH_PATH = '/sandbox/oauth2/publicAppAuthorize.htm'

/**
 * Gateways by protocol and mode; `ALIPAY_GATEWAY` overrides (Alipay Global also runs intlmapi, globalmapi and
 * regional gateways: a restaurant uses the one its Alipay contract names). sandbox-local points at the emulator
 * mounted in this process.
 */
export const DEFAULT_GATEWAYS: Readonly<Record<AlipayProtocol, Readonly<Record<Exclude<AlipayMode, 'sandbox-local'>, string>>>> = {
  openapi: {
    'alipay-sandbox': 'https://openapi-sandbox.dl.alipaydev.com/gateway.do',
    production: 'https://openapi.alipay.com/gateway.do',
  },
  global: {
    'alipay-sandbox': 'https://mapi.alipaydev.com/gateway.do',
    production: 'https://mapi.alipay.com/gateway.do',
  },
}

/** Alipay Global's merchant identity and settlement (sent on every trade; industry 5812, eating places). */
export interface AlipayGlobalConfig {
  /** PID, `2088` + 12 digits. */
  partnerId: string | null
  md5Key: string | null
  /** Sent as `currency` when set; otherwise Alipay settles in the contract's currency. */
  settlementCurrency: string | null
  secondaryMerchantId: string | null
  secondaryMerchantName: string | null
  storeId: string | null
  storeName: string | null
}

export interface AlipayConfig {
  mode: AlipayMode
  protocol: AlipayProtocol
  /** Set for the remote modes; for sandbox-local the gateway is this server's own /sandbox. */
  gateway: string | null
  /** The Open Platform's gateway for the mode: `gateway` under openapi; under global the phone's sign-in calls it. */
  openApiGateway: string | null
  /**
   * The Open Platform app. Under `global` it is optional and only serves the diner's phone
   * (`alipay.system.oauth.token` stays on the Open Platform); without it the phone flow is off.
   */
  appId: string | null
  privateKey: string | null
  publicKey: string | null
  signType: SignType
  sellerId: string | null
  notifyUrl: string
  /** Where a phone inside Alipay is sent to authorize (`/t/:code`); sandbox-local: the emulator's page under PUBLIC_URL. */
  authUrl: string
  timeoutMs: number
  global: AlipayGlobalConfig
}

const PARTNER_ID = /^2088\d{12}$/

function partnerId (env: Env, name: string): string | null {
  const value = text(env, name)
  if (value !== null && !PARTNER_ID.test(value)) throw new ConfigError(name, `must be a 16-digit partner id starting with 2088 (got "${value}")`)
  return value
}

/** At most `max` characters: Alipay refuses longer identity fields. */
function label (env: Env, name: string, max: number): string | null {
  const value = text(env, name)
  if (value !== null && value.length > max) throw new ConfigError(name, `must be at most ${max} characters (got ${value.length})`)
  return value
}

function globalConfig (env: Env): AlipayGlobalConfig {
  const md5Key = secret(env, 'ALIPAY_MD5_KEY')
  // The merchant portal's MD5 key is 32 letters and digits; anything else is a copy-and-paste accident.
  if (md5Key !== null && !/^[0-9A-Za-z]{32}$/.test(md5Key)) throw new ConfigError('ALIPAY_MD5_KEY', `must be the 32-character MD5 key from Alipay's merchant portal (got ${md5Key.length} characters)`)
  const settlementCurrency = text(env, 'ALIPAY_SETTLEMENT_CURRENCY')
  if (settlementCurrency !== null && !/^[A-Z]{3}$/.test(settlementCurrency)) {
    throw new ConfigError('ALIPAY_SETTLEMENT_CURRENCY', `must be an ISO 4217 code such as HKD or USD (got "${settlementCurrency}")`)
  }
  return {
    partnerId: partnerId(env, 'ALIPAY_PARTNER_ID'),
    md5Key,
    settlementCurrency,
    secondaryMerchantId: label(env, 'ALIPAY_SECONDARY_MERCHANT_ID', 64),
    secondaryMerchantName: label(env, 'ALIPAY_SECONDARY_MERCHANT_NAME', 128),
    storeId: label(env, 'ALIPAY_STORE_ID', 64),
    storeName: label(env, 'ALIPAY_STORE_NAME', 128),
  }
}

/** What each protocol needs from the restaurant in the remote modes (sandbox-local generates its own). */
function requireCredentials (mode: AlipayMode, protocol: AlipayProtocol, signType: SignType, config: Pick<AlipayConfig, 'appId' | 'privateKey' | 'publicKey' | 'global'>): void {
  const when = `when ALIPAY_MODE=${mode}`
  const openApiKeys = (reason: string): void => {
    if (!config.privateKey) throw new ConfigError('ALIPAY_PRIVATE_KEY', `(or ALIPAY_PRIVATE_KEY_FILE) is required ${reason}`)
    if (!config.publicKey) throw new ConfigError('ALIPAY_PUBLIC_KEY', `(or ALIPAY_PUBLIC_KEY_FILE) is required ${reason}`)
  }
  if (protocol === 'openapi') {
    if (!config.appId) throw new ConfigError('ALIPAY_APP_ID', `is required ${when}`)
    openApiKeys(when)
    return
  }
  if (!config.global.partnerId) throw new ConfigError('ALIPAY_PARTNER_ID', `is required ${when} and ALIPAY_PROTOCOL=global`)
  if (signType === 'MD5' && !config.global.md5Key) throw new ConfigError('ALIPAY_MD5_KEY', `(or ALIPAY_MD5_KEY_FILE) is required with ALIPAY_SIGN_TYPE=MD5 ${when}`)
  if (signType !== 'MD5') openApiKeys(`with ALIPAY_SIGN_TYPE=${signType} ${when}`)
  // The phone flow's oauth.token is an Open Platform call, signed with the app's RSA key.
  if (config.appId) openApiKeys('with ALIPAY_APP_ID (the diner\'s phone signs in through the Open Platform)')
}

/** Open Platform trades are in yuan: a restaurant pricing in another currency takes payments through Alipay Global. */
export function assertCurrencyFitsProtocol (protocol: AlipayProtocol, storeCurrency: string): void {
  if (protocol === 'openapi' && storeCurrency !== 'CNY') {
    throw new ConfigError('STORE_CURRENCY', `${storeCurrency} needs ALIPAY_PROTOCOL=global: the Open Platform (ALIPAY_PROTOCOL=openapi) takes payments in CNY only`)
  }
}

export function alipayConfig (env: Env, publicUrl: string, storeCurrency: string): AlipayConfig {
  const mode = oneOf(env, 'ALIPAY_MODE', ALIPAY_MODES, 'sandbox-local')
  const protocol = oneOf(env, 'ALIPAY_PROTOCOL', ALIPAY_PROTOCOLS, 'openapi')
  const signType = oneOf(env, 'ALIPAY_SIGN_TYPE', SIGN_TYPES, protocol === 'global' ? 'MD5' : 'RSA2')
  if (protocol === 'openapi' && signType === 'MD5') throw new ConfigError('ALIPAY_SIGN_TYPE', 'MD5 is only for ALIPAY_PROTOCOL=global; the Open Platform signs with RSA2 or RSA')
  assertCurrencyFitsProtocol(protocol, storeCurrency)
  const appId = text(env, 'ALIPAY_APP_ID')
  if (appId !== null && !/^\d{16}$/.test(appId)) throw new ConfigError('ALIPAY_APP_ID', `must be the 16-digit app id from the Alipay console (got "${appId}")`)
  const sellerId = partnerId(env, 'ALIPAY_SELLER_ID')
  const privateKey = secret(env, 'ALIPAY_PRIVATE_KEY')
  const publicKey = secret(env, 'ALIPAY_PUBLIC_KEY')
  const global = globalConfig(env)
  const gatewayOverride = text(env, 'ALIPAY_GATEWAY') ? url(env, 'ALIPAY_GATEWAY', '') : null
  if (mode !== 'sandbox-local') requireCredentials(mode, protocol, signType, { appId, privateKey, publicKey, global })
  return {
    mode,
    protocol,
    gateway: gatewayOverride ?? (mode === 'sandbox-local' ? null : DEFAULT_GATEWAYS[protocol][mode]),
    openApiGateway: mode === 'sandbox-local' ? null : (protocol === 'openapi' && gatewayOverride) || DEFAULT_GATEWAYS.openapi[mode],
    appId,
    privateKey,
    publicKey,
    signType,
    sellerId,
    notifyUrl: url(env, 'ALIPAY_NOTIFY_URL', `${publicUrl}/api/alipay/notify`),
    authUrl: url(env, 'ALIPAY_AUTH_URL', mode === 'sandbox-local' ? `${publicUrl}${SANDBOX_LOCAL_AUTH_PATH}` : DEFAULT_AUTH_URLS[mode]),
    timeoutMs: integer(env, 'ALIPAY_TIMEOUT_MS', 5000, 100, 120_000),
    global,
  }
}

/**
 * Whether diners can order from their phones: their sign-in is an Open Platform call, so under `global` it needs the
 * Open Platform app (ALIPAY_APP_ID and its keys). The built-in emulator always has one.
 */
export function phoneOrderingAvailable (alipay: Pick<AlipayConfig, 'mode' | 'protocol' | 'appId'>): boolean {
  return alipay.mode === 'sandbox-local' || alipay.protocol === 'openapi' || alipay.appId !== null
}
