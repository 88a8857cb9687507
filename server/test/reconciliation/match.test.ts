// The matcher: every outcome of comparing a bill day with our payments and refunds.
import { describe, expect, it } from 'vitest'
import type { BillLine } from '../../src/reconciliation/bill-parse.js'
import { matchDay, mismatchKey, type OurPayment, type OurRefund } from '../../src/reconciliation/match.js'

const trade = (outTradeNo: string, amount: number): BillLine =>
  ({ kind: 'trade', tradeNo: `T${outTradeNo}`, outTradeNo, outRequestNo: null, amount, completedAt: '2026-03-01 12:00:00' })
const refundLine = (outTradeNo: string, outRequestNo: string, amount: number): BillLine =>
  ({ kind: 'refund', tradeNo: `T${outTradeNo}`, outTradeNo, outRequestNo, amount, completedAt: '2026-03-01 13:00:00' })
const payment = (id: string, amount: number, inDay = true): OurPayment =>
  ({ paymentId: id, outTradeNo: id, tradeNo: `T${id}`, amount, inDay })
const refund = (paymentId: string, outRequestNo: string, amount: number, inDay = true): OurRefund =>
  ({ paymentId, outTradeNo: paymentId, outRequestNo, amount, inDay })

const ZERO = { matched: 0, onlyAtAlipay: 0, onlyHere: 0, amountDiffers: 0, refundDiffers: 0 }

describe('matchDay', () => {
  it('matches trades by out_trade_no and refunds by out_trade_no + out_request_no', () => {
    const result = matchDay(
      [trade('p1', 4280), trade('p2', 1950), refundLine('p2', 'r1', 1000)],
      { payments: [payment('p2', 1950), payment('p1', 4280)], refunds: [refund('p2', 'r1', 1000)] },
    )
    expect(result).toEqual({ counts: { ...ZERO, matched: 3 }, mismatches: [] })
  })

  it('an empty day on both sides is matched', () => {
    expect(matchDay([], { payments: [], refunds: [] })).toEqual({ counts: ZERO, mismatches: [] })
  })

  it('a trade or refund only in the bill is only_at_alipay', () => {
    const result = matchDay([trade('p9', 500), refundLine('p1', 'r9', 100), trade('p1', 4280)], { payments: [payment('p1', 4280)], refunds: [] })
    expect(result.counts).toEqual({ ...ZERO, matched: 1, onlyAtAlipay: 2 })
    expect(result.mismatches).toEqual([
      { kind: 'only_at_alipay', outTradeNo: 'p9', outRequestNo: null, tradeNo: 'Tp9', paymentId: null, here: null, alipay: 500 },
      { kind: 'only_at_alipay', outTradeNo: 'p1', outRequestNo: 'r9', tradeNo: 'Tp1', paymentId: 'p1', here: null, alipay: 100 },
    ])
  })

  it('links a line at Alipay only to our payment when it exists here without having taken money', () => {
    const result = matchDay([trade('p1', 500), refundLine('p1', 'r1', 500)], { payments: [], refunds: [], otherPaymentIds: ['p1'] })
    expect(result.mismatches.map(item => [item.kind, item.paymentId])).toEqual([['only_at_alipay', 'p1'], ['only_at_alipay', 'p1']])
  })

  it('the refund of a payment Alipay\'s cancel returned matches the payment, not a refund row', () => {
    const returned = { ...payment('p1', 4280), returnedByCancel: true }
    const bill = [trade('p1', 4280), refundLine('p1', 'p1', 4280)]
    expect(matchDay(bill, { payments: [returned], refunds: [] })).toEqual({ counts: { ...ZERO, matched: 2 }, mismatches: [] })
    expect(matchDay(bill, { payments: [payment('p1', 4280)], refunds: [] }).counts).toEqual({ ...ZERO, matched: 1, onlyAtAlipay: 1 })
  })

  it('a payment or refund of the day missing from the bill is only_here', () => {
    const result = matchDay([], { payments: [payment('p1', 4280)], refunds: [refund('p1', 'r1', 280)] })
    expect(result.counts).toEqual({ ...ZERO, onlyHere: 2 })
    expect(result.mismatches).toEqual([
      { kind: 'only_here', outTradeNo: 'p1', outRequestNo: null, tradeNo: 'Tp1', paymentId: 'p1', here: 4280, alipay: null },
      { kind: 'only_here', outTradeNo: 'p1', outRequestNo: 'r1', tradeNo: 'Tp1', paymentId: 'p1', here: 280, alipay: null },
    ])
  })

  it('payments and refunds of another day by our clock are matched when the bill names them, never missed otherwise', () => {
    const ours = { payments: [payment('p1', 4280, false), payment('p2', 100, false)], refunds: [refund('p2', 'r1', 50, false)] }
    expect(matchDay([trade('p1', 4280)], ours)).toEqual({ counts: { ...ZERO, matched: 1 }, mismatches: [] })
  })

  it('a trade of another amount is amount_differs, with both amounts', () => {
    const result = matchDay([trade('p1', 4200)], { payments: [payment('p1', 4280)], refunds: [] })
    expect(result.counts).toEqual({ ...ZERO, amountDiffers: 1 })
    expect(result.mismatches).toEqual([{ kind: 'amount_differs', outTradeNo: 'p1', outRequestNo: null, tradeNo: 'Tp1', paymentId: 'p1', here: 4280, alipay: 4200 }])
  })

  it('a refund of another amount is refund_differs', () => {
    const result = matchDay([trade('p1', 4280), refundLine('p1', 'r1', 1000)], { payments: [payment('p1', 4280)], refunds: [refund('p1', 'r1', 800)] })
    expect(result.counts).toEqual({ ...ZERO, matched: 1, refundDiffers: 1 })
    expect(result.mismatches).toEqual([{ kind: 'refund_differs', outTradeNo: 'p1', outRequestNo: 'r1', tradeNo: 'Tp1', paymentId: 'p1', here: 800, alipay: 1000 }])
  })

  it('lists mismatches the same way whatever order the bill has, and keys them by kind and numbers only', () => {
    const bill = [trade('b', 1), trade('a', 1), refundLine('a', 'r', 1)]
    const forward = matchDay(bill, { payments: [], refunds: [] })
    const backward = matchDay([...bill].reverse(), { payments: [], refunds: [] })
    expect(forward.mismatches).toEqual(backward.mismatches)
    expect(forward.mismatches.map(mismatchKey)).toEqual(['only_at_alipay:a:', 'only_at_alipay:b:', 'only_at_alipay:a:r'])
    expect(mismatchKey({ ...forward.mismatches[0]!, kind: 'amount_differs' })).not.toBe(mismatchKey(forward.mismatches[0]!))
  })
})
