// Response verification: the exact raw node text, `\/` escapes, tricky strings, and who signed it.
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { parsePublicKey } from '../../src/alipay/keys.js'
import { decodeResponseBody, parseGatewayAnswer, topLevelMembers } from '../../src/alipay/response.js'
import { ALIPAY_PUBLIC, gatewaySign, otherPrivateKey, signedAnswer } from './fixtures.js'

const alipayPublic = parsePublicKey(ALIPAY_PUBLIC)
const PRECREATE = 'alipay.trade.precreate'
const QUERY = 'alipay.trade.query'

describe('parseGatewayAnswer', () => {
  it('verifies the exact node text, keeping \\/ escapes byte for byte', () => {
    const node = '{"code":"10000","msg":"Success","out_trade_no":"pay_1","qr_code":"https:\\/\\/qr.alipay.com\\/bax03431ljhokirwl38f00a7"}'
    const parsed = parseGatewayAnswer(signedAnswer('alipay_trade_precreate_response', node), PRECREATE, alipayPublic, 'RSA2')
    expect(parsed).toMatchObject({ ok: true, answer: { node: 'method', signature: 'valid', signedText: node } })
    if (parsed.ok) expect(parsed.answer.body.qr_code).toBe('https://qr.alipay.com/bax03431ljhokirwl38f00a7')
  })

  it('also accepts a signature made over the unescaped text (retry with \\/ → /)', () => {
    const node = '{"code":"10000","msg":"Success","qr_code":"https:\\/\\/qr.alipay.com\\/x"}'
    const raw = signedAnswer('alipay_trade_precreate_response', node, { signedOver: node.replaceAll('\\/', '/') })
    expect(parseGatewayAnswer(raw, PRECREATE, alipayPublic, 'RSA2')).toMatchObject({ ok: true, answer: { signature: 'valid' } })
  })

  it('finds the node among nested objects, arrays and strings holding braces, quotes and the node name', () => {
    const node = '{"code":"10000","msg":"Success","trade_status":"TRADE_SUCCESS",' +
      '"fund_bill_list":[{"amount":"1.00","fund_channel":"ALIPAYACCOUNT"}],' +
      '"store_name":"Brace } { \\" house \\\\","ext_infos":{"a":{"b":"},\\"sign\\":\\"x"}},"buyer_logon_id":"a***@b.c"}'
    const raw = `{ "alipay_cert_sn" : "abc",\n  "sign": "${gatewaySign(node)}",\n  "decoy": "\\"alipay_trade_query_response\\":{}",\n  "alipay_trade_query_response" : ${node}\n}`
    const parsed = parseGatewayAnswer(raw, QUERY, alipayPublic, 'RSA2')
    expect(parsed).toMatchObject({ ok: true, answer: { signature: 'valid', signedText: node } })
    if (parsed.ok) expect(parsed.answer.body.store_name).toBe('Brace } { " house \\')
  })

  it('reports an unsigned error_response as unsigned, not invalid', () => {
    const raw = '{"error_response":{"code":"40002","msg":"Invalid Arguments","sub_code":"isv.code-invalid","sub_msg":"授权码code无效"}}'
    expect(parseGatewayAnswer(raw, 'alipay.system.oauth.token', alipayPublic, 'RSA2'))
      .toMatchObject({ ok: true, answer: { node: 'error', nodeName: 'error_response', signature: 'missing' } })
  })

  it('marks a node signed by another key, or changed after signing, as invalid', () => {
    const node = '{"code":"10000","msg":"Success","qr_code":"https://qr.alipay.com/x"}'
    const otherKey = signedAnswer('alipay_trade_precreate_response', node, { key: otherPrivateKey })
    expect(parseGatewayAnswer(otherKey, PRECREATE, alipayPublic, 'RSA2')).toMatchObject({ ok: true, answer: { signature: 'invalid' } })
    const tampered = signedAnswer('alipay_trade_precreate_response', node).replace('qr.alipay.com/x', 'evil.example/x')
    expect(parseGatewayAnswer(tampered, PRECREATE, alipayPublic, 'RSA2')).toMatchObject({ ok: true, answer: { signature: 'invalid' } })
    const rsa1 = signedAnswer('alipay_trade_precreate_response', node, { signType: 'RSA' })
    expect(parseGatewayAnswer(rsa1, PRECREATE, alipayPublic, 'RSA2')).toMatchObject({ ok: true, answer: { signature: 'invalid' } })
    expect(parseGatewayAnswer(rsa1, PRECREATE, alipayPublic, 'RSA')).toMatchObject({ ok: true, answer: { signature: 'valid' } })
  })

  it('refuses bodies that are not a JSON object or lack both nodes', () => {
    expect(parseGatewayAnswer('<html>502</html>', QUERY, alipayPublic, 'RSA2')).toMatchObject({ ok: false })
    expect(parseGatewayAnswer('[1,2]', QUERY, alipayPublic, 'RSA2')).toMatchObject({ ok: false })
    expect(parseGatewayAnswer('{"alipay_trade_precreate_response":{"code":"10000"}}', QUERY, alipayPublic, 'RSA2'))
      .toMatchObject({ ok: false, detail: expect.stringContaining('alipay_trade_query_response') as string })
    expect(parseGatewayAnswer('{"alipay_trade_query_response":"10000"}', QUERY, alipayPublic, 'RSA2')).toMatchObject({ ok: false })
  })

  it('verifies a GBK body over its GBK bytes', () => {
    const node = '{"code":"40004","msg":"Business Failed","sub_code":"ACQ.TRADE_NOT_EXIST","sub_msg":"交易不存在"}'
    const body = iconv.encode(signedAnswer('alipay_trade_query_response', node, { charset: 'gbk' }), 'gbk')
    const { text, charset } = decodeResponseBody(body, 'text/html;charset=GBK')
    expect(charset).toBe('gbk')
    const parsed = parseGatewayAnswer(text, QUERY, alipayPublic, 'RSA2', charset)
    expect(parsed).toMatchObject({ ok: true, answer: { signature: 'valid', body: { sub_msg: '交易不存在' } } })
  })
})

describe('topLevelMembers', () => {
  it('returns raw member text and rejects duplicate members', () => {
    expect(topLevelMembers('{"a" : [1, {"b":"]"}] , "c":null,"d":-1.5e3}')).toEqual(new Map([
      ['a', '[1, {"b":"]"}]'], ['c', 'null'], ['d', '-1.5e3'],
    ]))
    expect(() => topLevelMembers('{"sign":"a","sign":"b"}')).toThrow(/duplicate/)
  })
})
