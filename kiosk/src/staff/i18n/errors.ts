// API and client error codes the console explains in its own words (`console.errors.*`); anything else gets a general sentence.
import type { ErrorMessages } from '@/core/i18n/errors'

export const STAFF_ERROR_CODES = [
  'NETWORK_ERROR',
  'TIMEOUT',
  'BAD_RESPONSE',
  'RATE_LIMITED',
  'INVALID_PIN',
  'STAFF_UNAUTHENTICATED',
  'STAFF_FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'PAIRING_CODE_INVALID',
  'DEVICE_ALREADY_PAIRED',
  'TABLE_IN_USE',
  'TABLE_LABEL_TAKEN',
  'PIN_IN_USE',
  'LAST_MANAGER',
  'INVALID_TRANSITION',
  'CANCEL_REASON_REQUIRED',
  'REFUND_TOO_LARGE',
  'REFUND_NOT_ALLOWED',
  'PAYMENT_UNAVAILABLE',
  'CATEGORY_NOT_EMPTY',
  'CATEGORY_NOT_FOUND',
  'ITEM_NOT_IN_CATEGORY',
  'OPTION_GROUP_INVALID',
  'IMAGE_INVALID',
  'IMAGE_TOO_LARGE',
  'IMAGE_TYPE',
  'CHECK_NOT_FOUND',
  'CHECK_NOT_SETTLED',
  'REPORT_DATE_INVALID',
  'REPORT_RANGE_INVALID',
  'REPORT_RANGE_TOO_LONG',
  'DAY_IN_FUTURE',
  'DAY_ALREADY_CLOSED',
  'DAY_NOT_CLOSED',
  'BILL_NOT_READY',
  'ORDER_NOT_PAID',
  'PRINTER_ROUTING_INVALID',
  'NOTHING_TO_PRINT',
  'STORE_NOT_FOUND',
  'STORE_SLUG_TAKEN',
  'STORE_REQUIRED',
  'STORES_NEED_POSTGRES',
  'SECRETS_KEY_MISSING',
  'OWNER_ONLY',
] as const

export type StaffErrorCode = typeof STAFF_ERROR_CODES[number]

export const STAFF_ERRORS: ErrorMessages = {
  prefix: 'console.errors',
  codes: STAFF_ERROR_CODES,
  // Body-size and media-type refusals come from Fastify itself, with its own codes.
  byStatus: { 413: 'IMAGE_TOO_LARGE', 415: 'IMAGE_TYPE' },
}
