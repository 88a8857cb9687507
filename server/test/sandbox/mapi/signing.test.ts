// The emulator's MAPI signer against vectors computed outside it (md5sum, iconv), and its XML writing.
import { describe, expect, it } from 'vitest'
import { mapiSignContent, md5Sign } from '../../../sandbox/mapi/signing.js'
import { errorXml, escapeXml } from '../../../sandbox/mapi/xml.js'

const KEY = 'k3v9q0w8e7r6t5y4u3i2o1p0a9s8d7f6'
const PARAMS = {
  service: 'alipay.acquire.overseas.query',
  partner: '2088102177649999',
  _input_charset: 'UTF-8',
  out_trade_no: 'T1',
  subject: '点心',
  notify_url: '',
  sign: 'ignored',
  sign_type: 'MD5',
}
const CONTENT = '_input_charset=UTF-8&out_trade_no=T1&partner=2088102177649999&service=alipay.acquire.overseas.query&subject=点心'

describe('MAPI signing', () => {
  it('builds the pre-string without sign, sign_type and empty values, in ASCII order', () => {
    expect(mapiSignContent(PARAMS)).toBe(CONTENT)
  })

  it('matches md5sum over the pre-string with the key appended, in UTF-8 and in GBK', () => {
    // printf '%s' "$CONTENT$KEY" | md5sum ; and the same through `iconv -t gbk` for the GBK vector.
    expect(md5Sign(CONTENT, KEY)).toBe('f7c3af0c0f70d8927db63ffb2ebc629a')
    expect(md5Sign(CONTENT, KEY, 'gbk')).toBe('d75d77ab138fe01e0ee49229bc884c7b')
  })

  it('escapes XML and writes refusals unsigned', () => {
    expect(escapeXml('a<b>&"c\'')).toBe('a&lt;b&gt;&amp;&quot;c&apos;')
    expect(errorXml('ILLEGAL_SIGN').bytes.toString('utf8')).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<alipay><is_success>F</is_success><error>ILLEGAL_SIGN</error></alipay>')
  })
})
