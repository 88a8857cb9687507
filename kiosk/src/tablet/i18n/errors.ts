// The error codes the tablet explains to a diner, in its own message files (`errors.*`).
import type { ErrorMessages } from '@/core/i18n/errors'

/** API and client codes the tablet explains under `errors.*` (its own message files). */
export const TABLET_ERROR_CODES = [
  'NETWORK_ERROR',
  'TIMEOUT',
  'BAD_RESPONSE',
  'RATE_LIMITED',
  'DEVICE_UNKNOWN',
  'DEVICE_NOT_PAIRED',
  'ORDER_ID_REUSED',
  'ORDER_NOT_PAYABLE',
  'ORDER_NEEDS_NO_PAYMENT',
  'ORDER_TOTAL_TOO_LARGE',
  'PAYMENT_UNAVAILABLE',
  'ITEM_UNAVAILABLE',
  'ITEM_NOT_FOUND',
  'OPTION_UNAVAILABLE',
  'OPTION_NOT_FOUND',
  'OPTION_TOO_FEW',
  'OPTION_TOO_MANY',
  'STAFF_UNAUTHENTICATED',
  'STAFF_FORBIDDEN',
  'NOT_FOUND',
  'CHECK_NOT_FOUND',
  'CHECK_OVERPAY',
  'NOTHING_DUE',
  'SPLIT_IN_PROGRESS',
] as const

export const TABLET_ERRORS: ErrorMessages = { prefix: 'errors', codes: TABLET_ERROR_CODES }
