// Trade timeouts: timeout_express, time_expire and qr_code_timeout_express close trades (and say so when scanned).
import { afterEach, describe, expect, it } from 'vitest'
import { beijing, callGateway, localScanUrl, manualClock, NotifyReceiver, notificationVerifies, openPage, outTradeNo, startSandbox, waitFor, type TestSandbox } from './helpers.js'
import { parseBeijing, timeoutExpressDeadline } from '../../sandbox/time.js'

const cleanup: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const close of cleanup.splice(0)) await close()
})

async function setup (now: () => number): Promise<{ sandbox: TestSandbox, receiver: NotifyReceiver }> {
  const sandbox = await startSandbox({ now })
  const receiver = await new NotifyReceiver().start()
  cleanup.push(() => sandbox.app.close(), () => receiver.close())
  return { sandbox, receiver }
}

describe('trade timeouts', () => {
  it('closes an unscanned QR silently when timeout_express passes: it cannot be scanned or reused', async () => {
    const clock = manualClock()
    const { sandbox, receiver } = await setup(clock.now)
    const no = outTradeNo()
    const answer = await callGateway(sandbox, 'alipay.trade.precreate', { out_trade_no: no, total_amount: '3.00', subject: 's', timeout_express: '5m' }, { now: clock.now(), notifyUrl: receiver.url })
    clock.advance(5 * 60_000 + 1)
    const page = await openPage(localScanUrl(sandbox, String(answer.node.qr_code)))
    expect(page.status).toBe(410)
    expect((await callGateway(sandbox, 'alipay.trade.query', { out_trade_no: no }, { now: clock.now() })).node.sub_code).toBe('ACQ.TRADE_NOT_EXIST')
    const again = await callGateway(sandbox, 'alipay.trade.precreate', { out_trade_no: no, total_amount: '3.00', subject: 's', timeout_express: '5m' }, { now: clock.now() })
    expect(again.node.sub_code).toBe('ACQ.TRADE_HAS_CLOSE')
    expect(receiver.received).toHaveLength(0)
  })

  it('closes a scanned, unpaid trade at its deadline and notifies TRADE_CLOSED', async () => {
    const clock = manualClock()
    const { sandbox, receiver } = await setup(clock.now)
    const no = outTradeNo()
    const answer = await callGateway(sandbox, 'alipay.trade.precreate', { out_trade_no: no, total_amount: '3.00', subject: 's', timeout_express: '5m' }, { now: clock.now(), notifyUrl: receiver.url })
    const scanUrl = localScanUrl(sandbox, String(answer.node.qr_code))
    await openPage(scanUrl)
    clock.advance(4 * 60_000)
    expect((await callGateway(sandbox, 'alipay.trade.query', { out_trade_no: no }, { now: clock.now() })).node.trade_status).toBe('WAIT_BUYER_PAY')
    clock.advance(60_000)
    expect((await callGateway(sandbox, 'alipay.trade.query', { out_trade_no: no }, { now: clock.now() })).node.trade_status).toBe('TRADE_CLOSED')
    const closed = await waitFor(() => receiver.received[0], 5_000, 'TRADE_CLOSED')
    expect(closed.fields).toMatchObject({ trade_status: 'TRADE_CLOSED', out_trade_no: no })
    expect(notificationVerifies(closed.fields)).toBe(true)
    expect((await openPage(`${scanUrl}/pay`, 'POST')).html).toContain('data-result="closed"')
  })

  it('closes a scanned trade by its own timer at time_expire, with nobody asking', async () => {
    // A clock one second before a whole Beijing second, so time_expire (whole seconds) falls 1 s of real time later.
    const real = Date.now()
    const target = Math.ceil((real + 1_000) / 1_000) * 1_000 + 1_000
    const offset = target - 1_000 - real
    const now = (): number => Date.now() + offset
    const { sandbox, receiver } = await setup(now)
    const no = outTradeNo()
    const answer = await callGateway(sandbox, 'alipay.trade.precreate', { out_trade_no: no, total_amount: '3.00', subject: 's', time_expire: beijing(target) }, { now: now(), notifyUrl: receiver.url })
    expect(answer.node.code).toBe('10000')
    await openPage(localScanUrl(sandbox, String(answer.node.qr_code)))
    const closed = await waitFor(() => receiver.received[0], 5_000, 'the timer to close the trade')
    expect(closed.fields.trade_status).toBe('TRADE_CLOSED')
    expect(now()).toBeGreaterThanOrEqual(target)
  })

  it('stops the QR from being scanned after qr_code_timeout_express', async () => {
    const clock = manualClock()
    const { sandbox } = await setup(clock.now)
    const answer = await callGateway(sandbox, 'alipay.trade.precreate', { out_trade_no: outTradeNo(), total_amount: '3.00', subject: 's', qr_code_timeout_express: '2m' }, { now: clock.now() })
    clock.advance(2 * 60_000)
    expect((await openPage(localScanUrl(sandbox, String(answer.node.qr_code)))).status).toBe(410)
  })

  it('refuses a time_expire in the past and takes time_expire over timeout_express', async () => {
    const clock = manualClock()
    const { sandbox } = await setup(clock.now)
    const past = await callGateway(sandbox, 'alipay.trade.precreate', { out_trade_no: outTradeNo(), total_amount: '3.00', subject: 's', time_expire: beijing(clock.now() - 1_000) }, { now: clock.now() })
    expect(past.node.sub_code).toBe('ACQ.INVALID_PARAMETER')
    const no = outTradeNo()
    await callGateway(sandbox, 'alipay.trade.create', { out_trade_no: no, total_amount: '3.00', subject: 's', buyer_id: '2088000000000009', timeout_express: '1m', time_expire: beijing(clock.now() + 10 * 60_000) }, { now: clock.now() })
    clock.advance(2 * 60_000)
    expect((await callGateway(sandbox, 'alipay.trade.query', { out_trade_no: no }, { now: clock.now() })).node.trade_status).toBe('WAIT_BUYER_PAY')
  })
})

describe('Alipay time formats', () => {
  it('parses Beijing wall-clock time and refuses impossible dates', () => {
    expect(parseBeijing('2024-05-13 17:49:20')).toBe(Date.parse('2024-05-13T09:49:20Z'))
    expect(parseBeijing('2024-02-30 10:00:00')).toBeUndefined()
    expect(parseBeijing('2024-05-13T17:49:20')).toBeUndefined()
  })

  it('reads timeout_express in minutes, hours, days and 1c, and refuses the rest', () => {
    const from = Date.parse('2024-05-13T09:49:20Z')
    expect(timeoutExpressDeadline('90m', from)).toBe(from + 90 * 60_000)
    expect(timeoutExpressDeadline('2h', from)).toBe(from + 2 * 3_600_000)
    expect(timeoutExpressDeadline('15d', from)).toBe(from + 15 * 86_400_000)
    expect(timeoutExpressDeadline('1c', from)).toBe(Date.parse('2024-05-13T16:00:00Z'))
    for (const bad of ['16d', '1.5h', '0m', '10s', '']) expect(timeoutExpressDeadline(bad, from)).toBeUndefined()
  })
})
