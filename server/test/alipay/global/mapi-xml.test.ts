// The XML answer read with fast-xml-parser, and its signature over the unescaped `<response><alipay>` fields.
import { createPublicKey } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { buildMapiPreString, type MapiKeys } from '../../../src/alipay/global/mapi-sign.js'
import { answerSignature, type MapiAnswer, parseMapiAnswer } from '../../../src/alipay/global/mapi-xml.js'
import { ALIPAY_PUBLIC_PEM, MD5_KEY, MERCHANT_PUBLIC_PEM } from './keys.js'
import { ANSWER_FIELDS, ANSWER_MD5, ANSWER_PRE_STRING, ANSWER_RSA2, answerXml } from './vectors.js'

const MD5: MapiKeys = { signType: 'MD5', md5Key: MD5_KEY }
const RSA2: MapiKeys = { signType: 'RSA2', alipayPublicKey: createPublicKey(ALIPAY_PUBLIC_PEM) }

function parsed (xml: string): MapiAnswer {
  const result = parseMapiAnswer(xml)
  if (!result.ok) throw new Error(`expected an answer, got: ${result.detail}`)
  return result.answer
}

describe('parseMapiAnswer', () => {
  it('reads is_success, the echoed request, the unescaped response fields, sign and sign_type', () => {
    const answer = parsed(answerXml(ANSWER_MD5, 'MD5'))
    expect(answer.isSuccess).toBe(true)
    expect(answer.error).toBeUndefined()
    expect({ ...answer.request }).toEqual({ _input_charset: 'UTF-8', service: 'alipay.acquire.precreate', subject: '桌 12 · 宫保鸡丁 & 米饭' })
    expect({ ...answer.response }).toEqual(ANSWER_FIELDS)
    expect(answer.sign).toBe(ANSWER_MD5)
    expect(answer.signType).toBe('MD5')
    expect(buildMapiPreString(answer.response ?? {})).toBe(ANSWER_PRE_STRING)
  })

  it('reads a gateway refusal', () => {
    const answer = parsed('<?xml version="1.0" encoding="UTF-8"?><alipay><is_success>F</is_success><error>ILLEGAL_PARTNER</error></alipay>')
    expect(answer).toMatchObject({ isSuccess: false, error: 'ILLEGAL_PARTNER', response: undefined, sign: undefined })
  })

  it('keeps values as text (leading zeros, long numbers, spaces) and decodes character references once', () => {
    const answer = parsed('<alipay><is_success>T</is_success><response><alipay><result_code>SUCCESS</result_code>' +
      '<trade_no>2024051322001446880500000001</trade_no><n>00123</n><t> a b </t><cn>&#x91D1;&#40845; &amp;#65;</cn><e></e><f/>' +
      '<cd><![CDATA[a&amp;<b>]]></cd></alipay></response></alipay>')
    expect({ ...answer.response }).toEqual({
      result_code: 'SUCCESS', trade_no: '2024051322001446880500000001', n: '00123', t: ' a b ', cn: '金龍 &#65;', e: '', f: '', cd: 'a&amp;<b>',
    })
  })

  it.each([
    ['not XML at all', 'Internal Server Error'],
    ['broken XML', '<alipay><is_success>T</is_success><response><alipay><a>1</b></alipay></response></alipay>'],
    ['another root', '<html><body>502</body></html>'],
    ['no is_success', '<alipay><response><alipay><result_code>SUCCESS</result_code></alipay></response></alipay>'],
    ['is_success neither T nor F', '<alipay><is_success>Y</is_success></alipay>'],
    ['a field twice', '<alipay><is_success>T</is_success><response><alipay><result_code>SUCCESS</result_code><result_code>FAIL</result_code></alipay></response></alipay>'],
    ['a nested field', '<alipay><is_success>T</is_success><response><alipay><result_code><x>1</x></result_code></alipay></response></alipay>'],
    ['a DOCTYPE', '<!DOCTYPE alipay [<!ENTITY x "SUCCESS">]><alipay><is_success>T</is_success><response><alipay><result_code>&x;</result_code></alipay></response></alipay>'],
    ['a bad character reference', '<alipay><is_success>T</is_success><response><alipay><a>&#x110000;</a></alipay></response></alipay>'],
  ])('refuses %s', (_what, xml) => {
    expect(parseMapiAnswer(xml)).toMatchObject({ ok: false })
  })
})

describe('answerSignature', () => {
  it('verifies the pinned MD5 and RSA2 signatures of the same answer', () => {
    expect(answerSignature(parsed(answerXml(ANSWER_MD5, 'MD5')), MD5)).toBe('valid')
    expect(answerSignature(parsed(answerXml(ANSWER_RSA2, 'RSA2')), RSA2)).toBe('valid')
  })

  it('refuses a tampered field, the escaped text, another key and another sign type', () => {
    const tampered = answerXml(ANSWER_MD5, 'MD5').replace('bax03431ljhokirwl38f00a7</qr_code>', 'evil</qr_code>')
    expect(answerSignature(parsed(tampered), MD5)).toBe('invalid')
    expect(answerSignature(parsed(answerXml(ANSWER_RSA2, 'RSA2').replace('pay_0001', 'pay_0002')), RSA2)).toBe('invalid')
    expect(answerSignature(parsed(answerXml(ANSWER_RSA2, 'RSA2')), { signType: 'RSA2', alipayPublicKey: createPublicKey(MERCHANT_PUBLIC_PEM) })).toBe('invalid')
    expect(answerSignature(parsed(answerXml(ANSWER_MD5, 'MD5')), { signType: 'MD5', md5Key: MD5_KEY.toUpperCase() })).toBe('invalid')
    expect(answerSignature(parsed(answerXml(ANSWER_MD5, 'MD5')), RSA2)).toBe('invalid')
  })

  it('says missing when there is no sign', () => {
    const unsigned = answerXml(ANSWER_MD5, 'MD5').replace(/<sign>.*<\/sign>/, '')
    expect(answerSignature(parsed(unsigned), MD5)).toBe('missing')
  })
})
