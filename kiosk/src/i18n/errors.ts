// Error codes (API, client, Alipay) → keys of plain-language messages; anything unknown gets a general one.

/** API and client codes that have their own message under `errors.*`. */
export const KNOWN_ERROR_CODES = [
  'NETWORK_ERROR',
  'TIMEOUT',
  'BAD_RESPONSE',
  'RATE_LIMITED',
  'DEVICE_UNKNOWN',
  'DEVICE_NOT_PAIRED',
  'ORDER_ID_REUSED',
  'ORDER_NOT_PAYABLE',
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
] as const

/**
 * Payment failure codes with their own message under `paymentFailure.*`: our own (EXPIRED,
 * TRADE_CLOSED) and Alipay sub_codes, with the dot replaced (message keys cannot contain dots).
 */
export const KNOWN_PAYMENT_FAILURES = [
  'EXPIRED',
  'TRADE_CLOSED',
  'ACQ.TRADE_HAS_CLOSE',
  'ACQ.BUYER_BALANCE_NOT_ENOUGH',
  'ACQ.BUYER_BANKCARD_BALANCE_NOT_ENOUGH',
  'ACQ.PAYMENT_AUTH_CODE_INVALID',
  'ACQ.BUYER_PAYMENT_AMOUNT_DAY_LIMIT_ERROR',
  'ACQ.BUYER_PAYMENT_AMOUNT_MONTH_LIMIT_ERROR',
  'ACQ.ERROR_BUYER_CERTIFY_LEVEL_LIMIT',
  'ACQ.BUYER_ENABLE_STATUS_FORBID',
  'ACQ.PAYMENT_REQUEST_HAS_RISK',
  'ACQ.TOTAL_FEE_EXCEED',
  'ACQ.SYSTEM_ERROR',
  'ACQ.INVALID_PARAMETER',
] as const

function keyPart (code: string): string {
  return code.replace(/\./g, '_')
}

export function errorMessageKey (code: string | null | undefined): string {
  if (code && (KNOWN_ERROR_CODES as readonly string[]).includes(code)) return `errors.${code}`
  if (code && /^HTTP_5\d\d$/.test(code)) return 'errors.SERVER'
  return 'errors.default'
}

export function paymentFailureKey (code: string | null | undefined): string {
  if (code && (KNOWN_PAYMENT_FAILURES as readonly string[]).includes(code)) return `paymentFailure.${keyPart(code)}`
  return 'paymentFailure.default'
}
