// Configuration from the environment (README "Configuration"), validated once at start with one clear line per mistake.
import { isIP } from 'node:net'
import { networkInterfaces } from 'node:os'
import { resolve } from 'node:path'
import { isSupportedCurrency, MINOR_UNITS } from '#shared/money.js'
import { PAYMENT_MODES, type PaymentMode } from '#shared/schemas/check.js'
import { alipayConfig, type AlipayConfig } from './config-alipay.js'
import { bool, ConfigError, type Env, integer, oneOf, secret, text, url } from './config-env.js'
import { parseSecretsKey } from './lib/secrets.js'

export { ConfigError } from './config-env.js'

export interface AppConfig {
  port: number
  host: string
  publicUrl: string
  dataDir: string
  /** PostgreSQL's connection URL; null = SQLite under dataDir (the embedded default). */
  databaseUrl: string | null
  /** Connections in each process's PostgreSQL pool. */
  databasePoolMax: number
  store: { name: string, currency: string, timezone: string }
  /** The first manager's PIN; generated and printed once when absent. */
  staffPin: string | null
  /** null = seed the demo menu only when the database is empty. */
  demoSeed: boolean | null
  alipay: AlipayConfig
  paymentQrTimeoutS: number
  /**
   * Pay-first: an unpaid order whose last payment ended (or that never got one) this long ago is cancelled
   * by itself (reason payment_abandoned); 0 = never.
   */
  unpaidOrderTtlS: number
  /** pay-first (an order goes to the kitchen once paid) or tab (paid at the end); managers may override it in the console. */
  paymentMode: PaymentMode
  /** Printers (docs/printers.md): first retry of one that failed (doubled per failure, at most a minute), and how long to wait on it. */
  printing: { retryMs: number, timeoutMs: number }
  /** How long a request may take to arrive in full (headers and body); stalled uploads are cut after it. */
  requestTimeoutMs: number
  /** Days after a diner's last sign-in when their Alipay ids and hash are erased (docs/operations.md, "Diner data"). */
  dinerDataDays: number
  /**
   * Which peers' X-Forwarded-For to believe (Fastify's trustProxy): false (none, the default), true (every hop), a hop
   * count, or addresses and CIDR ranges. It decides request.ip, which rate limits, login and pairing lockouts key on.
   */
  trustProxy: TrustProxy
  /**
   * SECRETS_KEY: seals each store's own settings and credentials in the database (server/src/lib/secrets.ts);
   * null = stores use the environment's settings only.
   */
  secretsKey: Buffer | null
  logLevel: string
}

export type TrustProxy = boolean | number | string[]

/** STORE_TIMEZONE; store-settings.ts checks a store's own zone with it too. */
export function storeTimezone (env: Env): string {
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

/**
 * 0 turns the sweep off; otherwise at least 30 s, so an order is never swept in the moment between being
 * placed and its QR being asked for.
 */
/** STORE_CURRENCY; store-settings.ts checks a store's own currency with it too. */
export function storeCurrency (env: Env): string {
  const currency = text(env, 'STORE_CURRENCY') ?? 'CNY'
  if (!isSupportedCurrency(currency)) throw new ConfigError('STORE_CURRENCY', `must be one of ${Object.keys(MINOR_UNITS).join(', ')} (got "${currency}")`)
  return currency
}

/** PAYMENT_MODE, the store's default mode; store-settings.ts checks a store's own default with it too. */
export function storePaymentMode (env: Env): PaymentMode {
  return oneOf(env, 'PAYMENT_MODE', PAYMENT_MODES, 'pay-first')
}

/** SECRETS_KEY (or SECRETS_KEY_FILE): a mistake is named without echoing the key. */
function secretsKey (env: Env): Buffer | null {
  const raw = secret(env, 'SECRETS_KEY')
  if (raw === null) return null
  const key = parseSecretsKey(raw)
  if (key === null) throw new ConfigError('SECRETS_KEY', `must be 32 random bytes as 64 hex digits or base64, e.g. from \`openssl rand -hex 32\` (got ${raw.length} characters)`)
  return key
}

function unpaidOrderTtl (env: Env): number {
  const raw = text(env, 'UNPAID_ORDER_TTL_S')
  if (raw === null) return 600
  if (raw === '0' || (/^\d+$/.test(raw) && Number(raw) >= 30 && Number(raw) <= 86_400)) return Number(raw)
  throw new ConfigError('UNPAID_ORDER_TTL_S', `must be 0 (never) or a whole number from 30 to 86400 (got "${raw}")`)
}

/**
 * postgres:// or postgresql:// selects PostgreSQL; unset or empty, SQLite. A mistake is named without echoing the
 * URL, which usually carries a password.
 */
function databaseUrl (env: Env): string | null {
  const raw = text(env, 'DATABASE_URL')
  if (raw === null) return null
  const scheme = /^([a-z][a-z\d+.-]*):\/\//i.exec(raw)?.[1]?.toLowerCase()
  if (scheme !== 'postgres' && scheme !== 'postgresql') {
    throw new ConfigError('DATABASE_URL', `must be a postgres:// or postgresql:// URL (got ${scheme ? `a ${scheme}:// URL` : 'something else'})`)
  }
  try {
    new URL(raw)
  } catch {
    throw new ConfigError('DATABASE_URL', 'is not a valid URL (a password with special characters must be percent-encoded)')
  }
  return raw
}

/** Hops of proxies in front of the server that a hop count may trust: more is a typo, not a deployment. */
const MAX_TRUSTED_HOPS = 10
/** proxy-addr's names for common ranges, which Fastify takes in the list too. */
const NAMED_RANGES = ['loopback', 'linklocal', 'uniquelocal']

/**
 * Behind a load balancer every request comes from the balancer's address, so without this all clients would share
 * one rate limit and one lockout. Unset or empty: X-Forwarded-For is ignored (a client could write anything there).
 */
function trustProxy (env: Env): TrustProxy {
  const raw = text(env, 'TRUST_PROXY')
  if (raw === null || /^false$/i.test(raw)) return false
  if (/^true$/i.test(raw)) return true
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw)
    if (hops < 1 || hops > MAX_TRUSTED_HOPS) throw new ConfigError('TRUST_PROXY', `a hop count must be from 1 to ${MAX_TRUSTED_HOPS} (got "${raw}")`)
    return hops
  }
  const entries = raw.split(',').map(entry => entry.trim())
  const wrong = entries.find(entry => !isAddressOrRange(entry))
  if (wrong !== undefined) {
    throw new ConfigError('TRUST_PROXY', `must be true, a hop count from 1 to ${MAX_TRUSTED_HOPS}, or a comma-separated list of IP addresses and CIDR ranges (got "${wrong}" in "${raw}")`)
  }
  return entries
}

function isAddressOrRange (entry: string): boolean {
  if (NAMED_RANGES.includes(entry)) return true
  const [address = '', prefix, extra] = entry.split('/')
  const version = isIP(address)
  if (version === 0 || extra !== undefined) return false
  if (prefix === undefined) return true
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128)
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

export function loadConfig (env: Env = process.env): AppConfig {
  const port = integer(env, 'PORT', 8080, 0, 65535)
  const host = text(env, 'HOST') ?? '0.0.0.0'
  const publicUrl = url(env, 'PUBLIC_URL', `http://${lanAddress()}:${port}`)
  const currency = storeCurrency(env)
  const staffPin = text(env, 'STAFF_PIN')
  if (staffPin !== null && !/^\d{4,8}$/.test(staffPin)) throw new ConfigError('STAFF_PIN', 'must be 4 to 8 digits')
  return {
    port,
    host,
    publicUrl,
    dataDir: resolve(text(env, 'DATA_DIR') ?? './data'),
    databaseUrl: databaseUrl(env),
    databasePoolMax: integer(env, 'DATABASE_POOL_MAX', 10, 1, 100),
    store: { name: text(env, 'STORE_NAME') ?? 'Lotus Garden 荷塘小馆', currency, timezone: storeTimezone(env) },
    staffPin,
    demoSeed: bool(env, 'DEMO_SEED'),
    alipay: alipayConfig(env, publicUrl, currency),
    paymentQrTimeoutS: integer(env, 'PAYMENT_QR_TIMEOUT_S', 120, 30, 86_400),
    unpaidOrderTtlS: unpaidOrderTtl(env),
    paymentMode: storePaymentMode(env),
    printing: { retryMs: integer(env, 'PRINTER_RETRY_MS', 5000, 10, 600_000), timeoutMs: integer(env, 'PRINTER_TIMEOUT_MS', 5000, 100, 120_000) },
    requestTimeoutMs: integer(env, 'REQUEST_TIMEOUT_MS', 30_000, 1000, 600_000),
    dinerDataDays: integer(env, 'DINER_DATA_DAYS', 365, 1, 36_500),
    trustProxy: trustProxy(env),
    secretsKey: secretsKey(env),
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info'),
  }
}
