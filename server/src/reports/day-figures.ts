// The figures of one business day, as its Z-report prints them: what was sold and how it was paid,
// refunds and cancellations made that day, and what was still open when the report was made.
import { isDeepStrictEqual } from 'node:util'
import type { Db } from '../db/database.js'
import { openChecksBefore, ordersCancelled, ordersUnpaid, refundsSucceeded, soldTotals, type DayRefund } from '../repositories/day-figures.js'
import { paymentsByMethod, type MethodTotal } from '../repositories/sales-report.js'
import { loadCheckState } from '../services/check-ledger.js'
import { localDayBounds } from './report-dates.js'
import { NO_PAYMENT_METHOD } from './sales-report.js'
import type { DayFigures } from '#shared/schemas/reports.js'

/** The live figures of `date`, a calendar day in `timeZone`. */
export async function dayFigures (db: Db, date: string, timeZone: string): Promise<DayFigures> {
  const bounds = localDayBounds(date, timeZone)
  const sold = await soldTotals(db, bounds)
  const refunds = await refundsSucceeded(db, bounds)
  // Listed and counted by method all the same; only those staff asked for lower the sales (see REFUND_AGAINST_SALES).
  const refunded = refunds.reduce((sum, refund) => sum + (refund.againstSales ? refund.amount : 0), 0)
  const openChecks = await Promise.all((await openChecksBefore(db, bounds.endUtc)).map(async check => {
    const { ledger } = await loadCheckState(db, check)
    return { checkId: check.id, tableLabel: check.table_label, openedAt: check.opened_at, total: ledger.total, due: ledger.due }
  }))
  return {
    totals: { orders: sold.orders, gross: sold.gross, refunds: refunded, net: sold.gross - refunded },
    byMethod: byMethod(await paymentsByMethod(db, bounds), refunds, sold.freeOrders),
    refunds: refunds.map(({ method: _method, ...refund }) => refund),
    cancelled: await ordersCancelled(db, bounds),
    openChecks,
    unpaidOrders: await ordersUnpaid(db, bounds),
  }
}

/** Takings and refunds by payment method, and the free orders; sorted as the sales report sorts them (largest first). */
function byMethod (takings: readonly MethodTotal[], refunds: readonly DayRefund[], freeOrders: number): DayFigures['byMethod'] {
  const methods = new Map<string, DayFigures['byMethod'][number]>()
  const entry = (method: string) => {
    let found = methods.get(method)
    if (!found) methods.set(method, found = { method, payments: 0, amount: 0, refunds: 0 })
    return found
  }
  for (const taken of takings) Object.assign(entry(taken.method), { payments: taken.payments, amount: taken.amount })
  for (const refund of refunds) entry(refund.method).refunds += refund.amount
  if (freeOrders > 0) entry(NO_PAYMENT_METHOD).payments = freeOrders
  return [...methods.values()].sort((a, b) => b.amount - a.amount || b.payments - a.payments || a.method.localeCompare(b.method))
}

/**
 * Whether the day's own facts differ between two sets of figures: sales, takings, refunds and
 * cancellations. What was still open (checks, unpaid orders) is a picture of the moment each was made,
 * and settling it later changes no figure of the day, so it is left out.
 */
export function dayFactsDiffer (a: DayFigures, b: DayFigures): boolean {
  const facts = (figures: DayFigures) => ({ totals: figures.totals, byMethod: figures.byMethod, refunds: figures.refunds, cancelled: figures.cancelled })
  return !isDeepStrictEqual(facts(a), facts(b))
}
