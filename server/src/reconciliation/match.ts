// Matches a day of Alipay's bill against our payments and refunds, by out_trade_no (trades) and out_trade_no +
// out_request_no (refunds). Pure: the service loads both sides, this only compares.
import {
  MismatchKindEnum, type Reconciliation, type ReconciliationMismatch,
} from '#shared/schemas/reports.js'
import type { BillLine } from './bill-parse.js'

/** A payment here that Alipay took: paid, refunded or partially refunded. */
export interface OurPayment {
  paymentId: string
  /** The payment's out_trade_no (its id). */
  outTradeNo: string
  tradeNo: string | null
  amount: number
  /**
   * Paid within the bill day here. A payment paid on a neighbouring day by our clock is still matched when the
   * bill names it, but only payments of the day are missed when the bill does not.
   */
  inDay: boolean
  /**
   * Alipay's cancel returned the money (paid just before the cancel, docs/alipay.md "Double payments and late
   * successes"): the bill lists that refund, which has no refund row here.
   */
  returnedByCancel?: boolean
}

/** A refund here that succeeded. */
export interface OurRefund {
  paymentId: string
  outTradeNo: string
  outRequestNo: string
  amount: number
  inDay: boolean
}

export interface OurDay {
  payments: readonly OurPayment[]
  refunds: readonly OurRefund[]
  /**
   * Payments the bill names that exist here but never took money by our records (unknown, cancelled…): still
   * `only_at_alipay`, but linked to the payment so staff can open it.
   */
  otherPaymentIds?: readonly string[]
}

export interface MatchResult {
  counts: Reconciliation['counts']
  /** Trades first, then refunds, each by out_trade_no: the same day always lists the same way. */
  mismatches: ReconciliationMismatch[]
}

const refundKey = (outTradeNo: string, outRequestNo: string): string => `${outTradeNo}\n${outRequestNo}`

export function matchDay (bill: readonly BillLine[], ours: OurDay): MatchResult {
  const payments = new Map(ours.payments.map(payment => [payment.outTradeNo, payment]))
  const refunds = new Map(ours.refunds.map(refund => [refundKey(refund.outTradeNo, refund.outRequestNo), refund]))
  const others = new Set(ours.otherPaymentIds)
  const paymentIdOf = (outTradeNo: string): string | null => payments.get(outTradeNo)?.paymentId ?? (others.has(outTradeNo) ? outTradeNo : null)
  const seenPayments = new Set<string>()
  const seenRefunds = new Set<string>()
  const mismatches: ReconciliationMismatch[] = []
  let matched = 0

  for (const line of bill) {
    if (line.kind === 'trade') {
      const payment = payments.get(line.outTradeNo)
      if (payment === undefined) {
        mismatches.push(mismatch(MismatchKindEnum.ONLY_AT_ALIPAY, line.outTradeNo, null, line.tradeNo, paymentIdOf(line.outTradeNo), null, line.amount))
        continue
      }
      seenPayments.add(line.outTradeNo)
      if (payment.amount === line.amount) matched++
      else mismatches.push(mismatch(MismatchKindEnum.AMOUNT_DIFFERS, line.outTradeNo, null, line.tradeNo || payment.tradeNo, payment.paymentId, payment.amount, line.amount))
      continue
    }
    const outRequestNo = line.outRequestNo ?? line.outTradeNo
    const key = refundKey(line.outTradeNo, outRequestNo)
    const refund = refunds.get(key)
    const paymentId = refund?.paymentId ?? paymentIdOf(line.outTradeNo)
    if (refund === undefined) {
      const returned = payments.get(line.outTradeNo)
      if (returned?.returnedByCancel === true && returned.amount === line.amount) matched++
      else mismatches.push(mismatch(MismatchKindEnum.ONLY_AT_ALIPAY, line.outTradeNo, outRequestNo, line.tradeNo, paymentId, null, line.amount))
      continue
    }
    seenRefunds.add(key)
    if (refund.amount === line.amount) matched++
    else mismatches.push(mismatch(MismatchKindEnum.REFUND_DIFFERS, line.outTradeNo, outRequestNo, line.tradeNo, refund.paymentId, refund.amount, line.amount))
  }

  for (const payment of ours.payments) {
    if (!payment.inDay || seenPayments.has(payment.outTradeNo)) continue
    mismatches.push(mismatch(MismatchKindEnum.ONLY_HERE, payment.outTradeNo, null, payment.tradeNo, payment.paymentId, payment.amount, null))
  }
  for (const refund of ours.refunds) {
    if (!refund.inDay || seenRefunds.has(refundKey(refund.outTradeNo, refund.outRequestNo))) continue
    const tradeNo = payments.get(refund.outTradeNo)?.tradeNo ?? null
    mismatches.push(mismatch(MismatchKindEnum.ONLY_HERE, refund.outTradeNo, refund.outRequestNo, tradeNo, refund.paymentId, refund.amount, null))
  }

  mismatches.sort(byLine)
  return { counts: countsOf(matched, mismatches), mismatches }
}

/** The same mismatch on another run of the day: what its alert is remembered by (amounts may move). */
export function mismatchKey (item: Pick<ReconciliationMismatch, 'kind' | 'outTradeNo' | 'outRequestNo'>): string {
  return `${item.kind}:${item.outTradeNo}:${item.outRequestNo ?? ''}`
}

function mismatch (
  kind: ReconciliationMismatch['kind'], outTradeNo: string, outRequestNo: string | null, tradeNo: string | null,
  paymentId: string | null, here: number | null, alipay: number | null,
): ReconciliationMismatch {
  return { kind, outTradeNo, outRequestNo, tradeNo: tradeNo === '' ? null : tradeNo, paymentId, here, alipay }
}

function byLine (a: ReconciliationMismatch, b: ReconciliationMismatch): number {
  const refundOrder = Number(a.outRequestNo !== null) - Number(b.outRequestNo !== null)
  if (refundOrder !== 0) return refundOrder
  return a.outTradeNo.localeCompare(b.outTradeNo) || (a.outRequestNo ?? '').localeCompare(b.outRequestNo ?? '')
}

function countsOf (matched: number, mismatches: readonly ReconciliationMismatch[]): Reconciliation['counts'] {
  const count = (kind: ReconciliationMismatch['kind']): number => mismatches.filter(item => item.kind === kind).length
  return {
    matched,
    onlyAtAlipay: count(MismatchKindEnum.ONLY_AT_ALIPAY),
    onlyHere: count(MismatchKindEnum.ONLY_HERE),
    amountDiffers: count(MismatchKindEnum.AMOUNT_DIFFERS),
    refundDiffers: count(MismatchKindEnum.REFUND_DIFFERS),
  }
}
