// The gateway's side of Alipay's RSA signatures (PROTOCOL §1.4, §1.6, §3.2), on node:crypto alone.
import { createSign, createVerify, sign, type KeyObject } from 'node:crypto'
import { encodeText } from './charset.js'

export const SIGN_TYPES = { RSA2: 'RSA-SHA256', RSA: 'RSA-SHA1' } as const
export type SignType = keyof typeof SIGN_TYPES

export function isSignType (value: string): value is SignType {
  return Object.hasOwn(SIGN_TYPES, value)
}

const byAscii = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** A request's string to sign: without `sign`, without empty values, `sign_type` kept, ASCII order, raw values. */
export function requestSignContent (params: Readonly<Record<string, string>>): string {
  return Object.keys(params)
    .filter(key => key !== 'sign' && params[key] !== '')
    .sort(byAscii)
    .map(key => `${key}=${params[key]}`)
    .join('&')
}

/** A notification's string to sign: without `sign` and `sign_type`, empty values kept, ASCII order. */
export function notifySignContent (fields: Readonly<Record<string, string>>): string {
  return Object.keys(fields)
    .filter(key => key !== 'sign' && key !== 'sign_type')
    .sort(byAscii)
    .map(key => `${key}=${fields[key]}`)
    .join('&')
}

export function signText (text: string, signType: SignType, key: KeyObject, encoding = 'utf-8'): string {
  return createSign(SIGN_TYPES[signType]).update(encodeText(text, encoding)).sign(key, 'base64')
}

/**
 * signText off the main thread: one-shot crypto.sign with a callback runs in libuv's thread pool, so a
 * gateway answer's RSA signature (the emulator's largest cost) does not hold up the server sharing its process.
 * The same PKCS#1 v1.5 signature, byte for byte.
 */
export function signTextAsync (text: string, signType: SignType, key: KeyObject, encoding = 'utf-8'): Promise<string> {
  return new Promise((resolve, reject) => {
    sign(SIGN_TYPES[signType], encodeText(text, encoding), key, (error, signature) => {
      if (error) reject(error)
      else resolve(signature.toString('base64'))
    })
  })
}

export function verifyText (text: string, signature: string, signType: SignType, key: KeyObject, encoding = 'utf-8'): boolean {
  try {
    return createVerify(SIGN_TYPES[signType]).update(encodeText(text, encoding)).verify(key, signature, 'base64')
  } catch {
    // A key of the wrong kind or a malformed signature is a failed verification, not a crash.
    return false
  }
}
