// Sealing a store's settings with SECRETS_KEY: what goes in comes out, and nothing else opens.
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { open, parseSecretsKey, seal, SecretsError } from '../../src/lib/secrets.js'

const key = randomBytes(32)
const CREDENTIAL = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC 荷塘\n-----END PRIVATE KEY-----'

describe('seal and open', () => {
  it('round-trips text, and never shows it in the sealed form', () => {
    const sealed = seal(key, CREDENTIAL, 'store-a')
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/)
    expect(sealed).not.toContain('PRIVATE KEY')
    expect(open(key, sealed, 'store-a')).toBe(CREDENTIAL)
  })

  it('seals the same text differently each time (a fresh IV)', () => {
    expect(seal(key, CREDENTIAL, 'store-a')).not.toBe(seal(key, CREDENTIAL, 'store-a'))
  })

  it('refuses a sealed value with any part changed', () => {
    const [version, iv, tag, ciphertext] = seal(key, CREDENTIAL, 'store-a').split('.') as [string, string, string, string]
    const flip = (part: string): string => {
      const bytes = Buffer.from(part, 'base64url')
      bytes[0] = bytes[0]! ^ 1
      return bytes.toString('base64url')
    }
    for (const tampered of [[version, flip(iv), tag, ciphertext], [version, iv, flip(tag), ciphertext], [version, iv, tag, flip(ciphertext)]]) {
      expect(() => open(key, tampered.join('.'), 'store-a')).toThrow(SecretsError)
    }
    expect(() => open(key, ['v2', iv, tag, ciphertext].join('.'), 'store-a')).toThrow(SecretsError)
    expect(() => open(key, 'not sealed', 'store-a')).toThrow(SecretsError)
  })

  it('refuses another key', () => {
    const sealed = seal(key, CREDENTIAL, 'store-a')
    expect(() => open(randomBytes(32), sealed, 'store-a')).toThrow(SecretsError)
  })

  it('binds a sealed value to its store: copied onto another store it does not open', () => {
    const sealed = seal(key, CREDENTIAL, 'store-a')
    expect(() => open(key, sealed, 'store-b')).toThrow(/another store/)
  })

  it('refuses a key that is not 32 bytes', () => {
    expect(() => seal(randomBytes(16), CREDENTIAL, 'store-a')).toThrow(SecretsError)
  })
})

describe('parseSecretsKey', () => {
  it('takes 64 hex digits and base64 (standard or URL-safe) of 32 bytes', () => {
    expect(parseSecretsKey(key.toString('hex'))).toEqual(key)
    expect(parseSecretsKey(key.toString('hex').toUpperCase())).toEqual(key)
    expect(parseSecretsKey(key.toString('base64'))).toEqual(key)
    expect(parseSecretsKey(key.toString('base64url'))).toEqual(key)
  })

  it.each([
    ['too short hex', randomBytes(16).toString('hex')],
    ['16 bytes of base64', randomBytes(16).toString('base64')],
    ['48 bytes of base64', randomBytes(48).toString('base64')],
    ['a passphrase', 'correct horse battery staple'],
  ])('refuses %s', (_case, raw) => {
    expect(parseSecretsKey(raw)).toBeNull()
  })
})
