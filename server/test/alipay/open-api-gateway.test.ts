// The v2 gateway client over real HTTP on loopback against a fake gateway.do: wire format and every outcome.
import iconv from 'iconv-lite'
import { afterEach, describe, expect, it } from 'vitest'
import { AlipayConfigError, AlipayKeyError } from '../../src/alipay/errors.js'
import { type GatewayResult } from '../../src/alipay/gateway.js'
import { createOpenApiGateway, type OpenApiGatewayOptions } from '../../src/alipay/open-api-gateway.js'
import { closedPort, type FakeGateway, type FakeReply, type ReceivedCall, startFakeGateway } from './fake-gateway.js'
import {
  ALIPAY_PUBLIC, APP_PRIVATE_PKCS1, APP_PRIVATE_PKCS8, APP_PUBLIC, bare, OTHER_PRIVATE, otherPrivateKey, signedAnswer, type TestSignType,
} from './fixtures.js'

const APP_ID = '2021000122671080'
const SELLER = '2088102177296610'
const NOTIFY = 'https://pad.example.cn/api/alipay/notify'
const NOW = new Date('2024-05-13T09:49:20Z')
const SYSTEM_KEYS = ['app_id', 'charset', 'format', 'method', 'sign', 'sign_type', 'timestamp', 'version']

const fakes: FakeGateway[] = []
afterEach(async () => {
  await Promise.all(fakes.splice(0).map(fake => fake.close()))
})

async function fake (reply: (call: ReceivedCall) => FakeReply, signType: TestSignType = 'RSA2'): Promise<FakeGateway> {
  const gateway = await startFakeGateway(reply, { signType })
  fakes.push(gateway)
  return gateway
}

function client (gateway: FakeGateway, overrides: Partial<OpenApiGatewayOptions> = {}) {
  return createOpenApiGateway({
    gatewayUrl: gateway.url,
    appId: APP_ID,
    privateKey: bare(APP_PRIVATE_PKCS8),
    alipayPublicKey: ALIPAY_PUBLIC,
    signType: 'RSA2',
    timeoutMs: 3000,
    notifyUrl: NOTIFY,
    sellerId: SELLER,
    now: () => NOW,
    ...overrides,
  })
}

/** A signed answer in the node of the method that was called. */
function answer (call: ReceivedCall, nodeText: string, options: Parameters<typeof signedAnswer>[2] = {}): FakeReply {
  return { body: signedAnswer(`${String(call.params.method).replaceAll('.', '_')}_response`, nodeText, options) }
}

const TRADE = { outTradeNo: 'pay_0001', totalAmount: 8888, subject: '桌 12 · 宫保鸡丁 & 米饭', storeId: 'store-01', terminalId: 'pad-12', timeoutMinutes: 2 }

function expectOutcome<T> (result: GatewayResult<T>, outcome: GatewayResult<T>['outcome']): void {
  expect(result.outcome, JSON.stringify(result, null, 2)).toBe(outcome)
}

describe('precreate', () => {
  it('sends system params in the query, biz_content in the body, signed exactly as pinned', async () => {
    const gw = await fake(call => answer(call, '{"code":"10000","msg":"Success","out_trade_no":"pay_0001","qr_code":"https:\\/\\/qr.alipay.com\\/bax03431ljhokirwl38f00a7"}'))
    const result = await client(gw).precreate(TRADE)
    expectOutcome(result, 'success')
    expect(result).toMatchObject({ data: { outTradeNo: 'pay_0001', qrCode: 'https://qr.alipay.com/bax03431ljhokirwl38f00a7' } })

    const [call] = gw.calls
    expect(call?.signatureValid).toBe(true)
    expect(Object.keys(call?.query ?? {}).sort()).toEqual([...SYSTEM_KEYS, 'notify_url'].sort())
    expect(Object.keys(call?.form ?? {})).toEqual(['biz_content'])
    expect(call?.contentType).toBe('application/x-www-form-urlencoded;charset=utf-8')
    expect(call?.query).toMatchObject({ charset: 'utf-8', format: 'JSON', version: '1.0', sign_type: 'RSA2', timestamp: '2024-05-13 17:49:20' })
    const biz = '{"out_trade_no":"pay_0001","total_amount":"88.88","subject":"桌 12 · 宫保鸡丁 & 米饭",' +
      '"product_code":"FACE_TO_FACE_PAYMENT","seller_id":"2088102177296610","store_id":"store-01","terminal_id":"pad-12","timeout_express":"2m"}'
    const expected = `app_id=2021000122671080&biz_content=${biz}&charset=utf-8&format=JSON&method=alipay.trade.precreate` +
      '&notify_url=https://pad.example.cn/api/alipay/notify&sign_type=RSA2&timestamp=2024-05-13 17:49:20&version=1.0'
    expect(call?.signContent).toBe(expected)
    expect(result.raw?.signContent).toBe(expected)
    expect(result.raw?.responseText).toContain('qr.alipay.com')
    expect(JSON.stringify(result)).not.toContain(bare(APP_PRIVATE_PKCS8).slice(100, 140))
  })

  it('sends time_expire in Beijing time for an absolute deadline, and 15m by default', async () => {
    const gw = await fake(call => answer(call, '{"code":"10000","msg":"Success","out_trade_no":"pay_0001","qr_code":"https://qr.alipay.com/x"}'))
    await client(gw).precreate({ ...TRADE, timeoutMinutes: undefined, expiresAt: new Date('2024-05-13T09:51:20Z') })
    await client(gw).precreate({ ...TRADE, timeoutMinutes: undefined })
    expect(gw.calls[0]?.biz).toMatchObject({ time_expire: '2024-05-13 17:51:20' })
    expect(gw.calls[0]?.biz).not.toHaveProperty('timeout_express')
    expect(gw.calls[1]?.biz).toMatchObject({ timeout_express: '15m' })
  })

  it('loads a PKCS#1 key and signs with RSA (SHA1) when configured so', async () => {
    const gw = await fake(call => answer(call, '{"code":"10000","msg":"Success","qr_code":"https://qr.alipay.com/y"}', { signType: 'RSA' }), 'RSA')
    const result = await client(gw, { signType: 'RSA', privateKey: APP_PRIVATE_PKCS1 }).precreate(TRADE)
    expect(gw.calls[0]).toMatchObject({ signatureValid: true, params: { sign_type: 'RSA' } })
    expect(result).toMatchObject({ outcome: 'success', data: { outTradeNo: 'pay_0001', qrCode: 'https://qr.alipay.com/y' } })
  })

  it('refuses invalid input before anything is sent', async () => {
    const gw = await fake(() => 'hang')
    const gateway = client(gw)
    await expect(gateway.precreate({ ...TRADE, totalAmount: 12.5 })).rejects.toThrow(RangeError)
    await expect(gateway.precreate({ ...TRADE, totalAmount: 0 })).rejects.toThrow(RangeError)
    await expect(gateway.precreate({ ...TRADE, subject: '  ' })).rejects.toThrow(TypeError)
    await expect(gateway.precreate({ ...TRADE, timeoutMinutes: 1.5 })).rejects.toThrow(RangeError)
    await expect(gateway.query({ outTradeNo: '' })).rejects.toThrow(TypeError)
    expect(gw.calls).toHaveLength(0)
  })
})

describe('create, query, cancel, close, refund, refund query, oauth token', () => {
  it('create sends the buyer and JSAPI_PAY, and surfaces 10003 as a waiting success', async () => {
    let code = '10000'
    const gw = await fake(call => answer(call, `{"code":"${code}","msg":"ok","out_trade_no":"pay_0002","trade_no":"2024051322001446880500000001"}`))
    const first = await client(gw).create({ ...TRADE, outTradeNo: 'pay_0002', buyerId: '2088102177846880' })
    expect(first).toMatchObject({ outcome: 'success', data: { tradeNo: '2024051322001446880500000001', userPaying: false } })
    expect(gw.calls[0]?.biz).toMatchObject({ buyer_id: '2088102177846880', product_code: 'JSAPI_PAY', seller_id: SELLER })
    expect(gw.calls[0]?.query).toMatchObject({ notify_url: NOTIFY, method: 'alipay.trade.create' })
    code = '10003'
    const second = await client(gw).create({ ...TRADE, outTradeNo: 'pay_0002', buyerOpenId: '074a1CcTG1LelxKe4xQC0zgNdId0nxi95b5lsNpazWYoCo5' })
    expect(second).toMatchObject({ outcome: 'success', data: { userPaying: true } })
    expect(gw.calls[1]?.biz).toMatchObject({ buyer_open_id: '074a1CcTG1LelxKe4xQC0zgNdId0nxi95b5lsNpazWYoCo5' })
    expect(gw.calls[1]?.biz).not.toHaveProperty('buyer_id')
  })

  it('query maps the trade state and amounts to fen; TRADE_NOT_EXIST is a definite failure', async () => {
    const gw = await fake(call => call.biz?.out_trade_no === 'pay_0001'
      ? answer(call, '{"code":"10000","msg":"Success","buyer_logon_id":"159****5620","buyer_pay_amount":"88.88","buyer_user_id":"2088102177846880",' +
        '"invoice_amount":"88.88","out_trade_no":"pay_0001","point_amount":"0.00","receipt_amount":"88.80","send_pay_date":"2024-05-13 17:50:07",' +
        '"total_amount":"88.88","trade_no":"2024051322001446880500012345","trade_status":"TRADE_SUCCESS"}')
      : answer(call, '{"code":"40004","msg":"Business Failed","sub_code":"ACQ.TRADE_NOT_EXIST","sub_msg":"交易不存在","buyer_pay_amount":"0.00","out_trade_no":"pay_0404"}'))
    const paid = await client(gw).query({ outTradeNo: 'pay_0001' })
    expect(paid).toEqual(expect.objectContaining({
      outcome: 'success',
      data: expect.objectContaining({
        outTradeNo: 'pay_0001', tradeNo: '2024051322001446880500012345', tradeStatus: 'TRADE_SUCCESS', totalAmount: 8888,
        receiptAmount: 8880, buyerPayAmount: 8888, buyerId: '2088102177846880', paidAt: '2024-05-13 17:50:07', userPaying: false,
      }) as unknown,
    }))
    expect(gw.calls[0]?.biz).toEqual({ out_trade_no: 'pay_0001' })
    expect(gw.calls[0]?.query).not.toHaveProperty('notify_url')
    const missing = await client(gw).query({ outTradeNo: 'pay_0404' })
    expect(missing).toMatchObject({ outcome: 'failure', code: '40004', subCode: 'ACQ.TRADE_NOT_EXIST', subMsg: '交易不存在' })
  })

  it('cancel exposes action and retry flag', async () => {
    const gw = await fake(call => answer(call, '{"code":"10000","msg":"Success","action":"refund","out_trade_no":"pay_0001","retry_flag":"N","trade_no":"2024051322001446880500012345"}'))
    const result = await client(gw).cancel({ outTradeNo: 'pay_0001' })
    expect(result).toMatchObject({ outcome: 'success', data: { action: 'refund', retryFlag: false, tradeNo: '2024051322001446880500012345' } })
  })

  it('close succeeds, and a wrong state is a definite failure', async () => {
    let paid = false
    const gw = await fake(call => paid
      ? answer(call, '{"code":"40004","msg":"Business Failed","sub_code":"ACQ.TRADE_STATUS_ERROR","sub_msg":"交易状态不合法"}')
      : answer(call, '{"code":"10000","msg":"Success","out_trade_no":"pay_0001","trade_no":"2024051322001446880500012345"}'))
    expect(await client(gw).close({ tradeNo: '2024051322001446880500012345' })).toMatchObject({ outcome: 'success', data: { outTradeNo: 'pay_0001' } })
    expect(gw.calls[0]?.biz).toEqual({ trade_no: '2024051322001446880500012345' })
    paid = true
    expect(await client(gw).close({ outTradeNo: 'pay_0001' })).toMatchObject({ outcome: 'failure', subCode: 'ACQ.TRADE_STATUS_ERROR' })
  })

  it('refund sends out_request_no and the amount, and reads fund_change and the cumulative refund_fee', async () => {
    let fundChange = 'Y'
    const gw = await fake(call => answer(call, `{"code":"10000","msg":"Success","buyer_user_id":"2088102177846880","fund_change":"${fundChange}",` +
      '"gmt_refund_pay":"2024-05-13 18:00:00","out_trade_no":"pay_0001","refund_fee":"20.00","trade_no":"2024051322001446880500012345"}'))
    const input = { outTradeNo: 'pay_0001', outRequestNo: 'rf_0001', refundAmount: 1250, reason: '菜品售罄 sold out' }
    const first = await client(gw).refund(input)
    expect(first).toMatchObject({ outcome: 'success', data: { fundChange: true, refundFee: 2000, refundedAt: '2024-05-13 18:00:00' } })
    expect(gw.calls[0]?.biz).toEqual({ out_trade_no: 'pay_0001', out_request_no: 'rf_0001', refund_amount: '12.50', refund_reason: '菜品售罄 sold out' })
    fundChange = 'N'
    expect(await client(gw).refund(input)).toMatchObject({ outcome: 'success', data: { fundChange: false, refundFee: 2000 } })
    expect(gw.calls[1]?.biz).toEqual(gw.calls[0]?.biz)
  })

  it('refund query says refunded only on REFUND_SUCCESS', async () => {
    let node = '{"code":"10000","msg":"Success","out_request_no":"rf_0001","out_trade_no":"pay_0001","refund_amount":"12.50","refund_status":"REFUND_SUCCESS","total_amount":"88.88"}'
    const gw = await fake(call => answer(call, node))
    const done = await client(gw).refundQuery({ outTradeNo: 'pay_0001', outRequestNo: 'rf_0001' })
    expect(done).toMatchObject({ outcome: 'success', data: { refunded: true, refundAmount: 1250, totalAmount: 8888, outRequestNo: 'rf_0001' } })
    expect(gw.calls[0]?.query.method).toBe('alipay.trade.fastpay.refund.query')
    expect(gw.calls[0]?.biz).toEqual({ out_trade_no: 'pay_0001', out_request_no: 'rf_0001' })
    node = '{"code":"10000","msg":"Success"}'
    expect(await client(gw).refundQuery({ outTradeNo: 'pay_0001', outRequestNo: 'rf_0002' }))
      .toMatchObject({ outcome: 'success', data: { refunded: false, refundAmount: null } })
  })

  it('oauth token sends grant_type and code top-level (no biz_content) and reads a success without code', async () => {
    const gw = await fake(call => call.params.code === 'used'
      ? { body: '{"error_response":{"code":"40002","msg":"Invalid Arguments","sub_code":"isv.code-invalid","sub_msg":"授权码code无效"}}' }
      : answer(call, '{"access_token":"authusrB1","alipay_user_id":"20880001","expires_in":1296000,"re_expires_in":2592000,' +
        '"refresh_token":"authusrB2","user_id":"2088102177846880"}'))
    const ok = await client(gw).oauthToken({ code: '4b203fe6c11548bcabd8da5bb087a83b' })
    expect(ok).toMatchObject({ outcome: 'success', data: { userId: '2088102177846880', accessToken: 'authusrB1', expiresIn: 1296000, reExpiresIn: 2592000 } })
    expect(gw.calls[0]?.form).toEqual({ grant_type: 'authorization_code', code: '4b203fe6c11548bcabd8da5bb087a83b' })
    expect(Object.keys(gw.calls[0]?.query ?? {}).sort()).toEqual(SYSTEM_KEYS)
    const used = await client(gw).oauthToken({ code: 'used' })
    expect(used).toMatchObject({ outcome: 'failure', code: '40002', subCode: 'isv.code-invalid' })
  })
})

describe('unknown outcomes and failures (docs/alipay.md)', () => {
  it('code 20000 is unknown, signed or in an unsigned error_response', async () => {
    let signed = true
    const node = '{"code":"20000","msg":"Service Currently Unavailable","sub_code":"isp.unknow-error","sub_msg":"系统繁忙"}'
    const gw = await fake(call => signed ? answer(call, node) : { body: `{"error_response":${node}}` })
    expect(await client(gw).query({ outTradeNo: 'pay_0001' })).toMatchObject({ outcome: 'unknown', reason: 'system-error', code: '20000' })
    signed = false
    expect(await client(gw).precreate(TRADE)).toMatchObject({ outcome: 'unknown', reason: 'system-error', subCode: 'isp.unknow-error' })
  })

  it('ACQ.SYSTEM_ERROR and AQC.SYSTEM_ERROR are unknown, never failures', async () => {
    const gw = await fake(call => answer(call, call.params.method === 'alipay.trade.cancel'
      ? '{"code":"40004","msg":"Business Failed","sub_code":"AQC.SYSTEM_ERROR","sub_msg":"系统错误","retry_flag":"Y"}'
      : '{"code":"40004","msg":"Business Failed","sub_code":"ACQ.SYSTEM_ERROR","sub_msg":"系统错误"}'))
    const gateway = client(gw)
    expect(await gateway.refund({ outTradeNo: 'pay_0001', outRequestNo: 'rf_1', refundAmount: 100 }))
      .toMatchObject({ outcome: 'unknown', reason: 'system-error', subCode: 'ACQ.SYSTEM_ERROR' })
    expect(await gateway.cancel({ outTradeNo: 'pay_0001' })).toMatchObject({ outcome: 'unknown', reason: 'system-error', subCode: 'AQC.SYSTEM_ERROR' })
    expect(await gateway.precreate(TRADE)).toMatchObject({ outcome: 'unknown', reason: 'system-error' })
  })

  it('an unsigned error_response is a definite failure', async () => {
    const gw = await fake(() => ({ body: '{"error_response":{"code":"40002","msg":"Invalid Arguments","sub_code":"isv.invalid-app-id","sub_msg":"无效的AppID参数"}}' }))
    expect(await client(gw).precreate(TRADE)).toMatchObject({ outcome: 'failure', code: '40002', msg: 'Invalid Arguments', subCode: 'isv.invalid-app-id' })
  })

  it('a wrong merchant key is answered with isv.invalid-signature, echoing the gateway\'s string', async () => {
    const gw = await fake(() => 'hang')
    const result = await client(gw, { privateKey: OTHER_PRIVATE }).query({ outTradeNo: 'pay_0001' })
    expect(result).toMatchObject({ outcome: 'failure', code: '40002', subCode: 'isv.invalid-signature' })
    if (result.outcome === 'failure') expect(result.subMsg).toContain(gw.calls[0]?.signContent)
  })

  it('a non-2xx status is unknown, even with a signed success body', async () => {
    const gw = await fake(call => call.params.method === 'alipay.trade.query'
      ? { status: 502, body: '<html>502 Bad Gateway</html>' }
      : { ...answer(call, '{"code":"10000","msg":"Success","qr_code":"https://qr.alipay.com/z"}') as { body: string }, status: 503 })
    expect(await client(gw).query({ outTradeNo: 'pay_0001' })).toMatchObject({ outcome: 'unknown', reason: 'http-status', detail: 'HTTP 502', raw: { httpStatus: 502 } })
    expect(await client(gw).precreate(TRADE)).toMatchObject({ outcome: 'unknown', reason: 'http-status', detail: 'HTTP 503' })
  })

  it('no answer within timeoutMs is unknown (timeout), also when the body stalls after the headers', async () => {
    const gw = await fake(call => call.params.method === 'alipay.trade.query' ? 'hang-after-headers' : 'hang')
    const started = Date.now()
    expect(await client(gw, { timeoutMs: 150 }).precreate(TRADE)).toMatchObject({ outcome: 'unknown', reason: 'timeout' })
    expect(await client(gw, { timeoutMs: 150 }).query({ outTradeNo: 'pay_0001' })).toMatchObject({ outcome: 'unknown', reason: 'timeout' })
    expect(Date.now() - started).toBeLessThan(2500)
  })

  it('a refused connection is unknown (network)', async () => {
    const port = await closedPort()
    const gateway = createOpenApiGateway({
      gatewayUrl: `http://127.0.0.1:${port}/gateway.do`, appId: APP_ID, privateKey: APP_PRIVATE_PKCS8, alipayPublicKey: ALIPAY_PUBLIC, timeoutMs: 2000,
    })
    const result = await gateway.cancel({ outTradeNo: 'pay_0001' })
    expect(result).toMatchObject({ outcome: 'unknown', reason: 'network' })
    if (result.outcome === 'unknown') expect(result.detail).toMatch(/ECONNREFUSED/)
  })

  it('a success signed by another key, unsigned, or altered is not trusted', async () => {
    const node = '{"code":"10000","msg":"Success","out_trade_no":"pay_0001","qr_code":"https://qr.alipay.com/evil"}'
    let mode: 'other-key' | 'unsigned' | 'altered' = 'other-key'
    const gw = await fake(call => {
      if (mode === 'unsigned') return { body: `{"alipay_trade_precreate_response":${node}}` }
      const reply = answer(call, node, mode === 'other-key' ? { key: otherPrivateKey } : {}) as { body: string }
      return mode === 'altered' ? { body: reply.body.replace('qr.alipay.com/evil', 'qr.alipay.com/evil2') } : reply
    })
    for (const m of ['other-key', 'unsigned', 'altered'] as const) {
      mode = m
      const result = await client(gw).precreate(TRADE)
      expect(result, m).toMatchObject({ outcome: 'unknown', reason: 'bad-signature' })
      expect(result).not.toHaveProperty('data')
    }
  })

  it('an unsigned business failure is a failure (a failure moves no money), an unsigned success is not trusted', async () => {
    const gw = await fake(call => ({ body: call.params.method === 'alipay.trade.close'
      ? '{"alipay_trade_close_response":{"code":"40004","msg":"Business Failed","sub_code":"ACQ.TRADE_NOT_EXIST"}}'
      : '{"alipay_trade_cancel_response":{"code":"10000","msg":"Success","action":"close","retry_flag":"N"}}' }))
    expect(await client(gw).close({ outTradeNo: 'pay_0001' })).toMatchObject({ outcome: 'failure', subCode: 'ACQ.TRADE_NOT_EXIST' })
    expect(await client(gw).cancel({ outTradeNo: 'pay_0001' })).toMatchObject({ outcome: 'unknown', reason: 'bad-signature' })
  })

  it('a business failure with a signature that does not verify is not trusted either', async () => {
    const gw = await fake(call => answer(call, '{"code":"40004","msg":"Business Failed","sub_code":"ACQ.TRADE_NOT_EXIST"}', { key: otherPrivateKey }))
    expect(await client(gw).query({ outTradeNo: 'pay_0001' })).toMatchObject({ outcome: 'unknown', reason: 'bad-signature', subCode: 'ACQ.TRADE_NOT_EXIST' })
  })

  it('an answer that is not the protocol is unknown (malformed)', async () => {
    let reply: (call: ReceivedCall) => FakeReply = () => ({ body: '<html>maintenance</html>' })
    const gw = await fake(call => reply(call))
    expect(await client(gw).precreate(TRADE)).toMatchObject({ outcome: 'unknown', reason: 'malformed' })
    reply = call => answer(call, '{"code":"10000","msg":"Success","out_trade_no":"pay_0001"}')
    expect(await client(gw).precreate(TRADE)).toMatchObject({ outcome: 'unknown', reason: 'malformed', detail: 'qr_code is missing' })
    reply = call => answer(call, '{"code":"10000","msg":"Success","trade_status":"PAID_MAYBE","trade_no":"1"}')
    expect(await client(gw).query({ outTradeNo: 'pay_0001' })).toMatchObject({ outcome: 'unknown', reason: 'malformed' })
    reply = call => answer(call, '{"code":"10000","msg":"Success","refund_fee":"12.5x","fund_change":"Y"}')
    expect(await client(gw).refund({ outTradeNo: 'pay_0001', outRequestNo: 'r', refundAmount: 1 })).toMatchObject({ outcome: 'unknown', reason: 'malformed' })
  })

  it('decodes a GBK answer by its Content-Type and verifies it', async () => {
    const gw = await fake(call => ({
      body: iconv.encode(signedAnswer('alipay_trade_query_response',
        '{"code":"40004","msg":"Business Failed","sub_code":"ACQ.TRADE_NOT_EXIST","sub_msg":"交易不存在"}', { charset: 'gbk' }), 'gbk'),
      contentType: `text/html;charset=GBK;x=${String(call.params.method)}`,
    }))
    expect(await client(gw).query({ outTradeNo: 'pay_0001' })).toMatchObject({ outcome: 'failure', subMsg: '交易不存在' })
  })
})

describe('configuration', () => {
  const base = { gatewayUrl: 'http://127.0.0.1:1/gateway.do', appId: APP_ID, privateKey: APP_PRIVATE_PKCS8, alipayPublicKey: ALIPAY_PUBLIC }

  it('fails at creation with a clear error for each mistake', () => {
    expect(() => createOpenApiGateway({ ...base, gatewayUrl: 'openapi.alipay.com' })).toThrow(AlipayConfigError)
    expect(() => createOpenApiGateway({ ...base, appId: '' })).toThrow(/app id/)
    expect(() => createOpenApiGateway({ ...base, signType: 'MD5' as 'RSA2' })).toThrow(/RSA2 or RSA/)
    expect(() => createOpenApiGateway({ ...base, timeoutMs: 0 })).toThrow(/timeout/)
    expect(() => createOpenApiGateway({ ...base, privateKey: 'garbage' })).toThrow(AlipayKeyError)
    expect(() => createOpenApiGateway({ ...base, alipayPublicKey: APP_PRIVATE_PKCS8 })).toThrow(/Alipay public key: got a private key/)
    expect(() => createOpenApiGateway({ ...base, alipayPublicKey: APP_PUBLIC })).not.toThrow()
  })
})
