// The error codes the phone page explains to a diner, in its own message files (`phone.errors.*`).
import type { ErrorMessages } from '@/core/i18n/errors'

export const PHONE_ERROR_CODES = [
  'NETWORK_ERROR',
  'TIMEOUT',
  'BAD_RESPONSE',
  'RATE_LIMITED',
  'DINER_SESSION_EXPIRED',
  'CHECK_NOT_FOUND',
  'CHECK_OVERPAY',
  'NOTHING_DUE',
  'SPLIT_IN_PROGRESS',
  'JSAPI_NEEDS_DINER',
  'ORDER_ID_REUSED',
  'ORDER_TOTAL_TOO_LARGE',
  'PAYMENT_UNAVAILABLE',
  'ITEM_UNAVAILABLE',
  'ITEM_NOT_FOUND',
  'OPTION_UNAVAILABLE',
  'OPTION_NOT_FOUND',
  'OPTION_TOO_FEW',
  'OPTION_TOO_MANY',
  'NOT_FOUND',
] as const

export const PHONE_ERRORS: ErrorMessages = { prefix: 'phone.errors', codes: PHONE_ERROR_CODES }
