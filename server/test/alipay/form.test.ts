// Form bodies as Alipay sends them: split on raw bytes, each value percent-decoded once, then read in its charset.
import { describe, expect, it } from 'vitest'
import { FormParseError, parseFormBody } from '../../src/alipay/form.js'

const UTF8 = 'application/x-www-form-urlencoded; charset=utf-8'

function fields (body: string | Buffer, contentType = UTF8): Record<string, string> {
  return { ...parseFormBody(typeof body === 'string' ? Buffer.from(body, 'latin1') : body, contentType).fields }
}

describe('parseFormBody', () => {
  it('decodes %XY in either case, + as a space, and leaves plain values as they are', () => {
    expect(fields('a=100%25+%e5%a5%BD%2B&b=2024-05-13+17%3A50%3A01&c=plain_123')).toEqual({ a: '100% 好+', b: '2024-05-13 17:50:01', c: 'plain_123' })
  })

  it('keeps a % that starts no escape, as browsers do', () => {
    expect(fields('a=50%&b=%zz1&c=%4')).toEqual({ a: '50%', b: '%zz1', c: '%4' })
  })

  it('reads GBK bytes in the charset the notification declares', () => {
    // 好 is the bytes BA C3 in GBK.
    expect(fields('charset=GBK&subject=%BA%C3', 'application/x-www-form-urlencoded')).toEqual({ charset: 'GBK', subject: '好' })
  })

  it('refuses a field that appears twice', () => {
    expect(() => fields('a=1&a=2')).toThrow(FormParseError)
  })
})
