// Alerts for staff: payment situations a person must look at (docs/alipay.md, "Alerts: what staff do").
import { Type, type Static } from 'typebox'
import { IdSchema, TimestampSchema } from './common.js'

export const AlertKindEnum = {
  /** Alipay's answer is still unknown after the QR deadline: check the Alipay app before serving. */
  PAYMENT_UNKNOWN: 'payment.unknown',
  /** Still unknown after 24 h of querying: settle by hand with Alipay's merchant portal. */
  PAYMENT_UNRESOLVED: 'payment.unresolved',
  /** The diner paid after the QR was given up; the order was marked paid. */
  PAYMENT_LATE_SUCCESS: 'payment.late_success',
  /** A trade was paid for a payment we had cancelled (or an order already cancelled). */
  PAID_AFTER_CANCEL: 'payment.paid_after_cancel',
  /** A second trade was paid for an order already paid; it is refunded automatically. */
  DOUBLE_PAYMENT: 'payment.double_payment',
  /** Alipay reported an amount that differs from ours. */
  AMOUNT_MISMATCH: 'payment.amount_mismatch',
  REFUND_FAILED: 'refund.failed',
  NOTIFICATION_BAD_SIGNATURE: 'notification.bad_signature',
  /** Alipay's bill for a day disagrees with our payments or refunds (detail: date, kind, outTradeNo, amounts). */
  RECONCILIATION_MISMATCH: 'reconciliation.mismatch',
  /** A printer did not take a job (off, unplugged, wrong address): its jobs wait and print when it is back (detail: printerId, name, host, port, code). */
  PRINTER_UNREACHABLE: 'printer.unreachable',
} as const
export type AlertKind = typeof AlertKindEnum[keyof typeof AlertKindEnum]

/** A summary alert's `detail.source` when too many senders were seen to keep one alert each. */
export const ALERT_SOURCE_MANY = 'many'

export const AlertSeverityEnum = { WARNING: 'warning', CRITICAL: 'critical' } as const
export type AlertSeverity = typeof AlertSeverityEnum[keyof typeof AlertSeverityEnum]

export const AlertSchema = Type.Object({
  id: IdSchema,
  kind: Type.Enum(Object.values(AlertKindEnum)),
  severity: Type.Enum(Object.values(AlertSeverityEnum)),
  paymentId: Type.Union([Type.String(), Type.Null()]),
  orderId: Type.Union([Type.String(), Type.Null()]),
  /**
   * Raw facts (Alipay codes, amounts in minor units, counts): each face words the alert from
   * `kind` and these in its own message files; the server sends no text.
   */
  detail: Type.Record(Type.String(), Type.Unknown()),
  createdAt: TimestampSchema,
  acknowledgedAt: Type.Union([TimestampSchema, Type.Null()]),
})
export type Alert = Static<typeof AlertSchema>

export const ALERT_PAGE_DEFAULT_LIMIT = 50
export const ALERT_PAGE_MAX_LIMIT = 200

export const AlertListQuerySchema = Type.Object({
  /** Acknowledged alerts too. */
  all: Type.Optional(Type.Boolean()),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: ALERT_PAGE_MAX_LIMIT })),
  /** The previous page's `nextCursor`: continue after its last alert. */
  before: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
}, { additionalProperties: false })
export type AlertListQuery = Static<typeof AlertListQuerySchema>

/** Newest first; `nextCursor` is null on the last page. */
export const AlertPageSchema = Type.Object({
  alerts: Type.Array(AlertSchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
})
export type AlertPage = Static<typeof AlertPageSchema>
