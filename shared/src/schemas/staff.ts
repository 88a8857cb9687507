// Staff accounts and sessions (PIN login).
import { Type, type Static } from 'typebox'
import { IdSchema } from './common.js'

/** `owner`: the chain's owner (no store of their own; manager rights in every store, and adds stores). */
export const StaffRoleEnum = { MANAGER: 'manager', STAFF: 'staff', OWNER: 'owner' } as const
export type StaffRole = typeof StaffRoleEnum[keyof typeof StaffRoleEnum]

/** The roles a store's members have; owners are made by `npm run owner`, never through the staff API. */
export const STORE_ROLES = [StaffRoleEnum.MANAGER, StaffRoleEnum.STAFF] as const
export type StoreRole = typeof STORE_ROLES[number]

export const PinSchema = Type.String({ pattern: '^[0-9]{4,8}$' })

export const StaffLoginSchema = Type.Object({
  pin: PinSchema,
  /** The store's short name; needed when several stores share the server (else STORE_REQUIRED). */
  store: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
}, { additionalProperties: false })
export type StaffLogin = Static<typeof StaffLoginSchema>

export const StaffMemberSchema = Type.Object({
  id: IdSchema,
  name: Type.String(),
  role: Type.Enum(Object.values(StaffRoleEnum)),
})
export type StaffMember = Static<typeof StaffMemberSchema>

/** The store the console works for: reports need its day (timezone) and money (currency) before they answer. */
export const StaffStoreSchema = Type.Object({
  /** The session's current store (an owner can switch it: PUT /api/staff/session/store). */
  id: IdSchema,
  slug: Type.String(),
  name: Type.String(),
  currency: Type.String(),
  /** IANA zone (STORE_TIMEZONE): "today" and every report day are calendar days there, not in the browser's zone. */
  timezone: Type.String(),
})
export type StaffStore = Static<typeof StaffStoreSchema>

export const StaffSessionSchema = Type.Object({ staff: StaffMemberSchema, store: StaffStoreSchema })
export type StaffSession = Static<typeof StaffSessionSchema>

export const StaffNameSchema = Type.String({ minLength: 1, maxLength: 60, pattern: '\\S' })

export const CreateStaffMemberSchema = Type.Object({
  name: StaffNameSchema,
  role: Type.Enum(STORE_ROLES),
  pin: PinSchema,
}, { additionalProperties: false })
export type CreateStaffMember = Static<typeof CreateStaffMemberSchema>

export const UpdateStaffMemberSchema = Type.Object({
  name: Type.Optional(StaffNameSchema),
  role: Type.Optional(Type.Enum(STORE_ROLES)),
  pin: Type.Optional(PinSchema),
}, { additionalProperties: false, minProperties: 1 })
export type UpdateStaffMember = Static<typeof UpdateStaffMemberSchema>

/**
 * A client address refused logins after too many wrong PINs. Lockouts are per address, not per
 * person: a PIN names nobody until it is right.
 */
export const StaffLockoutSchema = Type.Object({
  address: Type.String(),
  failures: Type.Integer({ minimum: 1 }),
  /** Seconds until it lifts by itself. */
  retryAfterS: Type.Integer({ minimum: 1 }),
  /** The address the asking console itself uses. */
  thisDevice: Type.Boolean(),
})
export type StaffLockout = Static<typeof StaffLockoutSchema>

export const StaffLockoutParamsSchema = Type.Object({
  address: Type.String({ minLength: 1, maxLength: 64 }),
}, { additionalProperties: false })
