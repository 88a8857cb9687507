// The Global MAPI pre-string and its MD5, RSA and RSA2 signatures (PROTOCOL §4.1, §9).
import { createHash, type KeyObject, timingSafeEqual } from 'node:crypto'
import { DEFAULT_CHARSET, encodeText } from '../charset.js'
import { buildSignContent, signContent, signContentAsync, verifyContent } from '../sign.js'

export const MAPI_SIGN_TYPES = ['MD5', 'RSA', 'RSA2'] as const
export type MapiSignType = typeof MAPI_SIGN_TYPES[number]

export function isMapiSignType (value: unknown): value is MapiSignType {
  return typeof value === 'string' && (MAPI_SIGN_TYPES as readonly string[]).includes(value)
}

/**
 * What signs our requests and checks Alipay's answers and notifications. MD5 is one shared secret for
 * both directions; RSA/RSA2 sign with the merchant's private key and verify with Alipay's public key.
 */
export type MapiKeys =
  | { signType: 'MD5', md5Key: string }
  | { signType: 'RSA' | 'RSA2', privateKey?: KeyObject, alipayPublicKey?: KeyObject }

export type MapiParams = Readonly<Record<string, string | null | undefined>>

/**
 * `sign` and `sign_type` and empty values dropped, keys in ASCII order, raw values (no URL-encoding)
 * joined as `k=v` with `&`. Unlike the Open Platform, `sign_type` is not signed.
 */
export function buildMapiPreString (params: MapiParams): string {
  return buildSignContent(params, ['sign', 'sign_type'])
}

/** md5(preString + key), the key appended with no separator; 32 lower-case hex digits. */
export function md5Sign (preString: string, md5Key: string, charset = DEFAULT_CHARSET): string {
  return createHash('md5').update(encodeText(preString + md5Key, charset)).digest('hex')
}

/** Signs a pre-string with the configured keys; RSA/RSA2 are the same signatures as the Open Platform's. */
export function signMapi (preString: string, keys: MapiKeys, charset = DEFAULT_CHARSET): string {
  if (keys.signType === 'MD5') return md5Sign(preString, keys.md5Key, charset)
  return signContent(preString, requirePrivateKey(keys), keys.signType, charset)
}

/** signMapi with the RSA work in the thread pool (MD5 is cheap enough to stay inline). */
export async function signMapiAsync (preString: string, keys: MapiKeys, charset = DEFAULT_CHARSET): Promise<string> {
  if (keys.signType === 'MD5') return md5Sign(preString, keys.md5Key, charset)
  return await signContentAsync(preString, requirePrivateKey(keys), keys.signType, charset)
}

/** Whether `sign` is Alipay's signature of the pre-string; never throws on garbage input. */
export function verifyMapi (preString: string, sign: string, keys: MapiKeys, charset = DEFAULT_CHARSET): boolean {
  if (keys.signType === 'MD5') {
    if (!/^[0-9a-fA-F]{32}$/.test(sign)) return false
    // Constant time: the MD5 key is a shared secret and the answer is attacker-controlled.
    const expected = Buffer.from(md5Sign(preString, keys.md5Key, charset), 'hex')
    return timingSafeEqual(expected, Buffer.from(sign, 'hex'))
  }
  if (!keys.alipayPublicKey) return false
  return verifyContent(preString, sign, keys.alipayPublicKey, keys.signType, charset)
}

function requirePrivateKey (keys: Extract<MapiKeys, { signType: 'RSA' | 'RSA2' }>): KeyObject {
  if (!keys.privateKey) throw new TypeError(`signing with ${keys.signType} needs the merchant private key`)
  return keys.privateKey
}
