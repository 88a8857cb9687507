// Notification verification from the raw body and the business checks (docs/alipay.md, "Notifications").
import iconv from 'iconv-lite'
import { beforeAll, describe, expect, it } from 'vitest'
import { parseFormBody } from '../../src/alipay/form.js'
import { checkNotificationBusiness } from '../../src/alipay/notify-checks.js'
import {
  buildNotificationSignContent, verifyNotification, verifyNotificationFields, type AlipayNotification,
} from '../../src/alipay/notify.js'
import { ALIPAY_PUBLIC, APP_PUBLIC, bare, formEncode, otherPrivateKey, signNotification } from './fixtures.js'

const FORM = 'application/x-www-form-urlencoded; charset=utf-8'

/** Field order as Alipay happens to send it; the string-to-sign must not depend on it. */
const FIELDS: Record<string, string> = {
  gmt_create: '2024-05-13 17:50:01',
  charset: 'utf-8',
  seller_email: '',
  subject: '桌 12 · 午餐',
  buyer_id: '2088102177846880',
  invoice_amount: '88.88',
  notify_id: '2024051300222175001046880512345678',
  fund_bill_list: '[{"amount":"88.88","fundChannel":"ALIPAYACCOUNT"}]',
  notify_type: 'trade_status_sync',
  trade_status: 'TRADE_SUCCESS',
  receipt_amount: '88.88',
  app_id: '2021000122671080',
  buyer_pay_amount: '88.88',
  sign_type: 'RSA2',
  seller_id: '2088102177296610',
  gmt_payment: '2024-05-13 17:50:07',
  notify_time: '2024-05-13 17:50:08',
  passback_params: 'table%3D12%26a%2Bb',
  version: '1.0',
  out_trade_no: 'pay_0001',
  total_amount: '88.88',
  trade_no: '2024051322001446880500012345',
  auth_app_id: '2021000122671080',
  buyer_logon_id: '159****5620',
  point_amount: '0.00',
}

const EXPECTED_CONTENT = 'app_id=2021000122671080&auth_app_id=2021000122671080&buyer_id=2088102177846880' +
  '&buyer_logon_id=159****5620&buyer_pay_amount=88.88&charset=utf-8' +
  '&fund_bill_list=[{"amount":"88.88","fundChannel":"ALIPAYACCOUNT"}]&gmt_create=2024-05-13 17:50:01' +
  '&gmt_payment=2024-05-13 17:50:07&invoice_amount=88.88&notify_id=2024051300222175001046880512345678' +
  '&notify_time=2024-05-13 17:50:08&notify_type=trade_status_sync&out_trade_no=pay_0001' +
  '&passback_params=table%3D12%26a%2Bb&point_amount=0.00&receipt_amount=88.88&seller_email=' +
  '&seller_id=2088102177296610&subject=桌 12 · 午餐&total_amount=88.88&trade_no=2024051322001446880500012345' +
  '&trade_status=TRADE_SUCCESS&version=1.0'

// `openssl dgst -sha256 -sign fixtures/alipay-private.pem` over EXPECTED_CONTENT.
const PINNED_SIGN = 'm95M603YeqCa41sPeKiSLBdBEIhJpwv52zfOezQcV/DEodXCjdHW5yHNkqif1EGBjf/vLeA2rEJ7IsLEeVC6K7ZuFw3pz4P7gplv0xCamef3tImWKVtaJeNdVh03sHyge8YT5pMX2ISMuCiyRbY0Ph9u1bFkAXjeig7qsR4rATuDWTtW7ouoqhqXkIWSYrn21UglEo1toDvQLn/0v81u1R0oENdsfECVtZOlL+5DpgyHc2akuV5P7R40QHlN4bT2WpVLq+MBBOSM2o8QsypSa3PusX/kVJK/xgI6tIzgi8BldSPMUueCJZWtsUf+fF98VqHymhXak8p9QVEU+5zr3g=='

const verify = (body: Buffer | string, contentType = FORM) => verifyNotification(body, contentType, ALIPAY_PUBLIC)

function verified (body: Buffer): AlipayNotification {
  const result = verify(body)
  if (!result.ok) throw new Error(`expected a verified notification, got ${result.reason}: ${result.detail}`)
  return result.notification
}

describe('notification string-to-sign', () => {
  it('drops sign and sign_type, keeps empty values, sorts, and decodes each value exactly once', () => {
    const body = formEncode({ ...FIELDS, sign: PINNED_SIGN })
    expect(body.toString('latin1')).toContain('passback_params=table%253D12%2526a%252Bb')
    expect(buildNotificationSignContent(parseFormBody(body, FORM).fields)).toBe(EXPECTED_CONTENT)
  })

  it('accepts the pinned signature made with openssl', () => {
    const result = verify(formEncode({ ...FIELDS, sign: PINNED_SIGN }))
    expect(result).toMatchObject({ ok: true, variant: 'v1' })
  })
})

describe('verifyNotification', () => {
  const valid = formEncode(signNotification(FIELDS))

  it('reads a valid notification into typed fields with amounts in fen', () => {
    expect(verified(valid)).toMatchObject({
      notifyId: '2024051300222175001046880512345678',
      appId: '2021000122671080',
      sellerId: '2088102177296610',
      outTradeNo: 'pay_0001',
      tradeNo: '2024051322001446880500012345',
      tradeStatus: 'TRADE_SUCCESS',
      totalAmount: 8888,
      receiptAmount: 8888,
      pointAmount: 0,
      refundFee: null,
      buyerId: '2088102177846880',
      gmtPayment: '2024-05-13 17:50:07',
      subject: '桌 12 · 午餐',
      passbackParams: 'table%3D12%26a%2Bb',
      signType: 'RSA2',
      charset: 'utf-8',
    })
  })

  it('rejects a tampered amount', () => {
    const tampered = Buffer.from(valid.toString('latin1').replace('total_amount=88.88', 'total_amount=0.01'), 'latin1')
    expect(verify(tampered)).toMatchObject({ ok: false, reason: 'bad-signature' })
  })

  it('rejects another tampered field, and an added one', () => {
    const status = Buffer.from(valid.toString('latin1').replace('trade_status=TRADE_SUCCESS', 'trade_status=TRADE_FINISHED'), 'latin1')
    expect(verify(status)).toMatchObject({ ok: false, reason: 'bad-signature' })
    const added = Buffer.concat([valid, Buffer.from('&refund_fee=88.88')])
    expect(verify(added)).toMatchObject({ ok: false, reason: 'bad-signature' })
  })

  it('rejects a notification signed with another key, or checked against the app\'s own public key', () => {
    expect(verify(formEncode(signNotification(FIELDS, { key: otherPrivateKey })))).toMatchObject({ ok: false, reason: 'bad-signature' })
    expect(verifyNotification(valid, FORM, APP_PUBLIC)).toMatchObject({ ok: false, reason: 'bad-signature' })
  })

  it('verifies a replay identically, so the server can dedupe by notify_id', () => {
    const first = verify(valid)
    const again = verify(Buffer.from(valid))
    expect(again).toEqual(first)
    expect(first).toMatchObject({ ok: true, notification: { notifyId: FIELDS.notify_id } })
  })

  it('decodes a GBK body by its charset, whether signed over GBK or UTF-8 bytes', () => {
    const fields = { ...FIELDS, charset: 'gbk', subject: '宫保鸡丁（微辣）·两份' }
    for (const signCharset of ['gbk', 'utf-8']) {
      const body = formEncode(signNotification(fields, { charset: signCharset }), 'gbk')
      expect(body.toString('latin1')).toContain(`subject=${encodeGbk('宫保鸡丁（微辣）·两份')}`)
      const result = verify(body, 'application/x-www-form-urlencoded; charset=GBK')
      expect(result).toMatchObject({ ok: true, notification: { subject: '宫保鸡丁（微辣）·两份', charset: 'gbk' } })
    }
  })

  it('uses the Content-Type charset when the body has no charset field', () => {
    const fields: Record<string, string> = { ...FIELDS, subject: '米饭' }
    delete fields.charset
    const body = formEncode(signNotification(fields, { charset: 'gbk' }), 'gbk')
    expect(verify(body, 'application/x-www-form-urlencoded; charset=gbk')).toMatchObject({ ok: true, notification: { subject: '米饭' } })
    expect(verify(body, FORM)).toMatchObject({ ok: false, reason: 'bad-signature' })
  })

  it('decodes a value holding % and + once only', () => {
    const fields = { ...FIELDS, subject: '100% 好+吃', body: 'a+b=c&d' }
    const body = formEncode(signNotification(fields))
    expect(body.toString('latin1')).toContain('subject=100%25+%E5%A5%BD%2B%E5%90%83')
    expect(verified(body)).toMatchObject({ subject: '100% 好+吃', body: 'a+b=c&d' })
  })

  it('accepts the rsaCheckV2 variant that keeps sign_type in the signed string', () => {
    expect(verify(formEncode(signNotification(FIELDS, { keepSignType: true })))).toMatchObject({ ok: true, variant: 'v2' })
  })

  it('honours sign_type RSA (SHA1withRSA) and refuses unknown sign types', () => {
    expect(verify(formEncode(signNotification({ ...FIELDS, sign_type: 'RSA' })))).toMatchObject({ ok: true, notification: { signType: 'RSA' } })
    expect(verify(formEncode({ ...FIELDS, sign_type: 'MD5', sign: 'abc' }))).toMatchObject({ ok: false, reason: 'unsupported-sign-type' })
  })

  it('rejects a missing sign, duplicated fields and an unknown charset', () => {
    expect(verify(formEncode(FIELDS))).toMatchObject({ ok: false, reason: 'missing-sign' })
    expect(verify(Buffer.concat([valid, Buffer.from('&total_amount=0.01')]))).toMatchObject({ ok: false, reason: 'malformed' })
    expect(verify(formEncode(signNotification({ ...FIELDS, charset: 'x-klingon' })))).toMatchObject({ ok: false, reason: 'malformed' })
  })

  it('verifies fields already decoded once by a form parser (the @fastify/formbody path)', () => {
    const fields = Object.fromEntries(new URLSearchParams(formEncode(signNotification({ ...FIELDS, subject: '100% 好+吃' })).toString('latin1')))
    expect(verifyNotificationFields(fields, ALIPAY_PUBLIC)).toMatchObject({ ok: true, notification: { subject: '100% 好+吃' } })
    expect(verifyNotificationFields({ ...fields, total_amount: '0.01' }, ALIPAY_PUBLIC)).toMatchObject({ ok: false, reason: 'bad-signature' })
  })

  it('accepts the key as bare base64 too', () => {
    expect(verifyNotification(valid, FORM, bare(ALIPAY_PUBLIC))).toMatchObject({ ok: true })
  })
})

describe('checkNotificationBusiness', () => {
  let notification: AlipayNotification
  beforeAll(() => {
    notification = verified(formEncode(signNotification(FIELDS)))
  })
  const ours = { appId: '2021000122671080', sellerId: '2088102177296610', amount: 8888 }

  it('passes our own paid trade', () => {
    expect(checkNotificationBusiness(notification, ours)).toEqual({ ok: true, tradeStatus: 'TRADE_SUCCESS', paid: true })
  })

  it('names the failed check: another app id, another seller, unknown trade, another amount', () => {
    const otherApp = verified(formEncode(signNotification({ ...FIELDS, app_id: '2021000000000001' })))
    expect(checkNotificationBusiness(otherApp, ours)).toMatchObject({ ok: false, failed: 'app-id' })
    expect(checkNotificationBusiness(notification, { ...ours, sellerId: '2088000000000000' })).toMatchObject({ ok: false, failed: 'seller-id' })
    expect(checkNotificationBusiness(notification, { ...ours, amount: null })).toMatchObject({ ok: false, failed: 'unknown-trade' })
    expect(checkNotificationBusiness(notification, { ...ours, amount: 8887 })).toMatchObject({ ok: false, failed: 'amount' })
  })

  it('skips the seller check when no seller is configured', () => {
    const noSeller = verified(formEncode(signNotification({ ...FIELDS, seller_id: '2088999999999999' })))
    expect(checkNotificationBusiness(noSeller, { ...ours, sellerId: null })).toMatchObject({ ok: true })
    expect(checkNotificationBusiness(noSeller, ours)).toMatchObject({ ok: false, failed: 'seller-id' })
  })

  it('passes a closed trade as not paid and fails an unknown status', () => {
    const closed = verified(formEncode(signNotification({ ...FIELDS, trade_status: 'TRADE_CLOSED' })))
    expect(checkNotificationBusiness(closed, ours)).toEqual({ ok: true, tradeStatus: 'TRADE_CLOSED', paid: false })
    const odd = verified(formEncode(signNotification({ ...FIELDS, trade_status: 'TRADE_PENDING' })))
    expect(checkNotificationBusiness(odd, ours)).toMatchObject({ ok: false, failed: 'status' })
  })
})

function encodeGbk (text: string): string {
  return [...iconv.encode(text, 'gbk')].map(byte => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('')
}
