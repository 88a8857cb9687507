// The drill's verdict must catch each kind of loss, or a passing drill would prove nothing.
import { describe, expect, it } from 'vitest'
import { compare } from '../../drill/ledger-check.js'
import type { DatabaseContents } from '../../drill/database-view.js'
import type { LedgerTrade } from '../../drill/emulator-client.js'
import type { TabletRecord } from '../../drill/tablet.js'

const tablet = (index: number, orderId: string): TabletRecord =>
  ({ index, behaviour: 'pay', clientOrderId: `client-${orderId}`, orderId, orderAttempts: 1, paymentIds: [], dinerPaid: 1 })
const trade = (outTradeNo: string, state: LedgerTrade['state'], refundFee = '0.00'): LedgerTrade =>
  ({ outTradeNo, tradeNo: `t-${outTradeNo}`, state, totalAmount: '12.00', refundFee })

function store (): DatabaseContents {
  return {
    orders: [
      { id: 'ord_a', client_order_id: 'client-ord_a', device_id: 'dev_1', status: 'paid', total: 1200 },
      { id: 'ord_b', client_order_id: 'client-ord_b', device_id: 'dev_2', status: 'paid', total: 1200 },
    ],
    payments: [
      { id: 'pay_a', order_id: 'ord_a', status: 'paid', amount: 1200, refunded_amount: 0 },
      { id: 'pay_b1', order_id: 'ord_b', status: 'paid', amount: 1200, refunded_amount: 0 },
      { id: 'pay_b2', order_id: 'ord_b', status: 'refunded', amount: 1200, refunded_amount: 1200 },
    ],
    refunds: [{ id: 'refund_1', payment_id: 'pay_b2', amount: 1200, status: 'succeeded' }],
  }
}
const ledger = (): LedgerTrade[] => [trade('pay_a', 'TRADE_SUCCESS'), trade('pay_b1', 'TRADE_SUCCESS'), trade('pay_b2', 'TRADE_CLOSED', '12.00')]
const tablets = [tablet(0, 'ord_a'), tablet(1, 'ord_b')]

describe('drill verdict', () => {
  it('passes a store that agrees with Alipay, counting the refunded double payment', () => {
    const verdict = compare(tablets, ledger(), store())
    expect(verdict.losses).toEqual([])
    expect(verdict.counts).toMatchObject({ ordersAnswered: 2, ordersStored: 2, tradesPaid: 3, tradesPaidReflected: 3, ordersPaidTwiceRefunded: 1, ordersPaidTwiceNotRefunded: 0 })
  })

  it('catches an answered order that was not stored, and one stored twice', () => {
    const db = store()
    db.orders[1] = { ...db.orders[1]!, id: 'ord_other' }
    db.orders.push({ ...db.orders[0]!, id: 'ord_dup' })
    const verdict = compare(tablets, ledger(), db)
    expect(verdict.losses.join('\n')).toMatch(/ord_b .*not stored/)
    expect(verdict.losses.join('\n')).toMatch(/client-ord_a is stored 2 times/)
    expect(verdict.counts.ordersStoredTwice).toBe(1)
  })

  it('catches a paid trade the database does not show as paid', () => {
    const db = store()
    db.payments[0] = { ...db.payments[0]!, status: 'cancelled' }
    const verdict = compare(tablets, ledger(), db)
    expect(verdict.losses.join('\n')).toMatch(/trade pay_a was paid .* but its payment is cancelled/)
    expect(verdict.counts.tradesPaidReflected).toBe(2)
  })

  it('catches an order paid twice with the extra not refunded', () => {
    const trades = ledger()
    trades[2] = trade('pay_b2', 'TRADE_SUCCESS')
    const db = store()
    db.payments[2] = { ...db.payments[2]!, status: 'paid', refunded_amount: 0 }
    const verdict = compare(tablets, trades, db)
    expect(verdict.counts.ordersPaidTwiceNotRefunded).toBe(1)
    expect(verdict.losses.join('\n')).toMatch(/order ord_b is paid .* Alipay kept 2400/)
  })

  it('catches payments and refunds left open', () => {
    const db = store()
    db.payments.push({ id: 'pay_open', order_id: 'ord_a', status: 'unknown', amount: 1200, refunded_amount: 0 })
    db.refunds.push({ id: 'refund_open', payment_id: 'pay_a', amount: 100, status: 'pending' })
    const verdict = compare(tablets, ledger(), db)
    expect(verdict.counts).toMatchObject({ paymentsNotSettled: 1, refundsOpen: 1 })
    expect(verdict.losses).toHaveLength(2)
  })
})
