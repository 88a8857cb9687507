// The emulator's fault injection applied to MAPI services: timeouts, system errors, unavailability, dropped notifications.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { NotifyReceiver, outTradeNo, waitFor } from '../helpers.js'
import { answerVerifies, callMapi, notifyVerify, startMapiSandbox } from './mapi-helpers.js'

let sandbox: Awaited<ReturnType<typeof startMapiSandbox>>
let receiver: NotifyReceiver

beforeAll(async () => { sandbox = await startMapiSandbox() })
afterAll(async () => { await sandbox.app.close() })
beforeEach(async () => { receiver = await new NotifyReceiver().start() })
afterEach(async () => {
  await receiver.close()
  await fetch(`${sandbox.base}/faults`, { method: 'DELETE' })
})

async function setFaults (faults: unknown): Promise<void> {
  const response = await fetch(`${sandbox.base}/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(faults) })
  expect(response.status).toBe(200)
}

const precreate = (no: string, signal?: AbortSignal) =>
  callMapi(sandbox, 'alipay.acquire.precreate', { out_trade_no: no, subject: 'Fault', total_fee: '10.00', trans_currency: 'USD', notify_url: receiver.url }, signal === undefined ? {} : { signal })

describe('gateway faults on MAPI services', () => {
  it('a timeout: the call is carried out but not answered within the client\'s patience', async () => {
    await setFaults({ timeoutRate: 1, methods: ['alipay.acquire.precreate'] })
    const no = outTradeNo()
    await expect(precreate(no, AbortSignal.timeout(500))).rejects.toThrow()
    expect(await (await fetch(`${sandbox.base}/trades/${no}`)).json()).toMatchObject({ protocol: 'mapi', state: 'QR_ONLY' })
    // Other services are not hit.
    expect((await callMapi(sandbox, 'alipay.acquire.overseas.query', { partner_trans_id: no })).response.detail_error_code).toBe('TRANS_NOT_FOUND')
  })

  it('a system error: signed result_code UNKNOW (retry_flag Y on cancel), not carried out', async () => {
    await setFaults({ systemErrorRate: 1 })
    const no = outTradeNo()
    const answer = await precreate(no)
    expect(answer.response).toMatchObject({ result_code: 'UNKNOW', detail_error_code: 'SYSTEM_ERROR' })
    expect(answerVerifies(answer)).toBe(true)
    expect((await fetch(`${sandbox.base}/trades/${no}`)).status).toBe(404)
    const cancel = await callMapi(sandbox, 'alipay.acquire.cancel', { out_trade_no: no })
    expect(cancel.response).toMatchObject({ result_code: 'UNKNOW', retry_flag: 'Y' })
  })

  it('unavailable: is_success=F with SYSTEM_ERROR', async () => {
    await setFaults({ unavailableRate: 1 })
    expect(await callMapi(sandbox, 'alipay.acquire.overseas.query', { partner_trans_id: 'X' })).toMatchObject({ isSuccess: 'F', error: 'SYSTEM_ERROR' })
  })

  it('latency applies to MAPI calls too', async () => {
    await setFaults({ latencyMs: 300 })
    const started = Date.now()
    await callMapi(sandbox, 'alipay.acquire.overseas.query', { partner_trans_id: 'X' })
    expect(Date.now() - started).toBeGreaterThanOrEqual(290)
  })
})

describe('notification faults on MAPI trades', () => {
  it('a dropped notification never arrives, and notify_verify does not vouch for its id', async () => {
    await setFaults({ notify: { drop: true } })
    const no = outTradeNo()
    await precreate(no)
    await fetch(`${sandbox.base}/trades/${no}/pay`, { method: 'POST' })
    const records = await waitFor(async () => {
      const all = await (await fetch(`${sandbox.base}/notifications`)).json() as Array<{ outTradeNo: string, notifyId: string, state: string }>
      return all.find(r => r.outTradeNo === no)
    })
    expect(records.state).toBe('dropped')
    expect(receiver.received).toHaveLength(0)
    expect(await notifyVerify(sandbox, records.notifyId)).toBe('false')
  })

  it('a duplicated notification arrives twice with the same notify_id, both verifiable', async () => {
    await setFaults({ notify: { duplicate: true } })
    const no = outTradeNo()
    await precreate(no)
    await fetch(`${sandbox.base}/trades/${no}/pay`, { method: 'POST' })
    const [first, second] = await waitFor(() => receiver.received.length >= 2 && receiver.received, 5_000, 'two deliveries')
    expect(second?.fields.notify_id).toBe(first?.fields.notify_id)
    expect(await notifyVerify(sandbox, first?.fields.notify_id ?? '')).toBe('true')
  })
})
