// Pins the request string-to-sign and the exact signatures for the committed test key.
import { createPrivateKey } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { parsePrivateKey, parsePublicKey } from '../../src/alipay/keys.js'
import { buildSignContent, signContent, verifyContent } from '../../src/alipay/sign.js'
import { ALIPAY_PUBLIC, APP_PRIVATE_PKCS1, APP_PRIVATE_PKCS8, APP_PUBLIC, bare } from './fixtures.js'

const BIZ = '{"out_trade_no":"pay_0001","total_amount":"88.88","subject":"桌 12 · 宫保鸡丁 & 米饭 = 2份","store_id":"store-01","timeout_express":"15m"}'

const PARAMS = {
  timestamp: '2024-05-13 17:49:20',
  method: 'alipay.trade.precreate',
  app_id: '2021000122671080',
  version: '1.0',
  sign_type: 'RSA2',
  charset: 'utf-8',
  format: 'JSON',
  notify_url: 'https://pad.example.cn/api/alipay/notify',
  biz_content: BIZ,
  app_auth_token: '',
  alipay_sdk: undefined,
  return_url: null,
  sign: 'an old signature that must not be signed',
}

const EXPECTED_CONTENT = 'app_id=2021000122671080' +
  '&biz_content={"out_trade_no":"pay_0001","total_amount":"88.88","subject":"桌 12 · 宫保鸡丁 & 米饭 = 2份","store_id":"store-01","timeout_express":"15m"}' +
  '&charset=utf-8&format=JSON&method=alipay.trade.precreate&notify_url=https://pad.example.cn/api/alipay/notify' +
  '&sign_type=RSA2&timestamp=2024-05-13 17:49:20&version=1.0'

// Computed once with `openssl dgst -sha256|-sha1 -sign fixtures/app-private-pkcs8.pem` over the content above.
const EXPECTED_RSA2 = 'Gn5DeORXDixxaHXYi8AXgCT1agVMcuBxE63GrWAuUX/jF0iVHMAsMN63wYCkQvre7VXGe4Ib2iBmsIAMIoIhsDbKzQ2Zf7EhfPyMTQlcKgJ2gLTGqzMax0lI/j1xyBW6YderygrPtF/4/UMR0y1eLx1Mhp5cr21bDiW0W1HF0aBVtJlS2vxzFk2SZ0XrMP6tIOQd2Ff2PAcXqzzDv//VqSG2PHnT/NLZGrnKsD+6QiK15ucUml86s4vT8jZkveRDo8LOhTEYHsFhBDoNjv6ntc51DfNc9C7TRLWKYaw35EwpaFlpmq2X+XZ1kaZUoaucfyGZExKO25hdE0Vsaz6zNw=='
const EXPECTED_RSA = 'D4o8zGNJ3f3v9eCLtHhQm4Z8723FgMQUC5iUY/w4IALXoRuFmpdz/KYAtt0TQK0gzog0vAXYODO3CxSO0Qoix42QoZVFxWfL3cE5ln1sX+yz6l4Vz/VinCLbNQXTJiXATFdU4yOkdwY/rVdK/0/hlW+1fK3MziadusglUVsGqvvrXKbiXCkV6UjVR8As0sWLOt9z6C+dw4vc/HmfeFCjsJuSIepGd7a9Rf8aLGg4DPu4rufoq6OydbSw4eSqyrPe+/FENuJ+eeyduqIVkschZ5b731a/D+M/u+OZv/X3uhgqpfEg2/4Z8+pP0jNvD+lRT+S5lz/ZnXB8Z5BwD9oi1A=='

describe('buildSignContent', () => {
  it('drops sign and empty values, keeps sign_type, sorts keys and uses raw values', () => {
    expect(buildSignContent(PARAMS)).toBe(EXPECTED_CONTENT)
  })

  it('sorts by ASCII code, so upper case and underscores sort before lower case', () => {
    expect(buildSignContent({ b: '1', a_b: '2', aB: '3', a: '4', Z: '5' })).toBe('Z=5&a=4&aB=3&a_b=2&b=1')
  })

  it('keeps values that only look special (spaces, =, &, %, +) exactly as given', () => {
    expect(buildSignContent({ subject: 'a b=c&d%20e+f', x: ' ' })).toBe('subject=a b=c&d%20e+f&x= ')
  })
})

describe('signContent', () => {
  const pkcs8 = parsePrivateKey(APP_PRIVATE_PKCS8)

  it('produces the pinned RSA2 (SHA256withRSA) signature', () => {
    expect(signContent(EXPECTED_CONTENT, pkcs8, 'RSA2')).toBe(EXPECTED_RSA2)
  })

  it('produces the pinned RSA (SHA1withRSA) signature over the RSA variant of the content', () => {
    const content = buildSignContent({ ...PARAMS, sign_type: 'RSA' })
    expect(content).toBe(EXPECTED_CONTENT.replace('sign_type=RSA2', 'sign_type=RSA'))
    expect(signContent(content, pkcs8, 'RSA')).toBe(EXPECTED_RSA)
  })

  it('gives the same signature whichever format the private key was given in', () => {
    const inputs = [
      APP_PRIVATE_PKCS8, APP_PRIVATE_PKCS1, bare(APP_PRIVATE_PKCS8), bare(APP_PRIVATE_PKCS1),
      createPrivateKey(APP_PRIVATE_PKCS1), APP_PRIVATE_PKCS8.replace(/\n/g, '\\n'),
    ]
    for (const input of inputs) {
      expect(signContent(EXPECTED_CONTENT, parsePrivateKey(input), 'RSA2')).toBe(EXPECTED_RSA2)
    }
  })

  it('RSA and RSA2 differ and each verifies only with its own algorithm', () => {
    const appPublic = parsePublicKey(APP_PUBLIC)
    expect(EXPECTED_RSA).not.toBe(EXPECTED_RSA2)
    expect(verifyContent(EXPECTED_CONTENT, EXPECTED_RSA2, appPublic, 'RSA2')).toBe(true)
    expect(verifyContent(EXPECTED_CONTENT, EXPECTED_RSA2, appPublic, 'RSA')).toBe(false)
  })
})

describe('verifyContent', () => {
  const appPublic = parsePublicKey(bare(APP_PUBLIC))

  it('rejects a changed content, another key and garbage without throwing', () => {
    expect(verifyContent(EXPECTED_CONTENT.replace('88.88', '8.88'), EXPECTED_RSA2, appPublic, 'RSA2')).toBe(false)
    expect(verifyContent(EXPECTED_CONTENT, EXPECTED_RSA2, parsePublicKey(ALIPAY_PUBLIC), 'RSA2')).toBe(false)
    expect(verifyContent(EXPECTED_CONTENT, 'not base64 at all!', appPublic, 'RSA2')).toBe(false)
    expect(verifyContent(EXPECTED_CONTENT, '', appPublic, 'RSA2')).toBe(false)
  })
})
