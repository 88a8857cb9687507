// A store's settings: its own (sealed in its `stores` row) over the environment's. The default store of a
// single-restaurant server has none of its own and runs on STORE_*, PAYMENT_MODE and ALIPAY_* as before.
import type { AlipayConfig } from '../config-alipay.js'
import { assertCurrencyFitsProtocol } from '../config-alipay.js'
import { type AppConfig, ConfigError, storeCurrency, storePaymentMode, storeTimezone } from '../config.js'
import { open } from '../lib/secrets.js'
import type { PaymentMode } from '#shared/schemas/check.js'

export interface StoreSettings {
  id: string
  slug: string
  name: string
  currency: string
  timezone: string
  /** The store's default; a manager's choice in its `settings` table still wins. */
  paymentMode: PaymentMode
  alipay: AlipayConfig
  /** True when the store has Alipay credentials of its own (else it shares the environment's merchant account). */
  ownAlipay: boolean
}

/** What a store may hold of its own; every field left out is the environment's. Sealed as JSON (lib/secrets.ts). */
export interface SealedStoreSettings {
  currency?: string
  timezone?: string
  paymentMode?: PaymentMode
  alipay?: Partial<AlipayConfig>
}

/** The columns of a `stores` row this reads. */
export interface StoreRecord {
  id: string
  slug: string
  name: string
  sealed_settings: string | null
}

/** A store whose settings cannot be used; `field` names the setting (currency, timezone, …) when one is wrong. */
export class StoreSettingsError extends Error {
  constructor (readonly storeSlug: string, readonly field: string | null, problem: string) {
    super(`store "${storeSlug}": ${field ? `${field} ` : ''}${problem}`)
    this.name = 'StoreSettingsError'
  }
}

const FIELD_OF_VARIABLE: Readonly<Record<string, string>> = {
  STORE_CURRENCY: 'currency',
  STORE_TIMEZONE: 'timezone',
  PAYMENT_MODE: 'paymentMode',
}

/** Runs config.ts's check of one variable on a store's value, so a store is held to the environment's rules. */
function checked<T> (slug: string, check: () => T): T {
  try {
    return check()
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    const problem = error.message.slice(error.variable.length + 2)
    throw new StoreSettingsError(slug, FIELD_OF_VARIABLE[error.variable] ?? error.variable, problem)
  }
}

function hasOwnAlipay (own: Partial<AlipayConfig> | undefined): boolean {
  return Boolean(own && (own.appId || own.privateKey || own.publicKey || own.global?.partnerId))
}

/** `own` over the environment's settings, each field checked as config.ts checks the environment's. */
export function applyStoreSettings (store: Omit<StoreRecord, 'sealed_settings'>, own: SealedStoreSettings, config: AppConfig): StoreSettings {
  const currency = own.currency === undefined ? config.store.currency : checked(store.slug, () => storeCurrency({ STORE_CURRENCY: own.currency }))
  const timezone = own.timezone === undefined ? config.store.timezone : checked(store.slug, () => storeTimezone({ STORE_TIMEZONE: own.timezone }))
  const paymentMode = own.paymentMode === undefined ? config.paymentMode : checked(store.slug, () => storePaymentMode({ PAYMENT_MODE: own.paymentMode }))
  // A chain's stores often share one merchant account: a store's own keys replace only the fields it has. But an app
  // of its own is another account: the environment's seller id (whose trades a notification must be for) is not
  // its, so it has a seller id only when one was given with its app.
  const alipay: AlipayConfig = {
    ...config.alipay,
    ...(own.alipay?.appId ? { sellerId: null } : {}),
    ...definedFields(own.alipay ?? {}),
    global: { ...config.alipay.global, ...definedFields(own.alipay?.global ?? {}) },
  }
  checked(store.slug, () => assertCurrencyFitsProtocol(alipay.protocol, currency))
  return {
    id: store.id,
    slug: store.slug,
    // The default store's row starts nameless: its name is STORE_NAME until someone names it.
    name: store.name === '' ? config.store.name : store.name,
    currency,
    timezone,
    paymentMode,
    alipay,
    ownAlipay: hasOwnAlipay(own.alipay),
  }
}

function definedFields<T extends object> (value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined && field !== null)) as Partial<T>
}

/** The store's sealed settings as stored, or {} when it has none; SECRETS_KEY opens them. */
export function openStoreSettings (row: StoreRecord, key: Buffer | null): SealedStoreSettings {
  if (row.sealed_settings === null) return {}
  if (key === null) throw new StoreSettingsError(row.slug, null, 'has settings sealed with SECRETS_KEY, and SECRETS_KEY is not set')
  try {
    return JSON.parse(open(key, row.sealed_settings, row.id)) as SealedStoreSettings
  } catch (error) {
    throw new StoreSettingsError(row.slug, null, `has sealed settings that do not open: ${(error as Error).message}`)
  }
}

/** The settings a store runs on: its own where it has them, the environment's for the rest. */
export function resolveStoreSettings (row: StoreRecord, config: AppConfig, key: Buffer | null): StoreSettings {
  return applyStoreSettings(row, openStoreSettings(row, key), config)
}
