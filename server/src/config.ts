// Configuration from the environment (README "Configuration"), validated once at start with one clear line per mistake.
import { networkInterfaces } from 'node:os'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { MINOR_UNITS } from '#shared/money.js'
import { PAYMENT_MODES, type PaymentMode } from '#shared/schemas/check.js'

export const ALIPAY_MODES = ['sandbox-local', 'alipay-sandbox', 'production'] as const
export type AlipayMode = typeof ALIPAY_MODES[number]
export const SIGN_TYPES = ['RSA2', 'RSA'] as const
export type SignType = typeof SIGN_TYPES[number]

/** Alipay's authorization pages (OAuth for the diner's phone) by mode; `ALIPAY_AUTH_URL` overrides. */
export const DEFAULT_AUTH_URLS: Readonly<Record<Exclude<AlipayMode, 'sandbox-local'>, string>> = {
  'alipay-sandbox': 'https://openauth-sandbox.dl.alipaydev.com/oauth2/publicAppAuthorize.htm',
  production: 'https://openauth.alipay.com/oauth2/publicAppAuthorize.htm',
}

/** The built-in emulator's authorization page, under the path the real host uses. */
export const SANDBOX_LOCAL_AUTH_PATH = '/sandbox/oauth2/publicAppAuthorize.htm'

/** Gateways by mode; `ALIPAY_GATEWAY` overrides. sandbox-local points at the emulator mounted in this process. */
export const DEFAULT_GATEWAYS: Readonly<Record<Exclude<AlipayMode, 'sandbox-local'>, string>> = {
  'alipay-sandbox': 'https://openapi-sandbox.dl.alipaydev.com/gateway.do',
  production: 'https://openapi.alipay.com/gateway.do',
}

export interface AlipayConfig {
  mode: AlipayMode
  /** Set for the remote modes; for sandbox-local the gateway is this server's own /sandbox. */
  gateway: string | null
  appId: string | null
  privateKey: string | null
  publicKey: string | null
  signType: SignType
  sellerId: string | null
  notifyUrl: string
  /** Where a phone inside Alipay is sent to authorize (`/t/:code`); sandbox-local: the emulator's page under PUBLIC_URL. */
  authUrl: string
  timeoutMs: number
}

export interface AppConfig {
  port: number
  host: string
  publicUrl: string
  dataDir: string
  store: { name: string, currency: string, timezone: string }
  /** The first manager's PIN; generated and printed once when absent. */
  staffPin: string | null
  /** null = seed the demo menu only when the database is empty. */
  demoSeed: boolean | null
  alipay: AlipayConfig
  paymentQrTimeoutS: number
  /** pay-first (an order goes to the kitchen once paid) or tab (paid at the end); managers may override it in the console. */
  paymentMode: PaymentMode
  /** How long a request may take to arrive in full (headers and body); stalled uploads are cut after it. */
  requestTimeoutMs: number
  logLevel: string
}

export class ConfigError extends Error {
  constructor (readonly variable: string, problem: string) {
    super(`${variable}: ${problem}`)
    this.name = 'ConfigError'
  }
}

type Env = Readonly<Record<string, string | undefined>>

function text (env: Env, name: string): string | null {
  const value = env[name]?.trim()
  return value ? value : null
}

function integer (env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = text(env, name)
  if (raw === null) return fallback
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(name, `must be a whole number from ${min} to ${max} (got "${raw}")`)
  }
  return Number(raw)
}

function oneOf<T extends string> (env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = text(env, name)
  if (raw === null) return fallback
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')} (got "${raw}")`)
  }
  return raw as T
}

function bool (env: Env, name: string): boolean | null {
  const raw = text(env, name)
  if (raw === null) return null
  if (/^(true|1|yes)$/i.test(raw)) return true
  if (/^(false|0|no)$/i.test(raw)) return false
  throw new ConfigError(name, `must be true or false (got "${raw}")`)
}

function url (env: Env, name: string, fallback: string): string {
  const raw = text(env, name) ?? fallback
  let parsed: URL
  try {
    parsed = new URL(raw)
  } catch {
    throw new ConfigError(name, `must be an absolute http(s) URL (got "${raw}")`)
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ConfigError(name, `must use http or https (got "${raw}")`)
  }
  return raw.replace(/\/+$/, '')
}

/** A secret given inline (`NAME`) or as a file path (`NAME_FILE`), never both. */
function secret (env: Env, name: string): string | null {
  const inline = text(env, name)
  const file = text(env, `${name}_FILE`)
  if (inline && file) throw new ConfigError(name, `set either ${name} or ${name}_FILE, not both`)
  if (!file) return inline
  try {
    const content = readFileSync(file, 'utf8').trim()
    if (!content) throw new ConfigError(`${name}_FILE`, `file ${file} is empty`)
    return content
  } catch (error) {
    if (error instanceof ConfigError) throw error
    throw new ConfigError(`${name}_FILE`, `cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`)
  }
}

function timezone (env: Env): string {
  const zone = text(env, 'STORE_TIMEZONE') ?? 'Asia/Shanghai'
  if (!isKnownTimeZone(zone)) throw new ConfigError('STORE_TIMEZONE', `is not a known IANA time zone (got "${zone}")`)
  return zone
}

/**
 * The list of canonical zones answers for the usual names; only an alias ("Asia/Calcutta", "UTC") or another
 * spelling needs a DateTimeFormat, which pages in about 5 MiB of ICU date data that the server never uses
 * again (the time zone only goes to the tablets).
 */
function isKnownTimeZone (zone: string): boolean {
  if (Intl.supportedValuesOf('timeZone').includes(zone)) return true
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone }).format(0)
    return true
  } catch {
    return false
  }
}

/** The first non-internal IPv4 address, so QR links work from phones on the same network. */
export function lanAddress (): string {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) {
      if (address.family === 'IPv4' && !address.internal) return address.address
    }
  }
  return '127.0.0.1'
}

function alipayConfig (env: Env, publicUrl: string): AlipayConfig {
  const mode = oneOf(env, 'ALIPAY_MODE', ALIPAY_MODES, 'sandbox-local')
  const signType = oneOf(env, 'ALIPAY_SIGN_TYPE', SIGN_TYPES, 'RSA2')
  const appId = text(env, 'ALIPAY_APP_ID')
  if (appId !== null && !/^\d{16}$/.test(appId)) throw new ConfigError('ALIPAY_APP_ID', `must be the 16-digit app id from the Alipay console (got "${appId}")`)
  const sellerId = text(env, 'ALIPAY_SELLER_ID')
  if (sellerId !== null && !/^2088\d{12}$/.test(sellerId)) throw new ConfigError('ALIPAY_SELLER_ID', `must be a 16-digit partner id starting with 2088 (got "${sellerId}")`)
  const privateKey = secret(env, 'ALIPAY_PRIVATE_KEY')
  const publicKey = secret(env, 'ALIPAY_PUBLIC_KEY')
  const gatewayOverride = text(env, 'ALIPAY_GATEWAY') ? url(env, 'ALIPAY_GATEWAY', '') : null
  if (mode !== 'sandbox-local') {
    if (!appId) throw new ConfigError('ALIPAY_APP_ID', `is required when ALIPAY_MODE=${mode}`)
    if (!privateKey) throw new ConfigError('ALIPAY_PRIVATE_KEY', `(or ALIPAY_PRIVATE_KEY_FILE) is required when ALIPAY_MODE=${mode}`)
    if (!publicKey) throw new ConfigError('ALIPAY_PUBLIC_KEY', `(or ALIPAY_PUBLIC_KEY_FILE) is required when ALIPAY_MODE=${mode}`)
  }
  return {
    mode,
    gateway: gatewayOverride ?? (mode === 'sandbox-local' ? null : DEFAULT_GATEWAYS[mode]),
    appId,
    privateKey,
    publicKey,
    signType,
    sellerId,
    notifyUrl: url(env, 'ALIPAY_NOTIFY_URL', `${publicUrl}/api/alipay/notify`),
    authUrl: url(env, 'ALIPAY_AUTH_URL', mode === 'sandbox-local' ? `${publicUrl}${SANDBOX_LOCAL_AUTH_PATH}` : DEFAULT_AUTH_URLS[mode]),
    timeoutMs: integer(env, 'ALIPAY_TIMEOUT_MS', 5000, 100, 120_000),
  }
}

export function loadConfig (env: Env = process.env): AppConfig {
  const port = integer(env, 'PORT', 8080, 0, 65535)
  const host = text(env, 'HOST') ?? '0.0.0.0'
  const publicUrl = url(env, 'PUBLIC_URL', `http://${lanAddress()}:${port}`)
  const currency = text(env, 'STORE_CURRENCY') ?? 'CNY'
  if (!(currency in MINOR_UNITS)) throw new ConfigError('STORE_CURRENCY', `must be one of ${Object.keys(MINOR_UNITS).join(', ')} (got "${currency}")`)
  const staffPin = text(env, 'STAFF_PIN')
  if (staffPin !== null && !/^\d{4,8}$/.test(staffPin)) throw new ConfigError('STAFF_PIN', 'must be 4 to 8 digits')
  return {
    port,
    host,
    publicUrl,
    dataDir: resolve(text(env, 'DATA_DIR') ?? './data'),
    store: { name: text(env, 'STORE_NAME') ?? 'Lotus Garden 荷塘小馆', currency, timezone: timezone(env) },
    staffPin,
    demoSeed: bool(env, 'DEMO_SEED'),
    alipay: alipayConfig(env, publicUrl),
    paymentQrTimeoutS: integer(env, 'PAYMENT_QR_TIMEOUT_S', 120, 30, 86_400),
    paymentMode: oneOf(env, 'PAYMENT_MODE', PAYMENT_MODES, 'pay-first'),
    requestTimeoutMs: integer(env, 'REQUEST_TIMEOUT_MS', 30_000, 1000, 600_000),
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info'),
  }
}
