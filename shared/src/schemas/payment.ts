// Payments: one row per Alipay trade (out_trade_no = payment id), and refunds against them.
import { Type, type Static } from 'typebox'
import { IdSchema, MoneySchema, TimestampSchema } from './common.js'
import { PAYMENT_STATUSES, RefundStatusEnum } from '../statuses.js'

// The statuses live in statuses.ts (no TypeBox); re-exported here for the schemas' users.
export {
  OPEN_PAYMENT_STATUSES, PAYMENT_STATUSES, PaymentStatusEnum, RefundStatusEnum, type PaymentStatus, type RefundStatus,
} from '../statuses.js'

export const PaymentMethodEnum = {
  ALIPAY_QR: 'alipay_qr',
  ALIPAY_JSAPI: 'alipay_jsapi',
} as const
export type PaymentMethod = typeof PaymentMethodEnum[keyof typeof PaymentMethodEnum]

/** `POST /api/orders/:id/payments` (one order; a phone's check is paid through `/api/table/check/payments`). */
export const CreatePaymentSchema = Type.Object({
  method: Type.Enum(Object.values(PaymentMethodEnum)),
}, { additionalProperties: false })
export type CreatePayment = Static<typeof CreatePaymentSchema>

export const RefundSchema = Type.Object({
  id: IdSchema,
  paymentId: IdSchema,
  outRequestNo: Type.String(),
  amount: MoneySchema,
  reason: Type.String(),
  status: Type.Enum(Object.values(RefundStatusEnum)),
  createdAt: TimestampSchema,
})
export type Refund = Static<typeof RefundSchema>

export const PaymentSchema = Type.Object({
  id: IdSchema,
  /** The order it pays, or null for a payment against the table's check (`checkId`). */
  orderId: Type.Union([IdSchema, Type.Null()]),
  /** The check it pays (scope all / mine / even), or null for a single order's payment. */
  checkId: Type.Union([IdSchema, Type.Null()]),
  method: Type.String(),
  status: Type.Enum(PAYMENT_STATUSES),
  amount: MoneySchema,
  refundedAmount: MoneySchema,
  currency: Type.String(),
  qrCode: Type.Union([Type.String(), Type.Null()]),
  tradeNo: Type.Union([Type.String(), Type.Null()]),
  expiresAt: Type.Union([TimestampSchema, Type.Null()]),
  /** Plain-language reason key when the payment failed (an Alipay sub_code or our own code). */
  failureCode: Type.Union([Type.String(), Type.Null()]),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
})
export type Payment = Static<typeof PaymentSchema>

export const PaymentEventSchema = Type.Object({
  at: Type.String(),
  source: Type.String(),
  kind: Type.String(),
  detail: Type.Record(Type.String(), Type.Unknown()),
})
export type PaymentEvent = Static<typeof PaymentEventSchema>

/** A refund in the staff payment detail; a failed one carries why as a code (the console words it). */
export const StaffRefundSchema = Type.Object({
  ...RefundSchema.properties,
  /** Alipay's sub_code (or code) when the refund failed, else null. */
  failureCode: Type.Union([Type.String(), Type.Null()]),
})
export type StaffRefund = Static<typeof StaffRefundSchema>

/** `GET /api/staff/payments/:id`: the payment (its failureCode says why it failed), its refunds and its event log. */
export const StaffPaymentDetailSchema = Type.Object({
  payment: PaymentSchema,
  refunds: Type.Array(StaffRefundSchema),
  events: Type.Array(PaymentEventSchema),
})
export type StaffPaymentDetail = Static<typeof StaffPaymentDetailSchema>

export const CreateRefundSchema = Type.Object({
  amount: Type.Integer({ minimum: 1, maximum: 10_000_000_000 }),
  reason: Type.String({ minLength: 1, maxLength: 200 }),
}, { additionalProperties: false })
export type CreateRefund = Static<typeof CreateRefundSchema>
