// Pins the MAPI request pre-string and its MD5, RSA and RSA2 signatures, computed independently on the command line.
import { createPrivateKey, createPublicKey } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { buildMapiPreString, md5Sign, signMapi, signMapiAsync, verifyMapi } from '../../../src/alipay/global/mapi-sign.js'
import { ALIPAY_PRIVATE_PEM, ALIPAY_PUBLIC_PEM, MD5_KEY, MERCHANT_PRIVATE_PEM, MERCHANT_PUBLIC_PEM } from './keys.js'
import { PRECREATE_MD5, PRECREATE_PARAMS, PRECREATE_PRE_STRING, PRECREATE_RSA, PRECREATE_RSA2 } from './vectors.js'

const merchantPrivate = createPrivateKey(MERCHANT_PRIVATE_PEM)
const merchantPublic = createPublicKey(MERCHANT_PUBLIC_PEM)

describe('buildMapiPreString', () => {
  it('drops sign, sign_type and empty values, sorts keys by ASCII and keeps raw values (Chinese, JSON, & and spaces)', () => {
    expect(buildMapiPreString(PRECREATE_PARAMS)).toBe(PRECREATE_PRE_STRING)
  })

  it('sorts by code unit, so _ and upper case come before lower case, and drops null and undefined', () => {
    expect(buildMapiPreString({ b: '1', a_b: '2', aB: '3', a: '4', Z: '5', _x: '6', n: undefined, m: null })).toBe('Z=5&_x=6&a=4&aB=3&a_b=2&b=1')
  })
})

describe('MD5', () => {
  it('is md5(pre-string + key) in lower-case hex, as md5sum computes it', () => {
    expect(md5Sign(PRECREATE_PRE_STRING, MD5_KEY)).toBe(PRECREATE_MD5)
    expect(signMapi(PRECREATE_PRE_STRING, { signType: 'MD5', md5Key: MD5_KEY })).toBe(PRECREATE_MD5)
  })

  it('verifies the pinned sign, in either case, and refuses another key, another content and garbage', () => {
    const keys = { signType: 'MD5', md5Key: MD5_KEY } as const
    expect(verifyMapi(PRECREATE_PRE_STRING, PRECREATE_MD5, keys)).toBe(true)
    expect(verifyMapi(PRECREATE_PRE_STRING, PRECREATE_MD5.toUpperCase(), keys)).toBe(true)
    expect(verifyMapi(PRECREATE_PRE_STRING, PRECREATE_MD5, { signType: 'MD5', md5Key: MD5_KEY.replace('k', 'K') })).toBe(false)
    expect(verifyMapi(PRECREATE_PRE_STRING.replace('88.80', '8.80'), PRECREATE_MD5, keys)).toBe(false)
    expect(verifyMapi(PRECREATE_PRE_STRING, 'not-hex', keys)).toBe(false)
    expect(verifyMapi(PRECREATE_PRE_STRING, '', keys)).toBe(false)
  })
})

describe('RSA and RSA2 over the same pre-string', () => {
  it('match the openssl signatures, in the thread pool too', async () => {
    expect(signMapi(PRECREATE_PRE_STRING, { signType: 'RSA2', privateKey: merchantPrivate })).toBe(PRECREATE_RSA2)
    expect(signMapi(PRECREATE_PRE_STRING, { signType: 'RSA', privateKey: merchantPrivate })).toBe(PRECREATE_RSA)
    expect(await signMapiAsync(PRECREATE_PRE_STRING, { signType: 'RSA2', privateKey: merchantPrivate })).toBe(PRECREATE_RSA2)
  })

  it('verify with the matching public key only, and with the matching hash only', () => {
    expect(verifyMapi(PRECREATE_PRE_STRING, PRECREATE_RSA2, { signType: 'RSA2', alipayPublicKey: merchantPublic })).toBe(true)
    expect(verifyMapi(PRECREATE_PRE_STRING, PRECREATE_RSA, { signType: 'RSA', alipayPublicKey: merchantPublic })).toBe(true)
    expect(verifyMapi(PRECREATE_PRE_STRING, PRECREATE_RSA, { signType: 'RSA2', alipayPublicKey: merchantPublic })).toBe(false)
    expect(verifyMapi(PRECREATE_PRE_STRING, PRECREATE_RSA2, { signType: 'RSA2', alipayPublicKey: createPublicKey(ALIPAY_PUBLIC_PEM) })).toBe(false)
    expect(verifyMapi(PRECREATE_PRE_STRING, PRECREATE_RSA2, { signType: 'RSA2' })).toBe(false)
  })

  it('refuses to sign without a private key', () => {
    expect(() => signMapi('a=1', { signType: 'RSA2', alipayPublicKey: createPublicKey(ALIPAY_PUBLIC_PEM) })).toThrow(TypeError)
    expect(createPrivateKey(ALIPAY_PRIVATE_PEM).asymmetricKeyType).toBe('rsa')
  })
})
