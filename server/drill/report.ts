// The drill's printed table: what happened, then the counts the verdict rests on.
import type { Counts } from './ledger-check.js'

export function table (rows: ReadonlyArray<readonly [string, string | number]>): string {
  const width = Math.max(...rows.map(([label]) => label.length))
  return rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`).join('\n')
}

export function countRows (c: Counts): Array<[string, string | number]> {
  return [
    ['orders answered / stored', `${c.ordersAnswered} / ${c.ordersStored}`],
    ['orders stored twice (one clientOrderId)', c.ordersStoredTwice],
    ['orders stored, never answered', c.ordersStoredUnanswered],
    ['trades paid (Alipay) / reflected as paid payments', `${c.tradesPaid} / ${c.tradesPaidReflected}`],
    ['payments paid (database)', c.paymentsPaid],
    ['orders paid (database)', c.ordersPaid],
    ['orders paid twice, extra refunded', c.ordersPaidTwiceRefunded],
    ['orders paid twice, not refunded', c.ordersPaidTwiceNotRefunded],
    ['payments not settled', c.paymentsNotSettled],
    ['refunds open', c.refundsOpen],
    ['refunds failed', c.refundsFailed],
  ]
}
