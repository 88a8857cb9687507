// What can go wrong reconciling a day: the refusal the API answers with a code (a malformed day is
// report-dates.ts's REPORT_DATE_INVALID), and the reasons a run records.
import createError from '@fastify/error'
import { ErrorCodeEnum } from '#shared/error-codes.js'

export const BillNotReadyError = createError(ErrorCodeEnum.BILL_NOT_READY, 'Alipay publishes the bill of %s the next morning (Beijing time): it cannot be reconciled yet', 409)

/**
 * Why a run could not compare (`reason` of a failed run; the console words it). Stable codes, never text from
 * the bill or from Alipay, so nothing anyone else wrote reaches a screen.
 */
export const BillFailureEnum = {
  /** Alipay's answer was unknown (timeout, network, system error, bad signature). */
  GATEWAY_UNKNOWN: 'gateway_unknown',
  /** Alipay refused the query (a sub_code other than bill_not_exist, kept in the log). */
  GATEWAY_REFUSED: 'gateway_refused',
  DOWNLOAD_FAILED: 'download_failed',
  DOWNLOAD_TOO_LARGE: 'download_too_large',
  /** Not a zip, or no detail CSV in it. */
  BILL_UNREADABLE: 'bill_unreadable',
  /** The CSV's header or a line is not what Alipay's trade bill has. */
  BILL_MALFORMED: 'bill_malformed',
} as const
export type BillFailure = typeof BillFailureEnum[keyof typeof BillFailureEnum]

/** The bill could not be fetched or read; `reason` is recorded, `message` only logged. */
export class BillError extends Error {
  constructor (readonly reason: BillFailure, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'BillError'
  }
}
