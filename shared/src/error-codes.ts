// Every `code` the API answers with, defined once. The server sends these; each face words them in its
// own message files (clients branch on the code, never on the English `message`).
import { PricingErrorEnum } from './pricing.js'

export const ErrorCodeEnum = {
  // Requests the framework refuses before a route runs.
  BAD_REQUEST: 'BAD_REQUEST',
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  INVALID_JSON: 'INVALID_JSON',
  BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  NOT_FOUND: 'NOT_FOUND',
  RATE_LIMITED: 'RATE_LIMITED',
  INTERNAL: 'INTERNAL',
  // Who is asking.
  DEVICE_UNKNOWN: 'DEVICE_UNKNOWN',
  DEVICE_NOT_PAIRED: 'DEVICE_NOT_PAIRED',
  DEVICE_ALREADY_PAIRED: 'DEVICE_ALREADY_PAIRED',
  PAIRING_CODE_INVALID: 'PAIRING_CODE_INVALID',
  /** A phone's diner session is missing, expired or of a removed table: reload /t/<code> to authorize again. */
  DINER_SESSION_EXPIRED: 'DINER_SESSION_EXPIRED',
  STAFF_UNAUTHENTICATED: 'STAFF_UNAUTHENTICATED',
  STAFF_FORBIDDEN: 'STAFF_FORBIDDEN',
  INVALID_PIN: 'INVALID_PIN',
  PIN_IN_USE: 'PIN_IN_USE',
  LAST_MANAGER: 'LAST_MANAGER',
  INVALID_CURSOR: 'INVALID_CURSOR',
  CONFLICT: 'CONFLICT',
  // Orders (and the pricing problems of their lines).
  ORDER_ID_REUSED: 'ORDER_ID_REUSED',
  ORDER_TOTAL_TOO_LARGE: 'ORDER_TOTAL_TOO_LARGE',
  INVALID_TRANSITION: 'INVALID_TRANSITION',
  CANCEL_REASON_REQUIRED: 'CANCEL_REASON_REQUIRED',
  ...PricingErrorEnum,
  // Tables and the menu.
  TABLE_IN_USE: 'TABLE_IN_USE',
  TABLE_LABEL_TAKEN: 'TABLE_LABEL_TAKEN',
  CATEGORY_NOT_EMPTY: 'CATEGORY_NOT_EMPTY',
  CATEGORY_NOT_FOUND: 'CATEGORY_NOT_FOUND',
  OPTION_GROUP_INVALID: 'OPTION_GROUP_INVALID',
  ITEM_NOT_IN_CATEGORY: 'ITEM_NOT_IN_CATEGORY',
  IMAGE_INVALID: 'IMAGE_INVALID',
  // Payments and refunds.
  ORDER_NOT_PAYABLE: 'ORDER_NOT_PAYABLE',
  ORDER_NEEDS_NO_PAYMENT: 'ORDER_NEEDS_NO_PAYMENT',
  PAYMENT_UNAVAILABLE: 'PAYMENT_UNAVAILABLE',
  REFUND_NOT_ALLOWED: 'REFUND_NOT_ALLOWED',
  REFUND_TOO_LARGE: 'REFUND_TOO_LARGE',
  // The table's check.
  /** Nothing has been ordered at the table yet (or the asker's table has no check). */
  CHECK_NOT_FOUND: 'CHECK_NOT_FOUND',
  /** This payment would make paid + pending exceed the check's total: refused before any trade. */
  CHECK_OVERPAY: 'CHECK_OVERPAY',
  /** The scope asked for comes to 0 (all paid, or the caller's orders are paid or held by an open payment). */
  NOTHING_DUE: 'NOTHING_DUE',
  /** An even split with another number of parts is running: pay one of its parts or wait for it to end. */
  SPLIT_IN_PROGRESS: 'SPLIT_IN_PROGRESS',
  /** alipay_jsapi pays inside the Alipay app for a known diner: a tablet pays with alipay_qr. */
  JSAPI_NEEDS_DINER: 'JSAPI_NEEDS_DINER',
  /** Staff closing a check that still owes money must say why (paid at the counter, say). */
  CHECK_NOT_SETTLED: 'CHECK_NOT_SETTLED',
  // Reports, the end-of-day close and the reconciliation with Alipay's bill.
  /** A `from`, `to` or `:date` that is not a real calendar day (YYYY-MM-DD). */
  REPORT_DATE_INVALID: 'REPORT_DATE_INVALID',
  /** `to` is before `from`. */
  REPORT_RANGE_INVALID: 'REPORT_RANGE_INVALID',
  /** More days than one report covers (MAX_REPORT_DAYS). */
  REPORT_RANGE_TOO_LONG: 'REPORT_RANGE_TOO_LONG',
  /** The day has not begun yet in the store's timezone. */
  DAY_IN_FUTURE: 'DAY_IN_FUTURE',
  DAY_ALREADY_CLOSED: 'DAY_ALREADY_CLOSED',
  DAY_NOT_CLOSED: 'DAY_NOT_CLOSED',
  /** Alipay publishes a day's bill the next morning: today's (or a future day's) cannot be reconciled yet. */
  BILL_NOT_READY: 'BILL_NOT_READY',
  /** Printers: `categories` routing needs at least one category. */
  PRINTER_ROUTING_INVALID: 'PRINTER_ROUTING_INVALID',
  /** A reprint finds no printer that takes any of the order's dishes (none set up, or all routed elsewhere). */
  NOTHING_TO_PRINT: 'NOTHING_TO_PRINT',
  /** Cancel and refund in one step: the order has nothing paid through Alipay left to refund. */
  ORDER_NOT_PAID: 'ORDER_NOT_PAID',
  // Stores of a chain (several restaurants in one PostgreSQL database).
  /** No store has this id or slug (or the caller may not see it). */
  STORE_NOT_FOUND: 'STORE_NOT_FOUND',
  /** Another store already uses this slug (the name staff type at login). */
  STORE_SLUG_TAKEN: 'STORE_SLUG_TAKEN',
  /** Several stores share this server: the login must say which one. */
  STORE_REQUIRED: 'STORE_REQUIRED',
  /** SQLite holds one restaurant; a second store needs PostgreSQL (DATABASE_URL). */
  STORES_NEED_POSTGRES: 'STORES_NEED_POSTGRES',
  /** A store's own credentials or settings must be encrypted, and SECRETS_KEY is not set. */
  SECRETS_KEY_MISSING: 'SECRETS_KEY_MISSING',
  /** Only the chain's owner may do this (add stores, change another store). */
  OWNER_ONLY: 'OWNER_ONLY',
} as const
export type ErrorCode = typeof ErrorCodeEnum[keyof typeof ErrorCodeEnum]

/** Our own codes in a payment's `failureCode` (the other values are Alipay sub_codes, passed on as sent). */
export const PaymentFailureCodeEnum = {
  /** The QR's time ran out before the diner paid: nothing was charged. */
  EXPIRED: 'EXPIRED',
  /** Alipay closed the trade before it was paid: nothing was charged. */
  TRADE_CLOSED: 'TRADE_CLOSED',
  /** Alipay reported another amount than the payment's: parked for a person. */
  AMOUNT_MISMATCH: 'AMOUNT_MISMATCH',
} as const
export type PaymentFailureCode = typeof PaymentFailureCodeEnum[keyof typeof PaymentFailureCodeEnum]
