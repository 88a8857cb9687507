// Error codes (API, client, Alipay) → keys of plain-language messages; anything unknown gets a general sentence.
// One lookup for every face: each face lists the codes its own message files explain (ErrorMessages).

/** The codes one face explains in its own words, and where its messages live. */
export interface ErrorMessages {
  /** Message key prefix: `errors` (tablet), `console.errors` (staff console). */
  prefix: string
  /** Codes with a message of their own under `<prefix>.<code>`. */
  codes: readonly string[]
  /** Refusals that come without one of our codes (Fastify's own 413, 415): the code to explain them with. */
  byStatus?: Readonly<Partial<Record<number, string>>>
}

/** Message key for an error code (and the HTTP status, when the server answered without one of our codes). */
export function errorMessageKey (messages: ErrorMessages, code: string | null | undefined, status?: number): string {
  if (code && messages.codes.includes(code)) return `${messages.prefix}.${code}`
  const byStatus = status === undefined ? undefined : messages.byStatus?.[status]
  if (byStatus) return `${messages.prefix}.${byStatus}`
  if (code && /^HTTP_5\d\d$/.test(code)) return `${messages.prefix}.SERVER`
  if (status !== undefined && status >= 500) return `${messages.prefix}.SERVER`
  return `${messages.prefix}.default`
}

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

/** Message key (core messages, every face) for why a payment failed. */
export function paymentFailureKey (code: string | null | undefined): string {
  if (code && (KNOWN_PAYMENT_FAILURES as readonly string[]).includes(code)) return `paymentFailure.${keyPart(code)}`
  return 'paymentFailure.default'
}
