// MAPI notifications verified from the raw body (MD5 and RSA2, pinned), and notify_verify over real HTTP on loopback.
import { afterEach, describe, expect, it } from 'vitest'
import { AlipayConfigError } from '../../../src/alipay/errors.js'
import { confirmNotifyId, verifyGlobalNotification } from '../../../src/alipay/global/mapi-notify.js'
import type { AlipayNotification } from '../../../src/alipay/notify.js'
import { alipaySign, type FakeMapi, type FakeReply, preString, startFakeMapi } from './fake-mapi.js'
import { ALIPAY_PUBLIC_PEM, MD5_KEY, MERCHANT_PUBLIC_PEM } from './keys.js'
import { NOTIFICATION_FIELDS, NOTIFICATION_MD5, NOTIFICATION_RSA2 } from './vectors.js'

const FORM = 'application/x-www-form-urlencoded; charset=utf-8'
const MD5_KEYS = { signType: 'MD5', md5Key: MD5_KEY, currency: 'JPY' } as const
const RSA2_KEYS = { signType: 'RSA2', alipayPublicKey: ALIPAY_PUBLIC_PEM, currency: 'JPY' } as const

/** Form-encoded as Alipay posts it (space as `+`). */
function body (fields: Record<string, string>): Buffer {
  return Buffer.from(new URLSearchParams(fields).toString(), 'utf8')
}

const md5Body = (extra: Record<string, string> = {}): Buffer => body({ ...NOTIFICATION_FIELDS, sign_type: 'MD5', sign: NOTIFICATION_MD5, ...extra })
const rsa2Body = (extra: Record<string, string> = {}): Buffer => body({ ...NOTIFICATION_FIELDS, sign_type: 'RSA2', sign: NOTIFICATION_RSA2, ...extra })

function verified (result: ReturnType<typeof verifyGlobalNotification>): AlipayNotification {
  if (!result.ok) throw new Error(`expected a verified notification, got ${result.reason}: ${result.detail}`)
  return result.notification
}

describe('verifyGlobalNotification', () => {
  it('verifies the pinned MD5 notification and reads it in the existing notification shape (JPY without decimals)', () => {
    const notification = verified(verifyGlobalNotification(md5Body(), FORM, MD5_KEYS))
    expect(notification).toMatchObject({
      notifyId: '91722adff935e8cfa58b3aabf4dead6ibe',
      notifyType: 'trade_status_sync',
      notifyTime: '2024-05-13 17:50:08',
      appId: undefined,
      charset: 'utf-8',
      signType: 'MD5',
      outTradeNo: 'pay_0007',
      tradeNo: '2024051322001446880500012345',
      tradeStatus: 'TRADE_SUCCESS',
      totalAmount: 1250,
      refundFee: null,
      buyerId: '2088102177846880',
      sellerId: '2088101122136241',
      sellerEmail: undefined,
      subject: '桌 3 · 拉面 & 餃子',
      gmtPayment: '2024-05-13 17:50:07',
    })
    expect(notification.fields.sign).toBe(NOTIFICATION_MD5)
  })

  it('verifies the pinned RSA2 notification, from a string body too', () => {
    expect(verified(verifyGlobalNotification(rsa2Body(), FORM, RSA2_KEYS))).toMatchObject({ signType: 'RSA2', totalAmount: 1250 })
    expect(verifyGlobalNotification(rsa2Body().toString('utf8'), undefined, RSA2_KEYS)).toMatchObject({ ok: true })
  })

  it('refuses a tampered amount, status or added field under either sign type', () => {
    expect(verifyGlobalNotification(md5Body({ total_fee: '125' }), FORM, MD5_KEYS)).toMatchObject({ ok: false, reason: 'bad-signature' })
    expect(verifyGlobalNotification(rsa2Body({ trade_status: 'TRADE_FINISHED' }), FORM, RSA2_KEYS)).toMatchObject({ ok: false, reason: 'bad-signature' })
    expect(verifyGlobalNotification(md5Body({ refund_fee: '1250' }), FORM, MD5_KEYS)).toMatchObject({ ok: false, reason: 'bad-signature' })
  })

  it('refuses another key, a missing sign and a sign type other than the configured one', () => {
    expect(verifyGlobalNotification(md5Body(), FORM, { ...MD5_KEYS, md5Key: MD5_KEY.toUpperCase() })).toMatchObject({ ok: false, reason: 'bad-signature' })
    expect(verifyGlobalNotification(rsa2Body(), FORM, { ...RSA2_KEYS, alipayPublicKey: MERCHANT_PUBLIC_PEM })).toMatchObject({ ok: false, reason: 'bad-signature' })
    expect(verifyGlobalNotification(md5Body({ sign: '' }), FORM, MD5_KEYS)).toMatchObject({ ok: false, reason: 'missing-sign' })
    expect(verifyGlobalNotification(md5Body(), FORM, { ...RSA2_KEYS })).toMatchObject({ ok: false, reason: 'unsupported-sign-type' })
  })

  it('refuses a JPY amount with decimals as malformed, and reads an amount labelled in another currency as absent', () => {
    const decimals = { ...NOTIFICATION_FIELDS, total_fee: '12.50' }
    expect(verifyGlobalNotification(body({ ...decimals, sign_type: 'MD5', sign: alipaySign(preString(decimals), 'MD5') }), FORM, MD5_KEYS))
      .toMatchObject({ ok: false, reason: 'malformed' })
    const hkd = { ...NOTIFICATION_FIELDS, trans_currency: 'HKD' }
    expect(verified(verifyGlobalNotification(body({ ...hkd, sign_type: 'MD5', sign: alipaySign(preString(hkd), 'MD5') }), FORM, MD5_KEYS)).totalAmount)
      .toBeNull()
  })

  it('needs the key of its sign type (a configuration error, not a rejection)', () => {
    expect(() => verifyGlobalNotification(md5Body(), FORM, { signType: 'MD5', currency: 'JPY' })).toThrow(AlipayConfigError)
    expect(() => verifyGlobalNotification(rsa2Body(), FORM, { signType: 'RSA2', currency: 'JPY' })).toThrow(AlipayConfigError)
  })
})

describe('confirmNotifyId', () => {
  const fakes: FakeMapi[] = []
  afterEach(async () => {
    await Promise.all(fakes.splice(0).map(fake => fake.close()))
  })
  async function fake (reply: () => FakeReply): Promise<FakeMapi> {
    const gateway = await startFakeMapi(reply)
    fakes.push(gateway)
    return gateway
  }

  it('asks with an unsigned GET and reads true / false', async () => {
    let answer = 'true'
    const gw = await fake(() => ({ body: answer, contentType: 'text/plain' }))
    const options = { gatewayUrl: gw.url, partnerId: '2088101122136241', timeoutMs: 3000 }
    expect(await confirmNotifyId(options, '91722adff935e8cfa58b3aabf4dead6ibe')).toBe('true')
    answer = 'false\n'
    expect(await confirmNotifyId(options, 'forged')).toBe('false')
    expect(gw.calls[0]).toMatchObject({
      method: 'GET',
      query: { service: 'notify_verify', partner: '2088101122136241', notify_id: '91722adff935e8cfa58b3aabf4dead6ibe' },
      form: {},
    })
    expect(gw.calls[0]?.query).not.toHaveProperty('sign')
  })

  it('is unknown for an HTTP error, another body and a timeout, and refuses an empty id', async () => {
    let reply: FakeReply = { status: 500, body: 'true' }
    const gw = await fake(() => reply)
    const options = { gatewayUrl: gw.url, partnerId: '2088101122136241', timeoutMs: 300 }
    expect(await confirmNotifyId(options, 'n1')).toBe('unknown')
    reply = { body: '<html>busy</html>' }
    expect(await confirmNotifyId(options, 'n1')).toBe('unknown')
    reply = 'hang'
    expect(await confirmNotifyId(options, 'n1')).toBe('unknown')
    await expect(confirmNotifyId(options, ' ')).rejects.toThrow(TypeError)
  })
})
