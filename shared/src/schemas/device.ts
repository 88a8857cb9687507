// Tablets and their pairing to tables.
import { Type, type Static } from 'typebox'
import { IdSchema, TimestampSchema } from './common.js'

export const DeviceStatusEnum = { UNPAIRED: 'unpaired', PAIRED: 'paired' } as const
export type DeviceStatus = typeof DeviceStatusEnum[keyof typeof DeviceStatusEnum]

export const PairingCodeSchema = Type.String({ pattern: '^[0-9]{6}$' })

export const StoreInfoSchema = Type.Object({
  name: Type.String(),
  currency: Type.String(),
  timezone: Type.String(),
  locales: Type.Array(Type.String()),
})
export type StoreInfo = Static<typeof StoreInfoSchema>

export const DeviceTableSchema = Type.Object({
  id: IdSchema,
  label: Type.String(),
  /** The table's name in Chinese, shown instead of `label` in zh-CN; null when it has none. */
  labelZh: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  /** The table's public code (its phone-ordering link /t/<code>), for the tablet's "Order on your phone" QR. */
  code: Type.Optional(Type.String()),
  /** That link under the server's public address (PUBLIC_URL), which phones and Alipay's redirect reach. */
  phoneUrl: Type.Optional(Type.String()),
})

export const RegisterDeviceSchema = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 60, pattern: '\\S' })),
  appVersion: Type.Optional(Type.String({ maxLength: 40 })),
}, { additionalProperties: false })
export type RegisterDevice = Static<typeof RegisterDeviceSchema>

export const RegisteredDeviceSchema = Type.Object({
  deviceId: IdSchema,
  status: Type.Literal('unpaired'),
  pairingCode: PairingCodeSchema,
  pairingExpiresAt: TimestampSchema,
})
export type RegisteredDevice = Static<typeof RegisteredDeviceSchema>

export const PairingCodeResultSchema = Type.Object({
  pairingCode: PairingCodeSchema,
  pairingExpiresAt: TimestampSchema,
})
export type PairingCodeResult = Static<typeof PairingCodeResultSchema>

export const DeviceMeSchema = Type.Object({
  deviceId: IdSchema,
  name: Type.String(),
  status: Type.Enum(Object.values(DeviceStatusEnum)),
  table: Type.Optional(DeviceTableSchema),
  store: StoreInfoSchema,
  pairingCode: Type.Optional(PairingCodeSchema),
  pairingExpiresAt: Type.Optional(TimestampSchema),
})
export type DeviceMe = Static<typeof DeviceMeSchema>

/** The staff view of a tablet. */
export const DeviceSchema = Type.Object({
  id: IdSchema,
  name: Type.String(),
  status: Type.Enum(Object.values(DeviceStatusEnum)),
  table: Type.Union([DeviceTableSchema, Type.Null()]),
  lastSeenAt: Type.Union([TimestampSchema, Type.Null()]),
  appVersion: Type.Union([Type.String(), Type.Null()]),
  online: Type.Boolean(),
  /** Orders waiting in the tablet's outbox as it last reported them; null until it reports. */
  unsentOrders: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
})
export type Device = Static<typeof DeviceSchema>

/**
 * How a tablet reports its outbox (an integer 0–999) and its app version: request headers on
 * `GET /api/devices/me` (and any device request), or query parameters of `GET /api/events`
 * (`?unsentOrders=&appVersion=`), since EventSource cannot set headers.
 */
export const UNSENT_ORDERS_HEADER = 'x-unsent-orders'
export const APP_VERSION_HEADER = 'x-app-version'
export const MAX_UNSENT_ORDERS = 999
export const UnsentOrdersSchema = Type.Integer({ minimum: 0, maximum: MAX_UNSENT_ORDERS })
export const AppVersionSchema = Type.String({ minLength: 1, maxLength: 40 })

export const PairDeviceSchema = Type.Object({
  pairingCode: PairingCodeSchema,
  tableId: IdSchema,
}, { additionalProperties: false })
export type PairDevice = Static<typeof PairDeviceSchema>

export const UpdateDeviceSchema = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 60, pattern: '\\S' })),
  tableId: Type.Optional(IdSchema),
}, { additionalProperties: false, minProperties: 1 })
export type UpdateDevice = Static<typeof UpdateDeviceSchema>
