// API and client error codes the console explains in its own words (`console.errors.*`); anything else gets a general sentence.

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
] as const

export type StaffErrorCode = typeof STAFF_ERROR_CODES[number]

/** Message key for an error code (or an HTTP status the server answered without one of our codes). */
export function staffErrorKey (code: string | null | undefined, status?: number): string {
  if (code && (STAFF_ERROR_CODES as readonly string[]).includes(code)) return `console.errors.${code}`
  // Body-size and media-type refusals come from Fastify itself, with its own codes.
  if (status === 413) return 'console.errors.IMAGE_TOO_LARGE'
  if (status === 415) return 'console.errors.IMAGE_TYPE'
  if (code && /^HTTP_5\d\d$/.test(code)) return 'console.errors.SERVER'
  if (status !== undefined && status >= 500) return 'console.errors.SERVER'
  return 'console.errors.default'
}
