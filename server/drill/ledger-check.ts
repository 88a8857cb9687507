// The verdict: the tablets' answers, the emulator's ledger of trades and the server's database compared.
import { OPEN_PAYMENT_STATUSES, OPEN_REFUND_STATUSES, type DatabaseContents } from './database-view.js'
import { fen, wasPaid, type LedgerTrade } from './emulator-client.js'
import type { TabletRecord } from './tablet.js'

const PAID_PAYMENT = ['paid', 'partially_refunded', 'refunded']
/** Orders the kitchen may cook: money must have been kept for exactly their total. */
const PAID_ORDER = ['paid', 'preparing', 'ready', 'served']

export interface Counts {
  ordersAnswered: number
  ordersStored: number
  ordersStoredTwice: number
  ordersStoredUnanswered: number
  tradesPaid: number
  tradesPaidReflected: number
  paymentsPaid: number
  ordersPaid: number
  ordersPaidTwiceRefunded: number
  ordersPaidTwiceNotRefunded: number
  paymentsNotSettled: number
  refundsOpen: number
  refundsFailed: number
}

export interface Verdict {
  counts: Counts
  /** Each a sentence naming the ids involved; any entry fails the drill. */
  losses: string[]
}

export function compare (tablets: readonly TabletRecord[], ledger: readonly LedgerTrade[], db: DatabaseContents): Verdict {
  const losses: string[] = []
  const ordersById = new Map(db.orders.map(order => [order.id, order]))
  const paymentsById = new Map(db.payments.map(payment => [payment.id, payment]))

  // Orders: every answered order is stored, under its clientOrderId, once.
  const answered = tablets.filter(tablet => tablet.orderId !== undefined)
  let stored = 0
  for (const tablet of answered) {
    const order = ordersById.get(tablet.orderId!)
    if (order && order.client_order_id === tablet.clientOrderId) stored++
    else losses.push(`order ${tablet.orderId} (clientOrderId ${tablet.clientOrderId}) was answered to tablet ${tablet.index} but is not stored`)
  }
  const byClientId = new Map<string, number>()
  for (const order of db.orders) byClientId.set(order.client_order_id, (byClientId.get(order.client_order_id) ?? 0) + 1)
  const twice = [...byClientId].filter(([, n]) => n > 1)
  for (const [clientOrderId, n] of twice) losses.push(`clientOrderId ${clientOrderId} is stored ${n} times`)
  const answeredIds = new Set(answered.map(tablet => tablet.orderId))
  const unanswered = db.orders.filter(order => !answeredIds.has(order.id))
  for (const order of unanswered) losses.push(`order ${order.id} is stored but its tablet never got an answer`)

  // Trades: every paid trade is a paid payment with the same amount and refunds, and the reverse.
  const tradesByOut = new Map(ledger.map(trade => [trade.outTradeNo, trade]))
  const paidTrades = ledger.filter(wasPaid)
  let reflected = 0
  for (const trade of paidTrades) {
    const payment = paymentsById.get(trade.outTradeNo)
    if (!payment || !PAID_PAYMENT.includes(payment.status)) {
      losses.push(`trade ${trade.outTradeNo} was paid (${trade.state}) but its payment is ${payment?.status ?? 'missing'}`)
    } else if (payment.amount !== fen(trade.totalAmount) || payment.refunded_amount !== fen(trade.refundFee)) {
      losses.push(`payment ${payment.id} records ${payment.amount} paid / ${payment.refunded_amount} refunded, Alipay ${trade.totalAmount} / ${trade.refundFee}`)
    } else {
      reflected++
    }
  }
  const paymentsPaid = db.payments.filter(payment => PAID_PAYMENT.includes(payment.status))
  for (const payment of paymentsPaid) {
    const trade = tradesByOut.get(payment.id)
    if (!trade || !wasPaid(trade)) losses.push(`payment ${payment.id} is ${payment.status} but Alipay has it ${trade?.state ?? 'unknown'}`)
  }

  // Orders and money: a paid order kept exactly its total, any other order kept nothing.
  const tradesOfOrder = new Map<string, LedgerTrade[]>()
  for (const payment of db.payments) {
    const trade = tradesByOut.get(payment.id)
    if (trade && wasPaid(trade)) tradesOfOrder.set(payment.order_id, [...(tradesOfOrder.get(payment.order_id) ?? []), trade])
  }
  let paidTwiceRefunded = 0
  let paidTwiceNotRefunded = 0
  for (const order of db.orders) {
    const trades = tradesOfOrder.get(order.id) ?? []
    const kept = trades.reduce((sum, trade) => sum + fen(trade.totalAmount) - fen(trade.refundFee), 0)
    const expected = PAID_ORDER.includes(order.status) ? order.total : 0
    if (trades.length > 1) {
      if (kept === expected) paidTwiceRefunded++
      else paidTwiceNotRefunded++
    }
    if (kept !== expected) {
      losses.push(`order ${order.id} is ${order.status} (total ${order.total}) but Alipay kept ${kept} over ${trades.length} paid trade(s): ${trades.map(t => `${t.outTradeNo} ${t.totalAmount}/${t.refundFee}`).join(', ')}`)
    }
  }

  const notSettled = db.payments.filter(payment => (OPEN_PAYMENT_STATUSES as readonly string[]).includes(payment.status))
  for (const payment of notSettled) losses.push(`payment ${payment.id} is still ${payment.status}`)
  const open = db.refunds.filter(refund => (OPEN_REFUND_STATUSES as readonly string[]).includes(refund.status))
  for (const refund of open) losses.push(`refund ${refund.id} of payment ${refund.payment_id} is still ${refund.status}`)

  return {
    counts: {
      ordersAnswered: answered.length,
      ordersStored: stored,
      ordersStoredTwice: twice.length,
      ordersStoredUnanswered: unanswered.length,
      tradesPaid: paidTrades.length,
      tradesPaidReflected: reflected,
      paymentsPaid: paymentsPaid.length,
      ordersPaid: db.orders.filter(order => PAID_ORDER.includes(order.status)).length,
      ordersPaidTwiceRefunded: paidTwiceRefunded,
      ordersPaidTwiceNotRefunded: paidTwiceNotRefunded,
      paymentsNotSettled: notSettled.length,
      refundsOpen: open.length,
      refundsFailed: db.refunds.filter(refund => refund.status === 'failed').length,
    },
    losses,
  }
}
