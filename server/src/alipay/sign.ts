// The Open Platform v2 string-to-sign and RSA2/RSA signatures over it (docs/alipay.md, "Signing").
import { createSign, createVerify, sign, type KeyObject } from 'node:crypto'
import { DEFAULT_CHARSET, encodeText } from './charset.js'

export const SIGN_TYPES = ['RSA2', 'RSA'] as const
export type SignType = typeof SIGN_TYPES[number]

/** RSA2 is SHA256withRSA, RSA the legacy SHA1withRSA; both PKCS#1 v1.5. */
export const SIGN_ALGORITHMS: Readonly<Record<SignType, string>> = { RSA2: 'RSA-SHA256', RSA: 'RSA-SHA1' }

export type SignParams = Readonly<Record<string, string | null | undefined>>

export function isSignType (value: unknown): value is SignType {
  return value === 'RSA2' || value === 'RSA'
}

/**
 * Request string-to-sign: every param except `sign` (so `sign_type` stays, on the Open Platform; the Global MAPI
 * leaves it out too, through `unsigned`), empty values dropped, keys in ASCII order, raw values joined as `k=v` with `&`.
 */
export function buildSignContent (params: SignParams, unsigned: readonly string[] = ['sign']): string {
  return Object.keys(params)
    .filter(key => !unsigned.includes(key))
    .filter(key => {
      const value = params[key]
      return value !== undefined && value !== null && value !== ''
    })
    .sort(compareAscii)
    .map(key => `${key}=${params[key] as string}`)
    .join('&')
}

/** Code-unit order equals byte order for the ASCII keys Alipay uses (and matches Java's String sort). */
export function compareAscii (a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Base64 signature (standard alphabet, padded, no line breaks) of the content's bytes in `charset`. */
export function signContent (content: string, privateKey: KeyObject, signType: SignType, charset = DEFAULT_CHARSET): string {
  return createSign(SIGN_ALGORITHMS[signType]).update(encodeText(content, charset)).sign(privateKey, 'base64')
}

/**
 * signContent off the main thread: one-shot crypto.sign with a callback runs in libuv's thread pool, so the RSA
 * signature of a request does not hold up the event loop. The same PKCS#1 v1.5 signature, byte for byte.
 */
export function signContentAsync (content: string, privateKey: KeyObject, signType: SignType, charset = DEFAULT_CHARSET): Promise<string> {
  return new Promise((resolve, reject) => {
    sign(SIGN_ALGORITHMS[signType], encodeText(content, charset), privateKey, (error, signature) => {
      if (error) reject(error)
      else resolve(signature.toString('base64'))
    })
  })
}

/** Whether `signature` (base64) is Alipay's signature of the content; never throws on garbage input. */
export function verifyContent (
  content: string,
  signature: string,
  publicKey: KeyObject,
  signType: SignType,
  charset = DEFAULT_CHARSET,
): boolean {
  if (signature === '' || !/^[A-Za-z0-9+/\s]+={0,2}\s*$/.test(signature)) return false
  try {
    return createVerify(SIGN_ALGORITHMS[signType])
      .update(encodeText(content, charset))
      .verify(publicKey, signature.replace(/\s+/g, ''), 'base64')
  } catch {
    return false
  }
}
