// Fault injection: latency, timeouts, SYSTEM_ERROR and 20000 answers, and dropped/duplicated/late/reordered/badly signed notifications.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  answerVerifies, callGateway, NotifyReceiver, notificationVerifies, outTradeNo, startSandbox, waitFor, type TestSandbox,
} from './helpers.js'

let sandbox: TestSandbox
let receiver: NotifyReceiver

beforeAll(async () => { sandbox = await startSandbox() })
afterAll(async () => { await sandbox.app.close() })
beforeEach(async () => { receiver = await new NotifyReceiver().start() })
afterEach(async () => {
  await receiver.close()
  await fetch(`${sandbox.base}/faults`, { method: 'DELETE' })
})

async function setFaults (faults: unknown): Promise<Response> {
  return fetch(`${sandbox.base}/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(faults) })
}

const precreate = (no: string, options: { signal?: AbortSignal } = {}) =>
  callGateway(sandbox, 'alipay.trade.precreate', { out_trade_no: no, total_amount: '10.00', subject: 'Fault test' }, { notifyUrl: receiver.url, ...options })

async function paid (): Promise<string> {
  const no = outTradeNo()
  expect((await precreate(no)).node.code).toBe('10000')
  expect((await fetch(`${sandbox.base}/trades/${no}/pay`, { method: 'POST' })).status).toBe(200)
  return no
}

describe('the faults resource', () => {
  it('replaces, shows and resets the faults, and refuses bad ones', async () => {
    const set = await setFaults({ systemErrorRate: 0.5, notify: { drop: true } })
    expect(set.status).toBe(200)
    const shown = await (await fetch(`${sandbox.base}/faults`)).json()
    expect(shown).toMatchObject({ systemErrorRate: 0.5, timeoutRate: 0, notify: { drop: true, duplicate: false } })
    expect((await setFaults({ timeoutRate: 2 })).status).toBe(400)
    expect((await setFaults({ surprise: true })).status).toBe(400)
    const reset = await (await fetch(`${sandbox.base}/faults`, { method: 'DELETE' })).json()
    expect(reset).toMatchObject({ systemErrorRate: 0, notify: { drop: false } })
  })

  it('applies SandboxOptions.faults at start', async () => {
    const other = await startSandbox({ faults: { unavailableRate: 1, methods: ['alipay.trade.query'] } })
    try {
      expect(await (await fetch(`${other.base}/faults`)).json()).toMatchObject({ unavailableRate: 1, methods: ['alipay.trade.query'] })
      expect((await callGateway(other, 'alipay.trade.query', { out_trade_no: 'X' })).node.code).toBe('20000')
    } finally {
      await other.app.close()
    }
  })
})

describe('gateway faults', () => {
  it('answers ACQ.SYSTEM_ERROR (signed) and does not carry the call out', async () => {
    await setFaults({ systemErrorRate: 1 })
    const no = outTradeNo()
    const answer = await precreate(no)
    expect(answer.node).toMatchObject({ code: '40004', sub_code: 'ACQ.SYSTEM_ERROR' })
    expect(answerVerifies(answer)).toBe(true)
    expect((await fetch(`${sandbox.base}/trades/${no}`)).status).toBe(404)
    const cancel = await callGateway(sandbox, 'alipay.trade.cancel', { out_trade_no: no })
    expect(cancel.node).toMatchObject({ sub_code: 'ACQ.SYSTEM_ERROR', retry_flag: 'Y' })
  })

  it('answers 20000 isp.unknow-error', async () => {
    await setFaults({ unavailableRate: 1 })
    const answer = await callGateway(sandbox, 'alipay.trade.query', { out_trade_no: 'X' })
    expect(answer.node).toMatchObject({ code: '20000', msg: 'Service Currently Unavailable', sub_code: 'isp.unknow-error' })
    expect(answerVerifies(answer)).toBe(true)
  })

  it('spreads a rate evenly: 0.5 hits every second call', async () => {
    await setFaults({ systemErrorRate: 0.5 })
    const codes: unknown[] = []
    for (let i = 0; i < 6; i++) codes.push((await callGateway(sandbox, 'alipay.trade.query', { out_trade_no: 'X' })).node.sub_code)
    expect(codes).toEqual(['ACQ.TRADE_NOT_EXIST', 'ACQ.SYSTEM_ERROR', 'ACQ.TRADE_NOT_EXIST', 'ACQ.SYSTEM_ERROR', 'ACQ.TRADE_NOT_EXIST', 'ACQ.SYSTEM_ERROR'])
  })

  it('limits faults to the listed methods', async () => {
    await setFaults({ systemErrorRate: 1, methods: ['alipay.trade.query'] })
    const no = outTradeNo()
    expect((await precreate(no)).node.code).toBe('10000')
    expect((await callGateway(sandbox, 'alipay.trade.query', { out_trade_no: no })).node.sub_code).toBe('ACQ.SYSTEM_ERROR')
  })

  it('delays answers by latencyMs', async () => {
    await setFaults({ latencyMs: 300 })
    const started = performance.now()
    const answer = await callGateway(sandbox, 'alipay.trade.query', { out_trade_no: 'X' })
    expect(performance.now() - started).toBeGreaterThanOrEqual(290)
    expect(answer.node.sub_code).toBe('ACQ.TRADE_NOT_EXIST')
  })

  it('carries out a timed-out call but never answers it within the client\'s patience', async () => {
    await setFaults({ timeoutRate: 1, methods: ['alipay.trade.precreate'] })
    const no = outTradeNo()
    await expect(precreate(no, { signal: AbortSignal.timeout(400) })).rejects.toThrow()
    // The trade exists: a retry with the same out_trade_no would get the same QR, a cancel locks it.
    const trade = await (await fetch(`${sandbox.base}/trades/${no}`)).json()
    expect(trade).toMatchObject({ outTradeNo: no, state: 'QR_ONLY' })
  })

  it('lets go of held calls and stops its timers when the server closes', async () => {
    const other = await startSandbox({ faults: { timeoutRate: 1, methods: ['alipay.trade.query'] }, notifyRetryDelaysMs: undefined })
    const held = callGateway(other, 'alipay.trade.query', { out_trade_no: 'X' })
      .then(() => 'answered', (error: unknown) => (error as { cause?: { code?: string } }).cause?.code)
    // A notification with Alipay's real schedule (hours) is pending too.
    receiver.reply = () => 'fail'
    const no = outTradeNo()
    await callGateway(other, 'alipay.trade.precreate', { out_trade_no: no, total_amount: '1.00', subject: 's', timeout_express: '15d' }, { notifyUrl: receiver.url })
    await fetch(`${other.base}/trades/${no}/pay`, { method: 'POST' })
    await waitFor(() => receiver.received.length >= 4, 5_000, 'the immediate retries')
    const started = performance.now()
    await other.app.close()
    expect(performance.now() - started).toBeLessThan(3_000)
    // Cut by the server (not refused): the call had arrived and was being held.
    expect(await held).toBe('UND_ERR_SOCKET')
  })
})

describe('notification faults', () => {
  it('drops notifications', async () => {
    await setFaults({ notify: { drop: true } })
    const dropped = await paid()
    await fetch(`${sandbox.base}/faults`, { method: 'DELETE' })
    const delivered = await paid()
    await waitFor(() => receiver.received.find(n => n.fields.out_trade_no === delivered), 5_000, 'the next notification')
    expect(receiver.received.filter(n => n.fields.out_trade_no === dropped)).toHaveLength(0)
    const records = await (await fetch(`${sandbox.base}/notifications`)).json() as Array<{ outTradeNo: string, state: string }>
    expect(records.find(r => r.outTradeNo === dropped)?.state).toBe('dropped')
  })

  it('duplicates notifications with the same notify_id', async () => {
    await setFaults({ notify: { duplicate: true } })
    const no = await paid()
    const copies = await waitFor(() => {
      const found = receiver.received.filter(n => n.fields.out_trade_no === no)
      return found.length === 2 ? found : undefined
    }, 5_000, 'two copies')
    expect(copies[0]?.fields.notify_id).toBe(copies[1]?.fields.notify_id)
    expect(copies.every(n => notificationVerifies(n.fields))).toBe(true)
  })

  it('delays notifications by delayMs', async () => {
    await setFaults({ notify: { delayMs: 400 } })
    const started = performance.now()
    const no = await paid()
    await waitFor(() => receiver.received.find(n => n.fields.out_trade_no === no), 5_000, 'the late notification')
    expect(performance.now() - started).toBeGreaterThanOrEqual(390)
  })

  it('reorders notifications: the refund arrives before the payment', async () => {
    await setFaults({ notify: { reorder: true } })
    const no = await paid()
    await callGateway(sandbox, 'alipay.trade.refund', { out_trade_no: no, refund_amount: '1.00', out_request_no: 'R1' })
    const both = await waitFor(() => {
      const found = receiver.received.filter(n => n.fields.out_trade_no === no)
      return found.length === 2 ? found : undefined
    }, 5_000, 'both notifications')
    expect(both.map(n => n.fields.out_biz_no ?? 'payment')).toEqual(['R1', 'payment'])
  })

  it('signs notifications badly', async () => {
    await setFaults({ notify: { badSignature: true } })
    const no = await paid()
    const bad = await waitFor(() => receiver.received.find(n => n.fields.out_trade_no === no), 5_000, 'the notification')
    expect(bad.fields.sign).toMatch(/^[A-Za-z0-9+/]+=*$/)
    expect(notificationVerifies(bad.fields)).toBe(false)
  })
})
