// MAPI signatures (PROTOCOL §4.1): one pre-string for MD5 (with the partner's key appended) and RSA/RSA2.
import { createHash, timingSafeEqual, type KeyObject } from 'node:crypto'
import { encodeText } from '../charset.js'
import { isSignType, signText, signTextAsync, verifyText } from '../signing.js'

export type MapiSignType = 'MD5' | 'RSA' | 'RSA2'

export function isMapiSignType (value: string): value is MapiSignType {
  return value === 'MD5' || isSignType(value)
}

const byAscii = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** Without `sign`, `sign_type` and empty values, keys in ASCII order, `k=v` joined by `&`, raw values. */
export function mapiSignContent (params: Readonly<Record<string, string | undefined>>): string {
  return Object.keys(params)
    .filter(key => key !== 'sign' && key !== 'sign_type' && params[key] !== undefined && params[key] !== '')
    .sort(byAscii)
    .map(key => `${key}=${params[key] ?? ''}`)
    .join('&')
}

/** md5(pre-string + key), lowercase hex, over the bytes in the request's charset. */
export function md5Sign (content: string, md5Key: string, encoding = 'utf-8'): string {
  return createHash('md5').update(encodeText(content + md5Key, encoding)).digest('hex')
}

export interface MapiKeys {
  /** The partner's MD5 key; MD5 is refused without one. */
  md5Key: string | undefined
  /** Verifies RSA/RSA2 requests. */
  merchantKey: KeyObject
  /** Signs RSA/RSA2 answers and notifications. */
  alipayKey: KeyObject
}

export function verifyMapi (content: string, sign: string, signType: MapiSignType, keys: MapiKeys, encoding: string): boolean {
  if (signType !== 'MD5') return verifyText(content, sign, signType, keys.merchantKey, encoding)
  if (keys.md5Key === undefined) return false
  const expected = Buffer.from(md5Sign(content, keys.md5Key, encoding))
  const given = Buffer.from(sign.toLowerCase())
  return given.length === expected.length && timingSafeEqual(given, expected)
}

/** Alipay's side: MD5 with the partner's key, RSA/RSA2 with Alipay's private key. */
export function signMapi (content: string, signType: MapiSignType, keys: Pick<MapiKeys, 'md5Key' | 'alipayKey'>, encoding: string): string {
  if (signType !== 'MD5') return signText(content, signType, keys.alipayKey, encoding)
  if (keys.md5Key === undefined) throw new Error('sandbox: an MD5 signature without an MD5 key')
  return md5Sign(content, keys.md5Key, encoding)
}

/** signMapi with RSA in the thread pool, for answers (as the v2 gateway does). */
export async function signMapiAsync (content: string, signType: MapiSignType, keys: Pick<MapiKeys, 'md5Key' | 'alipayKey'>, encoding: string): Promise<string> {
  if (signType !== 'MD5') return signTextAsync(content, signType, keys.alipayKey, encoding)
  return signMapi(content, signType, keys, encoding)
}
