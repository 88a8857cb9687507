// Our side of a bill day, for the matcher: payments Alipay took and refunds that succeeded in the day, plus
// those the bill names that our clock put on a neighbouring day (matched, but never "missing" on this one).
import type { Db } from '../db/database.js'
import {
  existingPaymentIds, succeededRefundsBetween, succeededRefundsByRequestNos, takenPaymentsBetween, takenPaymentsByIds, type TakenPaymentRow,
} from '../repositories/bill-reconciliations.js'
import { beijingDayBounds } from './bill-day.js'
import type { BillLine } from './bill-parse.js'
import type { OurDay, OurPayment, OurRefund } from './match.js'

export async function loadOurDay (db: Db, date: string, bill: readonly BillLine[]): Promise<OurDay> {
  const { from, to } = beijingDayBounds(date)
  const inDay = (at: string | null): boolean => at !== null && at >= from && at < to

  const payments = new Map<string, TakenPaymentRow>()
  for (const row of await takenPaymentsBetween(db, from, to)) payments.set(row.id, row)
  const named = [...new Set(bill.map(line => line.outTradeNo))].filter(id => !payments.has(id))
  for (const row of await takenPaymentsByIds(db, named)) payments.set(row.id, row)
  const known = await existingPaymentIds(db, named.filter(id => !payments.has(id)))

  const refunds = await succeededRefundsBetween(db, from, to)
  const loaded = new Set(refunds.map(row => row.out_request_no))
  const requestNos = [...new Set(bill.flatMap(line => line.outRequestNo === null ? [] : [line.outRequestNo]))].filter(no => !loaded.has(no))
  refunds.push(...await succeededRefundsByRequestNos(db, requestNos))

  return {
    otherPaymentIds: known,
    payments: [...payments.values()].map((row): OurPayment => ({
      paymentId: row.id,
      outTradeNo: row.id,
      tradeNo: row.trade_no,
      amount: row.amount,
      inDay: inDay(row.paid_at),
      returnedByCancel: row.status === 'refunded' && !row.has_refunds,
    })),
    // A refund's out_trade_no is its payment's id.
    refunds: refunds.map((row): OurRefund => ({
      paymentId: row.payment_id, outTradeNo: row.payment_id, outRequestNo: row.out_request_no, amount: row.amount, inDay: inDay(row.succeeded_at),
    })),
  }
}
