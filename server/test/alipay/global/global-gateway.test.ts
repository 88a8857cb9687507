// The Global MAPI gateway over real HTTP on loopback against a fake gateway.do: wire format, every outcome, JPY amounts.
import { afterEach, describe, expect, it } from 'vitest'
import { AlipayConfigError } from '../../../src/alipay/errors.js'
import { type AlipayGateway, type GatewayResult } from '../../../src/alipay/gateway.js'
import {
  createGlobalGateway, type GlobalGatewayOptions,
} from '../../../src/alipay/global/global-gateway.js'
import { closedPort } from '../fake-gateway.js'
import { type FakeMapi, type FakeReply, mapiAnswer, mapiError, type ReceivedCall, startFakeMapi, type TestSignType } from './fake-mapi.js'
import { ALIPAY_PUBLIC_PEM, MD5_KEY, MERCHANT_PRIVATE_PEM, MERCHANT_PUBLIC_PEM } from './keys.js'
import { PRECREATE_MD5, PRECREATE_PRE_STRING, PRECREATE_RSA, PRECREATE_RSA2 } from './vectors.js'

const PARTNER = '2088101122136241'
const NOW = new Date('2024-05-13T09:49:20Z')
const TRADE = { outTradeNo: 'pay_0001', totalAmount: 8880, subject: '桌 12 · 宫保鸡丁 & 米饭', storeId: 'store-01', terminalId: 'pad-12', timeoutMinutes: 2 }
const PRECREATE_OK = { result_code: 'SUCCESS', out_trade_no: 'pay_0001', qr_code: 'https://qr.alipay.com/bax03431ljhokirwl38f00a7', voucher_type: 'qrcode' }

const fakes: FakeMapi[] = []
afterEach(async () => {
  await Promise.all(fakes.splice(0).map(fake => fake.close()))
})

async function fake (reply: (call: ReceivedCall) => FakeReply, signType: TestSignType = 'MD5'): Promise<FakeMapi> {
  const gateway = await startFakeMapi(reply, signType)
  fakes.push(gateway)
  return gateway
}

function client (gatewayUrl: string, overrides: Partial<GlobalGatewayOptions> = {}): AlipayGateway {
  return createGlobalGateway({
    gatewayUrl,
    partnerId: PARTNER,
    signType: 'MD5',
    md5Key: MD5_KEY,
    transCurrency: 'HKD',
    settlementCurrency: 'HKD',
    notifyUrl: 'https://pad.example.hk/api/alipay/notify',
    timeoutMs: 3000,
    extendParams: { secondaryMerchantId: 'A80001', secondaryMerchantName: '金龍酒家 Golden Dragon', storeName: 'Central' },
    now: () => NOW,
    ...overrides,
  })
}

const rsa = (signType: 'RSA' | 'RSA2'): Partial<GlobalGatewayOptions> => ({
  signType, md5Key: undefined, privateKey: MERCHANT_PRIVATE_PEM, alipayPublicKey: ALIPAY_PUBLIC_PEM,
})

function expectOutcome<T> (result: GatewayResult<T>, outcome: GatewayResult<T>['outcome']): void {
  expect(result.outcome, JSON.stringify(result, null, 2)).toBe(outcome)
}

describe('the signed request', () => {
  it('posts the pinned MD5 pre-string and sign, with _input_charset in the URL and the form and a Beijing timestamp', async () => {
    const gw = await fake(() => ({ body: mapiAnswer(PRECREATE_OK) }))
    const result = await client(gw.url).precreate(TRADE)
    expectOutcome(result, 'success')
    expect(result).toMatchObject({ data: { outTradeNo: 'pay_0001', qrCode: 'https://qr.alipay.com/bax03431ljhokirwl38f00a7' } })
    const [call] = gw.calls
    expect(call).toMatchObject({ method: 'POST', signatureValid: true, query: { _input_charset: 'UTF-8' } })
    expect(call?.contentType).toBe('application/x-www-form-urlencoded; charset=UTF-8')
    expect(call?.preString).toBe(PRECREATE_PRE_STRING)
    expect(call?.form).toMatchObject({ _input_charset: 'UTF-8', sign_type: 'MD5', sign: PRECREATE_MD5, timestamp: '2024-05-13 17:49:20', total_fee: '88.80' })
    expect(result.raw).toMatchObject({ method: 'alipay.acquire.precreate', signContent: PRECREATE_PRE_STRING })
  })

  it.each([['RSA2', PRECREATE_RSA2], ['RSA', PRECREATE_RSA]] as const)('signs the same pre-string with %s as openssl does', async (signType, pinned) => {
    const gw = await fake(() => ({ body: mapiAnswer(PRECREATE_OK, { signType }) }), signType)
    const result = await client(gw.url, rsa(signType)).precreate(TRADE)
    expectOutcome(result, 'success')
    expect(gw.calls[0]).toMatchObject({ signatureValid: true, preString: PRECREATE_PRE_STRING, form: { sign_type: signType, sign: pinned } })
  })

  it('writes JPY without decimals: total_fee=1250 and an integer refund_amount in the trans currency', async () => {
    const gw = await fake(call => ({
      body: mapiAnswer(call.form.service === 'alipay.acquire.precreate'
        ? PRECREATE_OK
        : { result_code: 'SUCCESS', partner_trans_id: 'pay_0007', partner_refund_id: 'rf_0007_1', alipay_trans_id: '2024051322001446880500012345', refund_amount: '1250', currency: 'JPY' }),
    }))
    const gateway = client(gw.url, { transCurrency: 'JPY', settlementCurrency: undefined })
    expectOutcome(await gateway.precreate({ ...TRADE, outTradeNo: 'pay_0007', totalAmount: 1250 }), 'success')
    const refund = await gateway.refund({ outTradeNo: 'pay_0007', outRequestNo: 'rf_0007_1', refundAmount: 1250, reason: '菜品缺货' })
    expect(gw.calls[0]?.form).toMatchObject({ total_fee: '1250', trans_currency: 'JPY' })
    expect(gw.calls[0]?.form).not.toHaveProperty('currency')
    expect(gw.calls[1]?.form).toMatchObject({
      service: 'alipay.acquire.overseas.spot.refund',
      partner_trans_id: 'pay_0007',
      partner_refund_id: 'rf_0007_1',
      refund_amount: '1250',
      currency: 'JPY',
      refund_reason: '菜品缺货',
      is_sync: 'Y',
    })
    expect(refund).toMatchObject({ outcome: 'success', data: { outTradeNo: 'pay_0007', tradeNo: '2024051322001446880500012345', fundChange: true, refundFee: 1250 } })
  })

  it('sends extend_params with industry 5812, per-trade store and terminal, and it_b_pay from an absolute deadline', async () => {
    const gw = await fake(() => ({ body: mapiAnswer(PRECREATE_OK) }))
    await client(gw.url, { extendParams: { storeId: 'default-store', terminalId: 'default-pad' } })
      .precreate({ ...TRADE, storeId: undefined, timeoutMinutes: undefined, expiresAt: new Date(NOW.getTime() + 90_000) })
    expect(JSON.parse(gw.calls[0]?.form.extend_params ?? '')).toEqual({ secondary_merchant_industry: '5812', store_id: 'default-store', terminal_id: 'pad-12' })
    expect(gw.calls[0]?.form.it_b_pay).toBe('2m')
  })

  it('refuses invalid input before anything is sent', async () => {
    const gw = await fake(() => 'hang')
    const gateway = client(gw.url)
    await expect(gateway.precreate({ ...TRADE, totalAmount: 12.5 })).rejects.toThrow(RangeError)
    await expect(gateway.precreate({ ...TRADE, totalAmount: 0 })).rejects.toThrow(RangeError)
    await expect(gateway.precreate({ ...TRADE, subject: ' ' })).rejects.toThrow(TypeError)
    await expect(gateway.refund({ tradeNo: '2024051322001446880500012345', outRequestNo: 'rf_1', refundAmount: 100 })).rejects.toThrow(TypeError)
    await expect(gateway.refund({ outTradeNo: 'pay_0001', outRequestNo: 'pay_0001', refundAmount: 100 })).rejects.toThrow(TypeError)
    await expect(gateway.query({ outTradeNo: '' })).rejects.toThrow(TypeError)
    expect(gw.calls).toHaveLength(0)
  })

  it('refuses, without calling Alipay, a buyer known only by an open_id: MAPI buyers are 2088… user ids', async () => {
    const gw = await fake(() => 'hang')
    const result = await client(gw.url).create({ ...TRADE, buyerOpenId: '074a1CcTG1LelxKe4xQC0zgNdId0nxi95b5lsNpazWYoCo5' })
    expect(result).toMatchObject({ outcome: 'failure', code: 'BUYER_ID_REQUIRED' })
    expect(gw.calls).toHaveLength(0)
  })
})

describe('outcomes', () => {
  async function precreateAgainst (reply: FakeReply, overrides: Partial<GlobalGatewayOptions> = {}, signType: TestSignType = 'MD5') {
    const gw = await fake(() => reply, signType)
    return await client(gw.url, overrides).precreate(TRADE)
  }

  it('result_code FAIL is a failure with detail_error_code', async () => {
    const result = await precreateAgainst({ body: mapiAnswer({ result_code: 'FAIL', detail_error_code: 'TRADE_HAS_SUCCESS', detail_error_des: 'trade has been paid' }) })
    expect(result).toMatchObject({ outcome: 'failure', code: 'FAIL', subCode: 'TRADE_HAS_SUCCESS', subMsg: 'trade has been paid', msg: 'trade has been paid' })
  })

  it('result_code UNKNOW, and FAIL with SYSTEM_ERROR, are unknown', async () => {
    expect(await precreateAgainst({ body: mapiAnswer({ result_code: 'UNKNOW', detail_error_code: 'PROCESS_FAIL' }) }))
      .toMatchObject({ outcome: 'unknown', reason: 'system-error', code: 'UNKNOW', subCode: 'PROCESS_FAIL' })
    expect(await precreateAgainst({ body: mapiAnswer({ result_code: 'FAIL', detail_error_code: 'SYSTEM_ERROR' }) }))
      .toMatchObject({ outcome: 'unknown', reason: 'system-error', subCode: 'SYSTEM_ERROR' })
  })

  it('is_success=F is a failure for a definite gateway error, unknown otherwise', async () => {
    expect(await precreateAgainst({ body: mapiError('ILLEGAL_PARTNER') })).toMatchObject({ outcome: 'failure', code: 'ILLEGAL_PARTNER' })
    expect(await precreateAgainst({ body: mapiError('ILLEGAL_ARGUMENT') })).toMatchObject({ outcome: 'failure', code: 'ILLEGAL_ARGUMENT' })
    expect(await precreateAgainst({ body: mapiError('SYSTEM_ERROR') })).toMatchObject({ outcome: 'unknown', reason: 'system-error', code: 'SYSTEM_ERROR' })
  })

  it('a request signed with the wrong key comes back ILLEGAL_SIGN: a failure', async () => {
    const gw = await fake(() => ({ body: mapiAnswer(PRECREATE_OK) }))
    const result = await client(gw.url, { md5Key: 'z'.repeat(32) }).precreate(TRADE)
    expect(gw.calls[0]?.signatureValid).toBe(false)
    expect(result).toMatchObject({ outcome: 'failure', code: 'ILLEGAL_SIGN' })
  })

  it('a bad or missing answer sign on a success is unknown; an unsigned FAIL is still a failure', async () => {
    expect(await precreateAgainst({ body: mapiAnswer(PRECREATE_OK, { signedOver: { ...PRECREATE_OK, qr_code: 'https://evil.example/qr' } }) }))
      .toMatchObject({ outcome: 'unknown', reason: 'bad-signature' })
    expect(await precreateAgainst({ body: mapiAnswer({ result_code: 'FAIL', detail_error_code: 'X' }, { sign: 'f'.repeat(32) }) }))
      .toMatchObject({ outcome: 'unknown', reason: 'bad-signature' })
    expect(await precreateAgainst({ body: mapiAnswer(PRECREATE_OK, { unsigned: true }) })).toMatchObject({ outcome: 'unknown', reason: 'bad-signature' })
    expect(await precreateAgainst({ body: mapiAnswer({ result_code: 'FAIL', detail_error_code: 'X' }, { unsigned: true }) }))
      .toMatchObject({ outcome: 'failure', subCode: 'X' })
    // RSA2 answers: a sign by another key (here the merchant's own public key configured as Alipay's) does not verify.
    expect(await precreateAgainst({ body: mapiAnswer(PRECREATE_OK, { signType: 'RSA2' }) }, { ...rsa('RSA2'), alipayPublicKey: MERCHANT_PUBLIC_PEM }, 'RSA2'))
      .toMatchObject({ outcome: 'unknown', reason: 'bad-signature' })
  })

  it('HTTP 500, a timeout, a refused connection and a body that is not the answer are unknown', async () => {
    expect(await precreateAgainst({ status: 500, body: mapiAnswer(PRECREATE_OK) })).toMatchObject({ outcome: 'unknown', reason: 'http-status', raw: { httpStatus: 500 } })
    expect(await precreateAgainst('hang', { timeoutMs: 300 })).toMatchObject({ outcome: 'unknown', reason: 'timeout' })
    expect(await client(`http://127.0.0.1:${await closedPort()}/gateway.do`).precreate(TRADE)).toMatchObject({ outcome: 'unknown', reason: 'network' })
    expect(await precreateAgainst({ body: '<html>502 Bad Gateway</html>', contentType: 'text/html' })).toMatchObject({ outcome: 'unknown', reason: 'malformed' })
    expect(await precreateAgainst({ body: mapiAnswer({ result_code: 'SUCCESS', out_trade_no: 'pay_0001' }) })).toMatchObject({ outcome: 'unknown', reason: 'malformed' })
  })
})

describe('query, create, cancel, close, refund query, oauth token', () => {
  const PAID = {
    result_code: 'SUCCESS', alipay_trans_status: 'TRADE_SUCCESS', partner_trans_id: 'pay_0001', alipay_trans_id: '2024051322001446880500012345',
    trans_amount: '88.80', currency: 'HKD', alipay_buyer_user_id: '2088102177846880', alipay_buyer_login_id: '159****5620', alipay_pay_time: '20240513175007',
  }

  it('query calls overseas.query by partner_trans_id and maps its answer; TRANS_NOT_FOUND is a failure', async () => {
    let answer: Record<string, string> = PAID
    const gw = await fake(() => ({ body: mapiAnswer(answer) }))
    const gateway = client(gw.url)
    expect(await gateway.query({ outTradeNo: 'pay_0001' })).toMatchObject({
      outcome: 'success',
      data: {
        outTradeNo: 'pay_0001', tradeNo: '2024051322001446880500012345', tradeStatus: 'TRADE_SUCCESS', totalAmount: 8880,
        buyerId: '2088102177846880', buyerLogonId: '159****5620', paidAt: '2024-05-13 17:50:07', userPaying: false,
      },
    })
    expect(gw.calls[0]?.form).toMatchObject({ service: 'alipay.acquire.overseas.query', partner_trans_id: 'pay_0001' })
    expect(gw.calls[0]?.form).not.toHaveProperty('out_trade_no')
    answer = { result_code: 'FAIL', error: 'TRANS_NOT_FOUND' }
    expect(await gateway.query({ outTradeNo: 'pay_0002' })).toMatchObject({ outcome: 'failure', code: 'FAIL', subCode: 'TRANS_NOT_FOUND' })
    answer = { ...PAID, alipay_trans_status: 'PAID_MAYBE' }
    expect(await gateway.query({ outTradeNo: 'pay_0001' })).toMatchObject({ outcome: 'unknown', reason: 'malformed' })
  })

  it('create sends buyer_id with the trade fields and returns trade_no', async () => {
    const gw = await fake(() => ({ body: mapiAnswer({ result_code: 'SUCCESS', out_trade_no: 'pay_0003', trade_no: '2024051322001446880500000003' }) }))
    const result = await client(gw.url).create({ ...TRADE, outTradeNo: 'pay_0003', buyerId: '2088102177846880' })
    expect(result).toMatchObject({ outcome: 'success', data: { outTradeNo: 'pay_0003', tradeNo: '2024051322001446880500000003', userPaying: false } })
    expect(gw.calls[0]?.form).toMatchObject({
      service: 'alipay.acquire.create', buyer_id: '2088102177846880', product_code: 'OVERSEAS_MBARCODE_PAY', total_fee: '88.80', trans_currency: 'HKD',
    })
  })

  it('cancel reads retry_flag and action; FAIL with retry_flag=Y is unknown', async () => {
    let answer: Record<string, string> = { result_code: 'SUCCESS', out_trade_no: 'pay_0001', retry_flag: 'N', action: 'close' }
    const gw = await fake(() => ({ body: mapiAnswer(answer) }))
    const gateway = client(gw.url)
    expect(await gateway.cancel({ outTradeNo: 'pay_0001' })).toMatchObject({ outcome: 'success', data: { outTradeNo: 'pay_0001', action: 'close', retryFlag: false } })
    expect(gw.calls[0]?.form).toMatchObject({ service: 'alipay.acquire.cancel', out_trade_no: 'pay_0001', timestamp: '2024-05-13 17:49:20' })
    answer = { result_code: 'FAIL', retry_flag: 'Y', detail_error_code: 'SYSTEM_BUSY' }
    expect(await gateway.cancel({ outTradeNo: 'pay_0001' })).toMatchObject({ outcome: 'unknown', reason: 'system-error', subCode: 'SYSTEM_BUSY' })
    answer = { result_code: 'FAIL', retry_flag: 'N', detail_error_code: 'TRADE_NOT_EXIST' }
    expect(await gateway.cancel({ outTradeNo: 'pay_0001' })).toMatchObject({ outcome: 'failure', subCode: 'TRADE_NOT_EXIST' })
  })

  it('close cancels only what is not paid, and never passes a cancel that refunded off as a plain success', async () => {
    let status: Record<string, string> = { ...PAID }
    let cancel: Record<string, string> = { result_code: 'SUCCESS', out_trade_no: 'pay_0001', retry_flag: 'N', action: 'close' }
    const gw = await fake(call => ({ body: mapiAnswer(call.form.service === 'alipay.acquire.cancel' ? cancel : status) }))
    const gateway = client(gw.url)
    const services = (): string[] => gw.calls.map(call => call.form.service ?? '')

    expect(await gateway.close({ outTradeNo: 'pay_0001' })).toMatchObject({ outcome: 'failure', code: 'TRADE_STATUS_ERROR' })
    expect(services()).toEqual(['alipay.acquire.overseas.query'])

    status = { ...PAID, alipay_trans_status: 'TRADE_CLOSED' }
    expect(await gateway.close({ outTradeNo: 'pay_0001' })).toMatchObject({ outcome: 'success', data: { outTradeNo: 'pay_0001' } })
    expect(services()).toHaveLength(2)

    status = { ...PAID, alipay_trans_status: 'WAIT_BUYER_PAY' }
    expect(await gateway.close({ outTradeNo: 'pay_0001' })).toMatchObject({ outcome: 'success', data: { outTradeNo: 'pay_0001' } })
    status = { result_code: 'FAIL', error: 'TRANS_NOT_FOUND' }
    expect(await gateway.close({ outTradeNo: 'pay_0001' })).toMatchObject({ outcome: 'success' })
    expect(services().slice(2)).toEqual(['alipay.acquire.overseas.query', 'alipay.acquire.cancel', 'alipay.acquire.overseas.query', 'alipay.acquire.cancel'])

    cancel = { ...cancel, action: 'refund' }
    expect(await gateway.close({ outTradeNo: 'pay_0001' })).toMatchObject({ outcome: 'unknown', code: 'REFUNDED_BY_CANCEL' })
  })

  it('refundQuery sends nothing and says to re-send the refund', async () => {
    const gw = await fake(() => 'hang')
    const gateway = client(gw.url)
    const result = await gateway.refundQuery({ outTradeNo: 'pay_0001', outRequestNo: 'rf_1' })
    expect(result).toEqual({ outcome: 'unknown', reason: 'system-error', detail: 'no refund query in MAPI: re-send the refund with the same partner_refund_id' })
    expect(gateway.refundsConfirmedBy).toBe('resend')
    expect(gw.calls).toHaveLength(0)
  })

  it('oauthToken goes to the Open Platform gateway when given, and fails plainly without it', async () => {
    const gw = await fake(() => 'hang')
    expect(await client(gw.url).oauthToken({ code: 'auth-code' })).toMatchObject({ outcome: 'failure', code: 'OAUTH_NOT_CONFIGURED' })
    const openApi = { oauthToken: async () => ({ outcome: 'success', data: { userId: '2088102177846880' } }) } as unknown as AlipayGateway
    expect(await client(gw.url, { openApi }).oauthToken({ code: 'auth-code' })).toMatchObject({ outcome: 'success', data: { userId: '2088102177846880' } })
    expect(gw.calls).toHaveLength(0)
  })
})

describe('configuration', () => {
  it.each([
    ['a partner id that is not 2088 + 12 digits', { partnerId: '2088123' }],
    ['an MD5 key of the wrong length', { md5Key: 'short' }],
    ['RSA2 without keys', { signType: 'RSA2' as const, md5Key: undefined }],
    ['an unknown sign type', { signType: 'SHA1' as never }],
    ['an unsupported currency', { transCurrency: 'XXX' }],
    ['a gateway that is not a URL', { gatewayUrl: 'gateway.do' }],
  ])('refuses %s with one clear line', (_what, overrides) => {
    expect(() => client('https://mapi.alipaydev.com/gateway.do', overrides)).toThrow(AlipayConfigError)
  })
})
