// Stores: the restaurants of a chain that share one server and one PostgreSQL database (docs/operations.md, "Chains").
import { Type, type Static } from 'typebox'
import { MINOR_UNITS } from '../money.js'
import { IdSchema } from './common.js'
import { PAYMENT_MODES } from './check.js'

/** The short name staff type at login: lower-case letters, digits and dashes, 2 to 39 characters. */
export const StoreSlugSchema = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{1,38}$' })
export const StoreNameSchema = Type.String({ minLength: 1, maxLength: 80, pattern: '\\S' })
export const StoreCurrencySchema = Type.Enum(Object.keys(MINOR_UNITS))
/** An IANA zone; the server checks it is one it knows. */
export const StoreTimezoneSchema = Type.String({ minLength: 1, maxLength: 64 })

/**
 * A store's own Alipay Open Platform app (write-only: answers never carry the keys). Stores without one share the
 * environment's ALIPAY_* merchant account.
 */
export const StoreAlipayCredentialsSchema = Type.Object({
  appId: Type.String({ pattern: '^[0-9]{16}$' }),
  /** The app's RSA private key (PEM or the bare base64 the Alipay console shows). */
  privateKey: Type.String({ minLength: 1, maxLength: 8000 }),
  alipayPublicKey: Type.String({ minLength: 1, maxLength: 8000 }),
  sellerId: Type.Optional(Type.String({ pattern: '^2088[0-9]{12}$' })),
}, { additionalProperties: false })
export type StoreAlipayCredentials = Static<typeof StoreAlipayCredentialsSchema>

/** What answers say of a store's Alipay: never a key. */
export const StoreAlipaySchema = Type.Object({
  /** True when the store has credentials of its own; false = it uses the server's (ALIPAY_*). */
  configured: Type.Boolean(),
  /** The app id in use (the store's own or the server's); null when there is none. */
  appId: Type.Union([Type.String(), Type.Null()]),
  /** ALIPAY_MODE: sandbox-local, alipay-sandbox or production (the whole server's). */
  mode: Type.String(),
})

export const StoreSchema = Type.Object({
  id: IdSchema,
  slug: Type.String(),
  name: Type.String(),
  currency: Type.String(),
  timezone: Type.String(),
  /** The store's default; a manager's choice (/api/staff/settings/payment-mode) wins over it. */
  paymentMode: Type.Enum(PAYMENT_MODES),
  alipay: StoreAlipaySchema,
})
export type Store = Static<typeof StoreSchema>

/** A new store; currency, timezone, payment mode and Alipay left out are the environment's. */
export const CreateStoreSchema = Type.Object({
  slug: StoreSlugSchema,
  name: StoreNameSchema,
  currency: Type.Optional(StoreCurrencySchema),
  timezone: Type.Optional(StoreTimezoneSchema),
  paymentMode: Type.Optional(Type.Enum(PAYMENT_MODES)),
  alipay: Type.Optional(StoreAlipayCredentialsSchema),
}, { additionalProperties: false })
export type CreateStore = Static<typeof CreateStoreSchema>

/** Changes to a store; null puts a setting back to the environment's (alipay: null drops the store's own keys). */
export const UpdateStoreSchema = Type.Object({
  name: Type.Optional(StoreNameSchema),
  currency: Type.Optional(Type.Union([StoreCurrencySchema, Type.Null()])),
  timezone: Type.Optional(Type.Union([StoreTimezoneSchema, Type.Null()])),
  paymentMode: Type.Optional(Type.Union([Type.Enum(PAYMENT_MODES), Type.Null()])),
  alipay: Type.Optional(Type.Union([StoreAlipayCredentialsSchema, Type.Null()])),
}, { additionalProperties: false, minProperties: 1 })
export type UpdateStore = Static<typeof UpdateStoreSchema>

/** An owner moves their session to another store. */
export const SwitchStoreSchema = Type.Object({ storeId: IdSchema }, { additionalProperties: false })
export type SwitchStore = Static<typeof SwitchStoreSchema>
