// The QR payment as a diner lives it: precreate, scan, pay or decline, cancel, and the notification that follows.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  answerVerifies, APP_ID, callGateway, localScanUrl, NotifyReceiver, notificationVerifies, openPage, outTradeNo,
  SELLER_ID, startSandbox, waitFor, type TestSandbox,
} from './helpers.js'

let sandbox: TestSandbox
let receiver: NotifyReceiver

beforeAll(async () => { sandbox = await startSandbox() })
afterAll(async () => { await sandbox.app.close() })
beforeEach(async () => { receiver = await new NotifyReceiver().start() })
afterEach(async () => { await receiver.close() })

async function precreate (no: string, biz: Record<string, unknown> = {}): Promise<{ qrCode: string, scanUrl: string }> {
  const answer = await callGateway(sandbox, 'alipay.trade.precreate', { out_trade_no: no, total_amount: '88.80', subject: 'Table 7', ...biz }, { notifyUrl: receiver.url })
  expect(answer.node).toMatchObject({ code: '10000', out_trade_no: no })
  const qrCode = String(answer.node.qr_code)
  return { qrCode, scanUrl: localScanUrl(sandbox, qrCode) }
}

const query = async (no: string): Promise<Record<string, unknown>> =>
  (await callGateway(sandbox, 'alipay.trade.query', { out_trade_no: no })).node

describe('precreate → scan → pay', () => {
  it('has no trade before the scan, WAIT_BUYER_PAY after it, TRADE_SUCCESS after paying, and notifies once verified', async () => {
    const no = outTradeNo()
    const { qrCode, scanUrl } = await precreate(no)
    expect(qrCode.startsWith('http://192.0.2.10:8080/sandbox/scan/')).toBe(true)

    expect(await query(no)).toMatchObject({ code: '40004', sub_code: 'ACQ.TRADE_NOT_EXIST', out_trade_no: no })

    const page = await openPage(scanUrl)
    expect(page.status).toBe(200)
    expect(page.html).toContain('Test Bistro')
    expect(page.html).toContain('Table 7')
    expect(page.html).toContain('¥88.80')
    expect(page.html).toContain('data-testid="sandbox-pay"')
    expect(page.html).toContain('data-testid="sandbox-decline"')
    expect(page.html).not.toMatch(/<script|https?:\/\/(?!www\.w3)/)
    const csp = page.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("style-src 'unsafe-inline'")
    expect(csp).toContain("form-action 'self'")
    const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0]

    const waiting = await query(no)
    expect(waiting).toMatchObject({ code: '10000', trade_status: 'WAIT_BUYER_PAY', total_amount: '88.80', buyer_pay_amount: '0.00' })
    expect(waiting.trade_no).toMatch(/^\d{28}$/)
    expect(waiting.buyer_user_id).toMatch(/^2088\d{12}$/)

    const paid = await openPage(`${scanUrl}/pay`, 'POST', cookie)
    expect(paid.status).toBe(200)
    expect(paid.html).toContain('data-result="paid"')

    const after = await query(no)
    expect(after).toMatchObject({
      code: '10000',
      trade_status: 'TRADE_SUCCESS',
      trade_no: waiting.trade_no,
      buyer_user_id: waiting.buyer_user_id,
      total_amount: '88.80',
      receipt_amount: '88.80',
      buyer_pay_amount: '88.80',
    })
    expect(after.send_pay_date).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/)

    const notification = await waitFor(() => receiver.received[0], 5_000, 'the payment notification')
    const { fields } = notification
    expect(notification.headers['content-type']).toBe('application/x-www-form-urlencoded; charset=utf-8')
    expect(fields).toMatchObject({
      notify_type: 'trade_status_sync',
      app_id: APP_ID,
      charset: 'utf-8',
      version: '1.0',
      sign_type: 'RSA2',
      trade_no: waiting.trade_no,
      out_trade_no: no,
      buyer_id: waiting.buyer_user_id,
      seller_id: SELLER_ID,
      trade_status: 'TRADE_SUCCESS',
      total_amount: '88.80',
      receipt_amount: '88.80',
      buyer_pay_amount: '88.80',
      subject: 'Table 7',
    })
    for (const key of ['notify_time', 'notify_id', 'gmt_create', 'gmt_payment', 'fund_bill_list', 'sign']) expect(fields[key]).toBeTruthy()
    expect(JSON.parse(fields.fund_bill_list ?? '')).toEqual([{ amount: '88.80', fundChannel: 'ALIPAYACCOUNT' }])
    expect(notificationVerifies(fields)).toBe(true)
    expect(notificationVerifies({ ...fields, total_amount: '0.01' })).toBe(false)
  })

  it('retries the notification until the answer is exactly "success", keeping notify_id', async () => {
    receiver.reply = (_n, index) => ['fail', 'success\n', 'success'][index] ?? 'success'
    const no = outTradeNo()
    await precreate(no)
    await fetch(`${sandbox.base}/trades/${no}/pay`, { method: 'POST' })
    await waitFor(() => receiver.received.length >= 3, 5_000, 'three attempts')
    const ids = new Set(receiver.received.map(n => n.fields.notify_id))
    expect(ids.size).toBe(1)
    expect(receiver.received.every(n => notificationVerifies(n.fields))).toBe(true)
    // After "success" nothing more comes: the next notification is a new one with its own id.
    const records = await (await fetch(`${sandbox.base}/notifications`)).json() as Array<{ outTradeNo: string, state: string, attempts: unknown[] }>
    expect(records.find(r => r.outTradeNo === no)).toMatchObject({ state: 'delivered', attempts: [{}, {}, {}] })
  })

  it('gives up after the retry schedule when the merchant never answers success', async () => {
    receiver.reply = () => 'fail'
    const no = outTradeNo()
    await precreate(no)
    await fetch(`${sandbox.base}/trades/${no}/pay`, { method: 'POST' })
    const record = await waitFor(async () => {
      const records = await (await fetch(`${sandbox.base}/notifications`)).json() as Array<{ outTradeNo: string, state: string }>
      return records.find(r => r.outTradeNo === no && r.state === 'failed')
    }, 5_000, 'the notification to be given up')
    expect(record).toBeTruthy()
    // One first attempt and one per retry delay (three in these tests).
    expect(receiver.received).toHaveLength(4)
  })

  it('pays twice only once', async () => {
    const no = outTradeNo()
    const { scanUrl } = await precreate(no)
    await openPage(scanUrl)
    const first = await openPage(`${scanUrl}/pay`, 'POST')
    const second = await openPage(`${scanUrl}/pay`, 'POST')
    expect(first.html).toContain('data-result="paid"')
    expect(second.html).toContain('data-result="paid"')
    await waitFor(() => receiver.received[0], 5_000, 'the notification')
    const records = await (await fetch(`${sandbox.base}/notifications`)).json() as Array<{ outTradeNo: string }>
    expect(records.filter(r => r.outTradeNo === no)).toHaveLength(1)
  })

  it('keeps the trade waiting when the buyer declines', async () => {
    const no = outTradeNo()
    const { scanUrl } = await precreate(no)
    await openPage(scanUrl)
    const declined = await openPage(`${scanUrl}/decline`, 'POST')
    expect(declined.html).toContain('data-result="declined"')
    expect(await query(no)).toMatchObject({ trade_status: 'WAIT_BUYER_PAY' })
  })

  it('answers the same QR for the same precreate, and refuses changed or settled ones', async () => {
    const no = outTradeNo()
    const first = await precreate(no)
    const again = await precreate(no)
    expect(again.qrCode).toBe(first.qrCode)
    const changed = await callGateway(sandbox, 'alipay.trade.precreate', { out_trade_no: no, total_amount: '1.00', subject: 'Table 7' })
    expect(changed.node).toMatchObject({ code: '40004', sub_code: 'ACQ.CONTEXT_INCONSISTENT' })
    expect(answerVerifies(changed)).toBe(true)

    await fetch(`${sandbox.base}/trades/${no}/pay`, { method: 'POST' })
    const paid = await callGateway(sandbox, 'alipay.trade.precreate', { out_trade_no: no, total_amount: '88.80', subject: 'Table 7' })
    expect(paid.node.sub_code).toBe('ACQ.TRADE_HAS_SUCCESS')
  })

  it('validates out_trade_no, total_amount and subject', async () => {
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ out_trade_no: 'has-dash', total_amount: '1.00', subject: 's' }, 'ACQ.INVALID_PARAMETER'],
      [{ out_trade_no: 'x'.repeat(65), total_amount: '1.00', subject: 's' }, 'ACQ.INVALID_PARAMETER'],
      [{ out_trade_no: outTradeNo(), total_amount: '1.005', subject: 's' }, 'ACQ.INVALID_PARAMETER'],
      [{ out_trade_no: outTradeNo(), total_amount: '0.00', subject: 's' }, 'ACQ.INVALID_PARAMETER'],
      [{ out_trade_no: outTradeNo(), total_amount: '100000000.01', subject: 's' }, 'ACQ.TOTAL_FEE_EXCEED'],
      [{ out_trade_no: outTradeNo(), total_amount: '1.00' }, 'ACQ.INVALID_PARAMETER'],
      [{ out_trade_no: outTradeNo(), total_amount: '1.00', subject: 's', timeout_express: '1.5h' }, 'ACQ.INVALID_PARAMETER'],
    ]
    for (const [biz, subCode] of bad) {
      const answer = await callGateway(sandbox, 'alipay.trade.precreate', biz)
      expect({ biz, sub: answer.node.sub_code }).toEqual({ biz, sub: subCode })
    }
    const max = await callGateway(sandbox, 'alipay.trade.precreate', { out_trade_no: outTradeNo(), total_amount: '100000000.00', subject: 's' })
    expect(max.node.code).toBe('10000')
  })

  it('notifies in GBK when the trade was created with charset GBK', async () => {
    const no = outTradeNo()
    const answer = await callGateway(sandbox, 'alipay.trade.precreate', { out_trade_no: no, total_amount: '5.00', subject: '宫保鸡丁' }, { charset: 'GBK', notifyUrl: receiver.url })
    expect(answer.node.code).toBe('10000')
    await fetch(`${sandbox.base}/trades/${no}/pay`, { method: 'POST' })
    const { fields, headers, raw } = await waitFor(() => receiver.received[0], 5_000, 'the GBK notification')
    expect(headers['content-type']).toBe('application/x-www-form-urlencoded; charset=GBK')
    expect(raw.toString('latin1')).toContain('subject=%B9%AC%B1%A3%BC%A6%B6%A1')
    expect(fields).toMatchObject({ charset: 'GBK', subject: '宫保鸡丁' })
    expect(notificationVerifies(fields)).toBe(true)
  })
})

describe('cancel and close before and after the scan', () => {
  it('locks the QR when cancelled before the scan: the page refuses it and it cannot be paid', async () => {
    const no = outTradeNo()
    const { scanUrl } = await precreate(no)
    const cancel = await callGateway(sandbox, 'alipay.trade.cancel', { out_trade_no: no })
    expect(cancel.node).toMatchObject({ code: '10000', out_trade_no: no, retry_flag: 'N' })
    expect(cancel.node.action).toBeUndefined()

    const page = await openPage(scanUrl)
    expect(page.status).toBe(410)
    expect(page.html).toContain('data-result="invalid"')
    expect(page.html).not.toContain('sandbox-pay')
    const pay = await openPage(`${scanUrl}/pay`, 'POST')
    expect(pay.html).not.toContain('data-result="paid"')
    expect((await fetch(`${sandbox.base}/trades/${no}/pay`, { method: 'POST' })).status).toBe(409)
    expect(await query(no)).toMatchObject({ sub_code: 'ACQ.TRADE_NOT_EXIST' })

    const again = await callGateway(sandbox, 'alipay.trade.precreate', { out_trade_no: no, total_amount: '88.80', subject: 'Table 7' })
    expect(again.node.sub_code).toBe('ACQ.TRADE_HAS_CLOSE')
    expect(receiver.received).toHaveLength(0)
  })

  it('locks an out_trade_no cancelled before any precreate (a precreate whose answer was lost)', async () => {
    const no = outTradeNo()
    const cancel = await callGateway(sandbox, 'alipay.trade.cancel', { out_trade_no: no })
    expect(cancel.node).toMatchObject({ code: '10000', retry_flag: 'N' })
    const later = await callGateway(sandbox, 'alipay.trade.precreate', { out_trade_no: no, total_amount: '1.00', subject: 's' })
    expect(later.node.sub_code).toBe('ACQ.TRADE_HAS_CLOSE')
  })

  it('closes a scanned trade on cancel (action close) and notifies TRADE_CLOSED', async () => {
    const no = outTradeNo()
    const { scanUrl } = await precreate(no)
    await openPage(scanUrl)
    const cancel = await callGateway(sandbox, 'alipay.trade.cancel', { out_trade_no: no })
    expect(cancel.node).toMatchObject({ code: '10000', action: 'close', retry_flag: 'N' })
    expect(await query(no)).toMatchObject({ trade_status: 'TRADE_CLOSED' })
    const { fields } = await waitFor(() => receiver.received[0], 5_000, 'the close notification')
    expect(fields).toMatchObject({ trade_status: 'TRADE_CLOSED', out_trade_no: no })
    expect(fields.gmt_close).toBeTruthy()
    expect(notificationVerifies(fields)).toBe(true)
    const pay = await openPage(`${scanUrl}/pay`, 'POST')
    expect(pay.html).toContain('data-result="closed"')
  })

  it('close: TRADE_NOT_EXIST before the scan (and the QR dies), closes a waiting trade, TRADE_STATUS_ERROR when paid', async () => {
    const unscanned = outTradeNo()
    const { scanUrl } = await precreate(unscanned)
    const early = await callGateway(sandbox, 'alipay.trade.close', { out_trade_no: unscanned })
    expect(early.node).toMatchObject({ code: '40004', sub_code: 'ACQ.TRADE_NOT_EXIST' })
    expect((await openPage(scanUrl)).status).toBe(410)

    const waiting = outTradeNo()
    const second = await precreate(waiting)
    await openPage(second.scanUrl)
    const closed = await callGateway(sandbox, 'alipay.trade.close', { out_trade_no: waiting })
    expect(closed.node).toMatchObject({ code: '10000', out_trade_no: waiting })
    expect(await query(waiting)).toMatchObject({ trade_status: 'TRADE_CLOSED' })
    const closedAgain = await callGateway(sandbox, 'alipay.trade.close', { out_trade_no: waiting })
    expect(closedAgain.node.sub_code).toBe('ACQ.TRADE_STATUS_ERROR')

    const paid = outTradeNo()
    await precreate(paid)
    await fetch(`${sandbox.base}/trades/${paid}/pay`, { method: 'POST' })
    const refused = await callGateway(sandbox, 'alipay.trade.close', { out_trade_no: paid })
    expect(refused.node.sub_code).toBe('ACQ.TRADE_STATUS_ERROR')
  })

  it('refunds a paid trade on cancel (action refund)', async () => {
    const no = outTradeNo()
    await precreate(no)
    await fetch(`${sandbox.base}/trades/${no}/pay`, { method: 'POST' })
    const cancel = await callGateway(sandbox, 'alipay.trade.cancel', { out_trade_no: no })
    expect(cancel.node).toMatchObject({ code: '10000', action: 'refund', retry_flag: 'N' })
    expect(cancel.node.gmt_refund_pay).toBeTruthy()
    expect(await query(no)).toMatchObject({ trade_status: 'TRADE_CLOSED' })
    const again = await callGateway(sandbox, 'alipay.trade.cancel', { out_trade_no: no })
    expect(again.node).toMatchObject({ code: '10000', action: 'refund' })
    const closing = await waitFor(() => receiver.received.find(n => n.fields.trade_status === 'TRADE_CLOSED'), 5_000, 'the refund notification')
    expect(closing.fields.refund_fee).toBe('88.80')
  })
})
