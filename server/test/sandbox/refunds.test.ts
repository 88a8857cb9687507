// Refunds: idempotent on out_request_no, cumulative refund_fee, notifications, refund query, the 24 h cancel window.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  answerVerifies, callGateway, manualClock, NotifyReceiver, notificationVerifies, outTradeNo, startSandbox, waitFor, type TestSandbox,
} from './helpers.js'

let sandbox: TestSandbox
let receiver: NotifyReceiver
const clock = manualClock()

beforeAll(async () => { sandbox = await startSandbox({ now: clock.now }) })
afterAll(async () => { await sandbox.app.close() })
beforeEach(async () => { receiver = await new NotifyReceiver().start() })
afterEach(async () => { await receiver.close() })

const call = (method: string, biz: Record<string, unknown>) =>
  callGateway(sandbox, method, biz, { now: clock.now(), notifyUrl: receiver.url })

async function paidTrade (amount = '100.00'): Promise<{ no: string, tradeNo: string }> {
  const no = outTradeNo()
  expect((await call('alipay.trade.precreate', { out_trade_no: no, total_amount: amount, subject: 'Dinner' })).node.code).toBe('10000')
  expect((await fetch(`${sandbox.base}/trades/${no}/pay`, { method: 'POST' })).status).toBe(200)
  await waitFor(() => receiver.received.find(n => n.fields.trade_status === 'TRADE_SUCCESS'), 5_000, 'the payment notification')
  const query = await call('alipay.trade.query', { out_trade_no: no })
  return { no, tradeNo: String(query.node.trade_no) }
}

describe('alipay.trade.refund', () => {
  it('refunds partially, notifies TRADE_SUCCESS with refund_fee, and refunds once per out_request_no', async () => {
    const { no, tradeNo } = await paidTrade()
    const first = await call('alipay.trade.refund', { out_trade_no: no, refund_amount: '30.00', out_request_no: 'R1', refund_reason: 'cold soup' })
    expect(first.node).toMatchObject({ code: '10000', trade_no: tradeNo, out_trade_no: no, fund_change: 'Y', refund_fee: '30.00' })
    expect(answerVerifies(first)).toBe(true)

    const retry = await call('alipay.trade.refund', { out_trade_no: no, refund_amount: '30.00', out_request_no: 'R1' })
    expect(retry.node).toMatchObject({ code: '10000', fund_change: 'N', refund_fee: '30.00' })

    const other = await call('alipay.trade.refund', { out_trade_no: no, refund_amount: '31.00', out_request_no: 'R1' })
    expect(other.node).toMatchObject({ code: '40004', sub_code: 'ACQ.REFUND_AMT_NOT_EQUAL_TOTAL' })

    const second = await call('alipay.trade.refund', { trade_no: tradeNo, refund_amount: '20.00', out_request_no: 'R2' })
    expect(second.node).toMatchObject({ fund_change: 'Y', refund_fee: '50.00' })

    const tooMuch = await call('alipay.trade.refund', { out_trade_no: no, refund_amount: '50.01', out_request_no: 'R3' })
    expect(tooMuch.node.sub_code).toBe('ACQ.REASON_TRADE_REFUND_FEE_ERR')

    expect((await call('alipay.trade.query', { out_trade_no: no })).node.trade_status).toBe('TRADE_SUCCESS')
    const partials = await waitFor(() => {
      const found = receiver.received.filter(n => n.fields.out_biz_no !== undefined)
      return found.length === 2 ? found : undefined
    }, 5_000, 'two refund notifications')
    const r1 = partials.find(n => n.fields.out_biz_no === 'R1')
    expect(r1?.fields).toMatchObject({ trade_status: 'TRADE_SUCCESS', refund_fee: '30.00', out_trade_no: no })
    expect(r1?.fields.gmt_refund).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/)
    expect(partials.every(n => notificationVerifies(n.fields))).toBe(true)
  })

  it('closes the trade on a full refund and notifies TRADE_CLOSED', async () => {
    const { no } = await paidTrade('12.50')
    const full = await call('alipay.trade.refund', { out_trade_no: no, refund_amount: '12.50', out_request_no: 'FULL' })
    expect(full.node).toMatchObject({ code: '10000', fund_change: 'Y', refund_fee: '12.50' })
    expect((await call('alipay.trade.query', { out_trade_no: no })).node.trade_status).toBe('TRADE_CLOSED')
    const closed = await waitFor(() => receiver.received.find(n => n.fields.trade_status === 'TRADE_CLOSED'), 5_000, 'TRADE_CLOSED')
    expect(closed.fields).toMatchObject({ refund_fee: '12.50', out_biz_no: 'FULL' })
    const more = await call('alipay.trade.refund', { out_trade_no: no, refund_amount: '0.01', out_request_no: 'MORE' })
    expect(more.node.sub_code).toBe('ACQ.TRADE_STATUS_ERROR')
    // The retry of the full refund is still recognised after the trade closed.
    const retry = await call('alipay.trade.refund', { out_trade_no: no, refund_amount: '12.50', out_request_no: 'FULL' })
    expect(retry.node).toMatchObject({ code: '10000', fund_change: 'N' })
  })

  it('refuses refunds of unknown, unscanned and unpaid trades', async () => {
    const unknown = await call('alipay.trade.refund', { out_trade_no: 'NOPE', refund_amount: '1.00' })
    expect(unknown.node.sub_code).toBe('ACQ.TRADE_NOT_EXIST')
    const no = outTradeNo()
    await call('alipay.trade.create', { out_trade_no: no, total_amount: '1.00', subject: 's', buyer_id: '2088000000000001' })
    const unpaid = await call('alipay.trade.refund', { out_trade_no: no, refund_amount: '1.00' })
    expect(unpaid.node.sub_code).toBe('ACQ.TRADE_STATUS_ERROR')
    const noAmount = await call('alipay.trade.refund', { out_trade_no: no })
    expect(noAmount.node.sub_code).toBe('ACQ.INVALID_PARAMETER')
  })

  it('refuses refunds once the trade is TRADE_FINISHED', async () => {
    const { no } = await paidTrade('3.00')
    expect((await fetch(`${sandbox.base}/trades/${no}/finish`, { method: 'POST' })).status).toBe(200)
    expect((await call('alipay.trade.query', { out_trade_no: no })).node.trade_status).toBe('TRADE_FINISHED')
    const finished = await waitFor(() => receiver.received.find(n => n.fields.trade_status === 'TRADE_FINISHED'), 5_000, 'TRADE_FINISHED')
    expect(notificationVerifies(finished.fields)).toBe(true)
    const refund = await call('alipay.trade.refund', { out_trade_no: no, refund_amount: '1.00', out_request_no: 'X' })
    expect(refund.node.sub_code).toBe('ACQ.TRADE_HAS_FINISHED')
  })
})

describe('alipay.trade.fastpay.refund.query', () => {
  it('answers REFUND_SUCCESS for a refund it made and an empty 10000 for one it does not know', async () => {
    const { no, tradeNo } = await paidTrade('40.00')
    await call('alipay.trade.refund', { out_trade_no: no, refund_amount: '15.00', out_request_no: 'Q1', refund_reason: 'late' })
    const found = await call('alipay.trade.fastpay.refund.query', { out_trade_no: no, out_request_no: 'Q1' })
    expect(found.node).toMatchObject({
      code: '10000', trade_no: tradeNo, out_trade_no: no, out_request_no: 'Q1',
      total_amount: '40.00', refund_amount: '15.00', refund_status: 'REFUND_SUCCESS', refund_reason: 'late',
    })
    const missing = await call('alipay.trade.fastpay.refund.query', { out_trade_no: no, out_request_no: 'Q2' })
    expect(missing.node).toEqual({ code: '10000', msg: 'Success' })
    expect(answerVerifies(missing)).toBe(true)
  })

  it('finds a refund sent without out_request_no under the out_trade_no', async () => {
    const { no } = await paidTrade('9.00')
    await call('alipay.trade.refund', { out_trade_no: no, refund_amount: '9.00' })
    const found = await call('alipay.trade.fastpay.refund.query', { out_trade_no: no, out_request_no: no })
    expect(found.node.refund_status).toBe('REFUND_SUCCESS')
  })
})

describe('alipay.trade.cancel window', () => {
  it('answers ACQ.TRADE_CANCEL_TIME_OUT 24 hours after the trade was created', async () => {
    const { no } = await paidTrade('5.00')
    clock.advance(24 * 3_600_000 + 1_000)
    const late = await call('alipay.trade.cancel', { out_trade_no: no })
    expect(late.node).toMatchObject({ code: '40004', sub_code: 'ACQ.TRADE_CANCEL_TIME_OUT', retry_flag: 'N' })
    // Refund still works: that is what the merchant must use now.
    const refund = await call('alipay.trade.refund', { out_trade_no: no, refund_amount: '5.00', out_request_no: 'LATE' })
    expect(refund.node.fund_change).toBe('Y')
  })
})
