// Key loading: every format Alipay's tools produce, and a clear error for each common mistake.
import { generateKeyPairSync } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { AlipayKeyError } from '../../src/alipay/errors.js'
import { parsePrivateKey, parsePublicKey } from '../../src/alipay/keys.js'
import { ALIPAY_PUBLIC, APP_PRIVATE_PKCS1, APP_PRIVATE_PKCS8, APP_PUBLIC, bare } from './fixtures.js'

const message = (fn: () => unknown): string => {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(AlipayKeyError)
    return (error as Error).message
  }
  throw new Error('expected an AlipayKeyError')
}

describe('parsePrivateKey', () => {
  it('reads PKCS#8 and PKCS#1, as PEM or bare base64, into the same key', () => {
    const reference = parsePrivateKey(APP_PRIVATE_PKCS8).export({ format: 'jwk' })
    for (const input of [APP_PRIVATE_PKCS1, bare(APP_PRIVATE_PKCS8), bare(APP_PRIVATE_PKCS1), `  ${APP_PRIVATE_PKCS8}\n\n`]) {
      expect(parsePrivateKey(input).export({ format: 'jwk' })).toEqual(reference)
    }
  })

  it('names the mistake without echoing key material', () => {
    expect(message(() => parsePrivateKey(''))).toMatch(/empty/)
    expect(message(() => parsePrivateKey('not a key !!'))).toMatch(/not PEM and not valid base64/)
    expect(message(() => parsePrivateKey(APP_PUBLIC))).toMatch(/public key.*private key is needed/)
    expect(message(() => parsePrivateKey(bare(APP_PUBLIC)))).toMatch(/public key, but a private key is needed/)
    expect(message(() => parsePrivateKey(Buffer.from('hello world, not DER').toString('base64')))).toMatch(/neither a PKCS#8 nor a PKCS#1/)
    const truncated = APP_PRIVATE_PKCS8.replace(/[A-Za-z0-9+/]{64}\n/, '')
    const text = message(() => parsePrivateKey(truncated))
    expect(text).toMatch(/could not be decoded/)
    expect(text).not.toContain(bare(APP_PRIVATE_PKCS8).slice(40, 80))
  })

  it('refuses a key that is not RSA', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    expect(message(() => parsePrivateKey(privateKey.export({ type: 'pkcs8', format: 'pem' }) as string))).toMatch(/expected an RSA key/)
  })
})

describe('parsePublicKey', () => {
  it('reads SPKI as PEM or bare base64', () => {
    expect(parsePublicKey(bare(ALIPAY_PUBLIC)).export({ format: 'jwk' })).toEqual(parsePublicKey(ALIPAY_PUBLIC).export({ format: 'jwk' }))
  })

  it('says so when a private key is given where Alipay\'s public key belongs', () => {
    expect(message(() => parsePublicKey(APP_PRIVATE_PKCS8))).toMatch(/private key, but Alipay's public key is needed/)
    expect(message(() => parsePublicKey(bare(APP_PRIVATE_PKCS1)))).toMatch(/private key, but Alipay's public key is needed/)
    expect(message(() => parsePublicKey('MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA'))).toMatch(/not an X\.509 SubjectPublicKeyInfo/)
  })
})
