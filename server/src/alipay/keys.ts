// Loads Alipay keys as given by the console, key tool or openssl: PEM or bare base64, PKCS#1 or PKCS#8.
import { createPrivateKey, createPublicKey, KeyObject } from 'node:crypto'
import { AlipayKeyError } from './errors.js'

/** A key as configured: PEM text, bare base64 DER, or an already parsed KeyObject. */
export type KeyInput = string | KeyObject

export { AlipayKeyError }

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/

/** The merchant's ("app") private key that signs requests. */
export function parsePrivateKey (input: KeyInput, label = 'app private key'): KeyObject {
  if (input instanceof KeyObject) {
    if (input.type !== 'private') throw new AlipayKeyError(`${label}: expected a private key, got a ${input.type} key`)
    return requireRsa(input, label)
  }
  const text = normaliseText(input, label)
  const pem = PEM_BLOCK.exec(text)
  if (pem) {
    const kind = pem[1]
    if (kind === 'ENCRYPTED PRIVATE KEY') throw new AlipayKeyError(`${label}: the PEM key is encrypted; give it unencrypted`)
    if (kind === 'PUBLIC KEY' || kind === 'RSA PUBLIC KEY' || kind === 'CERTIFICATE') {
      throw new AlipayKeyError(`${label}: got a ${kind.toLowerCase()}, but a private key is needed`)
    }
    if (kind !== 'PRIVATE KEY' && kind !== 'RSA PRIVATE KEY') {
      throw new AlipayKeyError(`${label}: unsupported PEM block "${kind}" (expected PRIVATE KEY or RSA PRIVATE KEY)`)
    }
    try {
      return requireRsa(createPrivateKey({ key: pem[0], format: 'pem' }), label)
    } catch (error) {
      throw rethrow(error, `${label}: the PEM ${kind} block could not be decoded`)
    }
  }
  const der = decodeBareBase64(text, label)
  // Alipay's key tool gives PKCS#8, PHP/Python recipes give PKCS#1; the DER itself tells which.
  for (const type of ['pkcs8', 'pkcs1'] as const) {
    const key = tryDer(() => createPrivateKey({ key: der, format: 'der', type }))
    if (key) return requireRsa(key, label)
  }
  if (tryDer(() => createPublicKey({ key: der, format: 'der', type: 'spki' }))) {
    throw new AlipayKeyError(`${label}: this is a public key, but a private key is needed`)
  }
  throw new AlipayKeyError(`${label}: the base64 text is neither a PKCS#8 nor a PKCS#1 RSA private key`)
}

/** Alipay's public key (per app, different in sandbox and production) that verifies answers and notifications. */
export function parsePublicKey (input: KeyInput, label = 'Alipay public key'): KeyObject {
  if (input instanceof KeyObject) {
    if (input.type !== 'public') throw new AlipayKeyError(`${label}: expected a public key, got a ${input.type} key`)
    return requireRsa(input, label)
  }
  const text = normaliseText(input, label)
  const pem = PEM_BLOCK.exec(text)
  if (pem) {
    const kind = pem[1]
    if (kind === 'PRIVATE KEY' || kind === 'RSA PRIVATE KEY' || kind === 'ENCRYPTED PRIVATE KEY') {
      throw new AlipayKeyError(`${label}: got a private key, but Alipay's public key is needed`)
    }
    if (kind === 'CERTIFICATE') {
      throw new AlipayKeyError(`${label}: got a certificate; certificate mode is not supported, give Alipay's public key`)
    }
    if (kind !== 'PUBLIC KEY' && kind !== 'RSA PUBLIC KEY') {
      throw new AlipayKeyError(`${label}: unsupported PEM block "${kind}" (expected PUBLIC KEY)`)
    }
    try {
      return requireRsa(createPublicKey({ key: pem[0], format: 'pem', type: kind === 'PUBLIC KEY' ? 'spki' : 'pkcs1' }), label)
    } catch (error) {
      throw rethrow(error, `${label}: the PEM ${kind} block could not be decoded`)
    }
  }
  const der = decodeBareBase64(text, label)
  // First, because createPublicKey would quietly derive a public key from private DER.
  for (const type of ['pkcs8', 'pkcs1'] as const) {
    if (tryDer(() => createPrivateKey({ key: der, format: 'der', type }))) {
      throw new AlipayKeyError(`${label}: this is a private key, but Alipay's public key is needed`)
    }
  }
  for (const type of ['spki', 'pkcs1'] as const) {
    const key = tryDer(() => createPublicKey({ key: der, format: 'der', type }))
    if (key?.type === 'public') return requireRsa(key, label)
  }
  throw new AlipayKeyError(`${label}: the base64 text is not an X.509 SubjectPublicKeyInfo RSA public key`)
}

function normaliseText (input: string, label: string): string {
  if (typeof input !== 'string') throw new AlipayKeyError(`${label}: expected a string or KeyObject`)
  // Keys pasted into .env files often carry literal "\n" sequences instead of line breaks.
  const text = input.replace(/\\r\\n|\\n/g, '\n').trim()
  if (text === '') throw new AlipayKeyError(`${label}: empty`)
  return text
}

function decodeBareBase64 (text: string, label: string): Buffer {
  if (text.includes('-----')) throw new AlipayKeyError(`${label}: malformed PEM (header and footer do not match)`)
  const compact = text.replace(/\s+/g, '')
  if (!BASE64.test(compact) || compact.length % 4 === 1) {
    throw new AlipayKeyError(`${label}: not PEM and not valid base64`)
  }
  return Buffer.from(compact, 'base64')
}

function tryDer (parse: () => KeyObject): KeyObject | undefined {
  try {
    return parse()
  } catch {
    return undefined
  }
}

function requireRsa (key: KeyObject, label: string): KeyObject {
  if (key.asymmetricKeyType !== 'rsa') {
    throw new AlipayKeyError(`${label}: expected an RSA key, got ${key.asymmetricKeyType ?? 'an unknown key type'}`)
  }
  return key
}

function rethrow (error: unknown, message: string): AlipayKeyError {
  if (error instanceof AlipayKeyError) return error
  return new AlipayKeyError(message)
}
