// The emulated gateway's common checks: signatures (RSA2, RSA), missing and invalid params, answer signing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { answerVerifies, APP_ID, beijing, callGateway, KEYS, outTradeNo, sign, signContent, startSandbox, type TestSandbox } from './helpers.js'

let sandbox: TestSandbox

beforeAll(async () => { sandbox = await startSandbox() })
afterAll(async () => { await sandbox.app.close() })

const precreateBiz = (no = outTradeNo()): Record<string, unknown> => ({ out_trade_no: no, total_amount: '12.50', subject: 'Table 4 / 桌4' })

describe('signed requests', () => {
  it('accepts an RSA2 request with system params in the query and biz_content in the body, and signs its answer', async () => {
    const answer = await callGateway(sandbox, 'alipay.trade.precreate', precreateBiz())
    expect(answer.status).toBe(200)
    expect(answer.contentType).toBe('application/json;charset=utf-8')
    expect(answer.nodeName).toBe('alipay_trade_precreate_response')
    expect(answer.node).toMatchObject({ code: '10000', msg: 'Success' })
    // The real gateway writes "/" as "\/": a merchant must verify the raw text, not a re-serialisation.
    expect(answer.nodeText).toContain('http:\\/\\/192.0.2.10:8080\\/sandbox\\/scan\\/')
    expect(answerVerifies(answer)).toBe(true)
    expect(answerVerifies({ ...answer, nodeText: JSON.stringify(answer.node) })).toBe(false)
  })

  it('accepts everything in the form body too', async () => {
    const answer = await callGateway(sandbox, 'alipay.trade.precreate', precreateBiz(), { placement: 'body' })
    expect(answer.node.code).toBe('10000')
  })

  it('accepts RSA (SHA1withRSA) and signs the answer with SHA1 as well', async () => {
    const answer = await callGateway(sandbox, 'alipay.trade.precreate', precreateBiz(), { signType: 'RSA' })
    expect(answer.node.code).toBe('10000')
    expect(answerVerifies(answer, 'RSA')).toBe(true)
    expect(answerVerifies(answer, 'RSA2')).toBe(false)
  })

  it('refuses a request signed with another key and echoes the string it built, HTML-escaped', async () => {
    const now = Date.now()
    const biz = precreateBiz('SIG_1')
    const answer = await callGateway(sandbox, 'alipay.trade.precreate', biz, { privateKey: KEYS.stranger.privateKey, now, notifyUrl: 'http://merchant.example/notify' })
    expect(answer.nodeName).toBe('alipay_trade_precreate_response')
    expect(answer.node).toMatchObject({ code: '40002', msg: 'Invalid Arguments', sub_code: 'isv.invalid-signature' })
    const expected = signContent({
      app_id: APP_ID,
      biz_content: JSON.stringify(biz),
      charset: 'utf-8',
      format: 'JSON',
      method: 'alipay.trade.precreate',
      notify_url: 'http://merchant.example/notify',
      sign_type: 'RSA2',
      timestamp: beijing(now),
      version: '1.0',
    })
    const subMsg = String(answer.node.sub_msg)
    expect(subMsg.startsWith('验签出错')).toBe(true)
    expect(subMsg.slice(subMsg.indexOf('：') + 1).replaceAll('&amp;', '&')).toBe(expected)
    expect(answerVerifies(answer)).toBe(true)
  })

  it('refuses a request changed after signing', async () => {
    const answer = await callGateway(sandbox, 'alipay.trade.precreate', precreateBiz(), {
      tamper: params => { params.biz_content = (params.biz_content ?? '').replace('12.50', '0.01') },
    })
    expect(answer.node.sub_code).toBe('isv.invalid-signature')
    expect(String(answer.node.sub_msg)).not.toContain('&quot;')
    expect(String(answer.node.sub_msg)).toContain('"total_amount":"0.01"')
  })

  it('does not sign empty values and keeps sign_type in the string to sign', async () => {
    const withEmpty = await callGateway(sandbox, 'alipay.trade.precreate', precreateBiz(), { params: { app_auth_token: '' } })
    expect(withEmpty.node.code).toBe('10000')
    // A signature made without sign_type in the content does not verify.
    const withoutSignType = await callGateway(sandbox, 'alipay.trade.precreate', precreateBiz(), {
      tamper: params => {
        const { sign_type: _ignored, sign: _sign, ...rest } = params
        params.sign = sign(signContent(rest), KEYS.merchant.privateKey)
      },
    })
    expect(withoutSignType.node.sub_code).toBe('isv.invalid-signature')
  })

  it('decodes a GBK request and verifies the signature over GBK bytes', async () => {
    const answer = await callGateway(sandbox, 'alipay.trade.precreate', { ...precreateBiz(), subject: '宫保鸡丁' }, { charset: 'GBK' })
    expect(answer.node.code).toBe('10000')
  })
})

describe('common parameter checks', () => {
  const cases: Array<[string, Record<string, string | undefined>, string, string, string]> = [
    ['method', { method: undefined }, 'error_response', '40001', 'isv.missing-method'],
    ['app_id', { app_id: undefined }, 'error_response', '40001', 'isv.missing-app-id'],
    ['unknown app_id', { app_id: '2021000000000999' }, 'error_response', '40002', 'isv.invalid-app-id'],
    ['unknown method', { method: 'alipay.trade.pay.nope' }, 'error_response', '40002', 'isv.invalid-method'],
    ['sign_type', { sign_type: undefined }, 'alipay_trade_query_response', '40001', 'isv.missing-signature-type'],
    ['bad sign_type', { sign_type: 'MD5' }, 'alipay_trade_query_response', '40002', 'isv.invalid-signature-type'],
    ['timestamp', { timestamp: undefined }, 'alipay_trade_query_response', '40001', 'isv.missing-timestamp'],
    ['unparseable timestamp', { timestamp: '2024/05/13 17:49:20' }, 'alipay_trade_query_response', '40002', 'isv.invalid-timestamp'],
    ['old timestamp', { timestamp: beijing(Date.now() - 16 * 60_000) }, 'alipay_trade_query_response', '40002', 'isv.invalid-timestamp'],
    ['version', { version: undefined }, 'alipay_trade_query_response', '40001', 'isv.missing-version'],
  ]
  for (const [what, params, node, code, subCode] of cases) {
    it(`answers ${subCode} for ${what}`, async () => {
      const answer = await callGateway(sandbox, 'alipay.trade.query', { out_trade_no: 'X' }, { params })
      expect(answer.nodeName).toBe(node)
      expect(answer.node).toMatchObject({ code, sub_code: subCode })
      if (node === 'error_response') expect(answer.sign).toBeUndefined()
      else expect(answerVerifies(answer)).toBe(true)
    })
  }

  it('accepts a timestamp 14 minutes off (Beijing time)', async () => {
    const answer = await callGateway(sandbox, 'alipay.trade.query', { out_trade_no: 'X' }, { now: Date.now() - 14 * 60_000 })
    expect(answer.node.sub_code).toBe('ACQ.TRADE_NOT_EXIST')
  })

  it('answers isv.missing-signature without a sign', async () => {
    const answer = await callGateway(sandbox, 'alipay.trade.query', { out_trade_no: 'X' }, { tamper: params => { Reflect.deleteProperty(params, 'sign') } })
    expect(answer.node).toMatchObject({ code: '40001', sub_code: 'isv.missing-signature' })
  })

  it('refuses a parameter sent in the query and the body with two values', async () => {
    const response = await fetch(`${sandbox.gateway}?method=alipay.trade.query&app_id=${APP_ID}&charset=utf-8`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'method=alipay.trade.close&biz_content=%7B%7D',
    })
    const text = await response.text()
    expect(JSON.parse(text)).toMatchObject({ error_response: { code: '40002', sub_code: 'isv.invalid-parameter' } })
  })

  it('answers ACQ.INVALID_PARAMETER for a trade method without biz_content', async () => {
    const answer = await callGateway(sandbox, 'alipay.trade.query', undefined)
    expect(answer.node).toMatchObject({ code: '40004', sub_code: 'ACQ.INVALID_PARAMETER' })
  })
})
