// The table's check: every order placed at a table (from its tablet or a diner's phone) until it is settled,
// who placed each one, and what has been paid against it.
import { Type, type Static } from 'typebox'
import { IdSchema, MoneySchema, TimestampSchema } from './common.js'
import { OrderSchema } from './order.js'
import { PaymentMethodEnum, PaymentSchema } from './payment.js'

export const PaymentModeEnum = {
  /** An order goes to the kitchen once its amount is paid. */
  PAY_FIRST: 'pay-first',
  /** Orders go to the kitchen when placed; the check is paid at the end. */
  TAB: 'tab',
} as const
export type PaymentMode = typeof PaymentModeEnum[keyof typeof PaymentModeEnum]
export const PAYMENT_MODES = Object.values(PaymentModeEnum)

export const CheckStatusEnum = {
  OPEN: 'open',
  CLOSED: 'closed',
} as const
export type CheckStatus = typeof CheckStatusEnum[keyof typeof CheckStatusEnum]

export const CheckScopeEnum = {
  /** Everything still due. */
  ALL: 'all',
  /** The caller's own orders still due (a tablet's own: those placed on the tablet). */
  MINE: 'mine',
  /** One equal part of what was due when the split started; the last part takes the remainder. */
  EVEN: 'even',
} as const
export type CheckScope = typeof CheckScopeEnum[keyof typeof CheckScopeEnum]

export const MAX_SPLIT_PARTS = 20

/** A diner at the table, as everyone at it sees them: a number, never their Alipay id. */
export const CheckDinerSchema = Type.Object({
  id: IdSchema,
  /** 1, 2, … in the order they first joined this check; screens say "Diner 1" / "食客 1". */
  number: Type.Integer({ minimum: 1 }),
  /** "Diner 1": the English label (screens word it in their own language from `number`). */
  label: Type.String(),
  /** The diner asking is this one. */
  isMe: Type.Boolean(),
})
export type CheckDiner = Static<typeof CheckDinerSchema>

export const CheckOrderSchema = Type.Object({
  ...OrderSchema.properties,
  /** Who placed it: a diner's id, or null when it was placed on the table's tablet. */
  dinerId: Type.Union([IdSchema, Type.Null()]),
  /** What of this order is still unpaid (0 once a payment covering it is paid, or it was cancelled). */
  due: MoneySchema,
})
export type CheckOrder = Static<typeof CheckOrderSchema>

/** The split in progress, fixed by the first `even` payment: `parts` parts of `base`. */
export const CheckSplitSchema = Type.Object({
  parts: Type.Integer({ minimum: 2, maximum: MAX_SPLIT_PARTS }),
  base: MoneySchema,
  /** Parts paid so far. */
  paidParts: Type.Integer({ minimum: 0 }),
  /** The amount of the next part (the last one takes the remainder in minor units). */
  nextAmount: MoneySchema,
})
export type CheckSplit = Static<typeof CheckSplitSchema>

/** `GET /api/table/check`: the table's open check (or the one just closed, until the next order opens a new one). */
export const CheckSchema = Type.Object({
  id: IdSchema,
  tableId: IdSchema,
  tableLabel: Type.String(),
  status: Type.Enum(Object.values(CheckStatusEnum)),
  paymentMode: Type.Enum(PAYMENT_MODES),
  currency: Type.String(),
  orders: Type.Array(CheckOrderSchema),
  diners: Type.Array(CheckDinerSchema),
  /** Sum of the orders not cancelled. */
  total: MoneySchema,
  /** Paid and not refunded. */
  paid: MoneySchema,
  /** total − paid. */
  due: MoneySchema,
  /** Held by payments still open (a QR shown, a tradePay in progress): not payable again until they end. */
  pending: MoneySchema,
  split: Type.Union([CheckSplitSchema, Type.Null()]),
  /** Every payment made against the check or one of its orders, newest first. */
  payments: Type.Array(PaymentSchema),
  openedAt: TimestampSchema,
  closedAt: Type.Union([TimestampSchema, Type.Null()]),
})
export type Check = Static<typeof CheckSchema>

/** `POST /api/table/check/payments`. */
export const CreateCheckPaymentSchema = Type.Object({
  method: Type.Enum(Object.values(PaymentMethodEnum)),
  scope: Type.Enum(Object.values(CheckScopeEnum)),
  /** Only with `even`: how many equal parts (2–20). */
  parts: Type.Optional(Type.Integer({ minimum: 2, maximum: MAX_SPLIT_PARTS })),
  /**
   * Only with `mine`, from the table's tablet: whose part ("Pay Diner 2's part" on the tablet's bill, for a diner
   * paying at the tablet's QR). Without it, `mine` is the asker's own orders.
   */
  dinerId: Type.Optional(IdSchema),
}, { additionalProperties: false })
export type CreateCheckPayment = Static<typeof CreateCheckPaymentSchema>

/** `PUT /api/staff/settings/payment-mode` (managers). */
export const PaymentModeSettingSchema = Type.Object({
  mode: Type.Enum(PAYMENT_MODES),
}, { additionalProperties: false })
export type PaymentModeSetting = Static<typeof PaymentModeSettingSchema>
