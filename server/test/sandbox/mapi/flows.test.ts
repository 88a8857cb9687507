// The MAPI payment flows end to end over HTTP: precreate → scan page → pay → query, notification, notify_verify; create → cashier.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { localScanUrl, NotifyReceiver, openPage, outTradeNo, waitFor } from '../helpers.js'
import { answerVerifies, callMapi, mapiNotificationVerifies, notifyVerify, PARTNER_ID, startMapiSandbox } from './mapi-helpers.js'

let sandbox: Awaited<ReturnType<typeof startMapiSandbox>>
let receiver: NotifyReceiver

beforeAll(async () => { sandbox = await startMapiSandbox() })
afterAll(async () => { await sandbox.app.close() })
beforeEach(async () => { receiver = await new NotifyReceiver().start() })
afterEach(async () => { await receiver.close() })

const BUYER = '2088000011112222'

describe('alipay.acquire.precreate, paid on the scan page (MD5)', () => {
  it('answers a signed qr_code; the buyer pays; query, notification and notify_verify agree', async () => {
    const no = outTradeNo()
    const created = await callMapi(sandbox, 'alipay.acquire.precreate', {
      out_trade_no: no, subject: 'Dim sum', total_fee: '88.50', trans_currency: 'HKD', currency: 'HKD',
      product_code: 'OVERSEAS_MBARCODE_PAY', notify_url: receiver.url,
      extend_params: JSON.stringify({ secondary_merchant_industry: '5812', store_id: 'S1' }),
    })
    expect(created.status).toBe(200)
    expect(created.contentType).toMatch(/^text\/xml/)
    expect(created.text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<alipay><is_success>T<\/is_success><request>/)
    expect(created.text).toContain('<param name="service">alipay.acquire.precreate</param>')
    expect(created.response).toMatchObject({ result_code: 'SUCCESS', out_trade_no: no, voucher_type: 'qrcode' })
    expect(created.signType).toBe('MD5')
    expect(answerVerifies(created)).toBe(true)

    // Not scanned yet: Alipay has no transaction.
    const before = await callMapi(sandbox, 'alipay.acquire.overseas.query', { partner_trans_id: no })
    expect(before.response).toMatchObject({ result_code: 'FAIL', error: 'TRANS_NOT_FOUND', detail_error_code: 'TRANS_NOT_FOUND' })
    expect(answerVerifies(before)).toBe(true)

    const scanUrl = localScanUrl(sandbox, created.response.qr_code ?? '')
    const page = await openPage(scanUrl)
    expect(page.status).toBe(200)
    expect(page.html).toContain('HK$88.50')
    const cookie = page.headers.get('set-cookie')?.split(';')[0]
    const paid = await openPage(`${scanUrl}/pay`, 'POST', cookie)
    expect(paid.html).toContain('data-result="paid"')

    const query = await callMapi(sandbox, 'alipay.acquire.overseas.query', { partner_trans_id: no })
    expect(query.response).toMatchObject({
      result_code: 'SUCCESS', partner_trans_id: no, alipay_trans_status: 'TRADE_SUCCESS', trans_amount: '88.50', currency: 'HKD',
    })
    expect(query.response.alipay_trans_id).toMatch(/^\d{28}$/)
    expect(query.response.alipay_pay_time).toMatch(/^\d{14}$/)
    expect(answerVerifies(query)).toBe(true)

    const acquireQuery = await callMapi(sandbox, 'alipay.acquire.query', { out_trade_no: no })
    expect(acquireQuery.response).toMatchObject({
      result_code: 'SUCCESS', out_trade_no: no, trade_no: query.response.alipay_trans_id, trade_status: 'TRADE_SUCCESS', total_fee: '88.50', trans_currency: 'HKD',
    })

    const [notification] = await waitFor(() => receiver.received.length > 0 && receiver.received, 5_000, 'the notification')
    expect(notification?.headers['content-type']).toBe('application/x-www-form-urlencoded; charset=UTF-8')
    const fields = notification?.fields ?? {}
    expect(fields).toMatchObject({
      notify_type: 'trade_status_sync', out_trade_no: no, trade_no: query.response.alipay_trans_id, trade_status: 'TRADE_SUCCESS',
      total_fee: '88.50', trans_currency: 'HKD', seller_id: PARTNER_ID, sign_type: 'MD5',
    })
    expect(fields.buyer_id).toMatch(/^2088\d{12}$/)
    expect(fields.gmt_payment).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/)
    expect(fields.notify_time).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/)
    expect(fields).not.toHaveProperty('app_id')
    expect(fields).not.toHaveProperty('total_amount')
    expect(mapiNotificationVerifies(fields)).toBe(true)
    expect(mapiNotificationVerifies({ ...fields, total_fee: '1.00' })).toBe(false)

    expect(await notifyVerify(sandbox, fields.notify_id ?? '')).toBe('true')
    expect(await notifyVerify(sandbox, 'f'.repeat(32))).toBe('false')
    expect(await notifyVerify(sandbox, fields.notify_id ?? '', '2088000000000000')).toBe('false')
  })
})

describe('alipay.acquire.create, paid in the tradePay cashier (RSA2)', () => {
  it('opens a trade for the buyer, and the notification is RSA2-signed with Alipay\'s key', async () => {
    const no = outTradeNo()
    const created = await callMapi(sandbox, 'alipay.acquire.create', {
      out_trade_no: no, subject: 'Ramen', total_fee: '12.00', trans_currency: 'SGD', buyer_id: BUYER, notify_url: receiver.url,
    }, { signType: 'RSA2' })
    expect(created.response).toMatchObject({ result_code: 'SUCCESS', out_trade_no: no })
    expect(created.signType).toBe('RSA2')
    expect(answerVerifies(created)).toBe(true)
    const tradeNo = created.response.trade_no ?? ''

    const waiting = await callMapi(sandbox, 'alipay.acquire.overseas.query', { partner_trans_id: no }, { signType: 'RSA2' })
    expect(waiting.response).toMatchObject({ alipay_trans_status: 'WAIT_BUYER_PAY', alipay_buyer_user_id: BUYER, trans_amount: '12.00', currency: 'SGD' })

    const cashier = `${sandbox.base}/cashier/${tradeNo}`
    expect((await openPage(cashier)).html).toContain('12.00')
    expect((await openPage(`${cashier}/pay`, 'POST')).html).toContain('data-result="paid"')

    const [notification] = await waitFor(() => receiver.received.length > 0 && receiver.received, 5_000, 'the notification')
    expect(notification?.fields).toMatchObject({ trade_status: 'TRADE_SUCCESS', trade_no: tradeNo, buyer_id: BUYER, sign_type: 'RSA2', total_fee: '12.00' })
    expect(mapiNotificationVerifies(notification?.fields ?? {})).toBe(true)
  })

  it('the same create again answers the same trade; another amount is refused', async () => {
    const no = outTradeNo()
    const body = { out_trade_no: no, subject: 'Tea', total_fee: '5.00', trans_currency: 'EUR', buyer_id: BUYER }
    const first = await callMapi(sandbox, 'alipay.acquire.create', body)
    const again = await callMapi(sandbox, 'alipay.acquire.create', body)
    expect(again.response.trade_no).toBe(first.response.trade_no)
    const changed = await callMapi(sandbox, 'alipay.acquire.create', { ...body, total_fee: '6.00' })
    expect(changed.response).toMatchObject({ result_code: 'FAIL', detail_error_code: 'CONTEXT_INCONSISTENT' })
  })
})

describe('alipay.acquire.cancel', () => {
  it('closes a waiting trade (notified TRADE_CLOSED) and locks an out_trade_no it never saw', async () => {
    const no = outTradeNo()
    await callMapi(sandbox, 'alipay.acquire.create', { out_trade_no: no, subject: 'Soup', total_fee: '3.00', trans_currency: 'USD', buyer_id: BUYER, notify_url: receiver.url })
    const cancelled = await callMapi(sandbox, 'alipay.acquire.cancel', { out_trade_no: no })
    expect(cancelled.response).toMatchObject({ result_code: 'SUCCESS', retry_flag: 'N', action: 'close', out_trade_no: no })
    expect(answerVerifies(cancelled)).toBe(true)
    const [notification] = await waitFor(() => receiver.received.length > 0 && receiver.received, 5_000, 'the notification')
    expect(notification?.fields).toMatchObject({ trade_status: 'TRADE_CLOSED', out_trade_no: no })
    expect(mapiNotificationVerifies(notification?.fields ?? {})).toBe(true)

    const unseen = outTradeNo()
    expect((await callMapi(sandbox, 'alipay.acquire.cancel', { out_trade_no: unseen })).response).toMatchObject({ result_code: 'SUCCESS', retry_flag: 'N' })
    const late = await callMapi(sandbox, 'alipay.acquire.precreate', { out_trade_no: unseen, subject: 'Late', total_fee: '1.00', trans_currency: 'USD' })
    expect(late.response).toMatchObject({ result_code: 'FAIL', detail_error_code: 'TRADE_HAS_CLOSE' })
  })
})
