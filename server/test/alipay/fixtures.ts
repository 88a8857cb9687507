// Test-only keys (see fixtures/README.md) and a deliberately separate signer playing Alipay's side.
import { createPrivateKey, createPublicKey, createSign, createVerify, type KeyObject } from 'node:crypto'
import { readFileSync } from 'node:fs'
import iconv from 'iconv-lite'

const dir = new URL('./fixtures/', import.meta.url)
export const pem = (name: string): string => readFileSync(new URL(name, dir), 'utf8')

/** PEM → the bare base64 the Alipay console and key tool show. */
export const bare = (text: string): string => text.replace(/-----(BEGIN|END) [A-Z ]+-----/g, '').replace(/\s+/g, '')

export const APP_PRIVATE_PKCS8 = pem('app-private-pkcs8.pem')
export const APP_PRIVATE_PKCS1 = pem('app-private-pkcs1.pem')
export const APP_PUBLIC = pem('app-public.pem')
export const ALIPAY_PRIVATE = pem('alipay-private.pem')
export const ALIPAY_PUBLIC = pem('alipay-public.pem')
export const OTHER_PRIVATE = pem('other-private.pem')
export const OTHER_PUBLIC = pem('other-public.pem')

export const appPublicKey: KeyObject = createPublicKey(APP_PUBLIC)
export const alipayPrivateKey: KeyObject = createPrivateKey(ALIPAY_PRIVATE)
export const otherPrivateKey: KeyObject = createPrivateKey(OTHER_PRIVATE)

export type TestSignType = 'RSA2' | 'RSA'
const ALGORITHM = { RSA2: 'sha256', RSA: 'sha1' } as const

/** Alipay's side, written independently of server/src/alipay so a shared mistake cannot hide. */
export function gatewaySign (content: string, key: KeyObject = alipayPrivateKey, signType: TestSignType = 'RSA2', charset = 'utf-8'): string {
  const bytes = charset === 'utf-8' ? Buffer.from(content, 'utf8') : iconv.encode(content, charset)
  return createSign(ALGORITHM[signType]).update(bytes).sign(key).toString('base64')
}

export function gatewayVerify (content: string, signature: string, key: KeyObject = appPublicKey, signType: TestSignType = 'RSA2'): boolean {
  return createVerify(ALGORITHM[signType]).update(Buffer.from(content, 'utf8')).verify(key, Buffer.from(signature, 'base64'))
}

/** The request string-to-sign as the gateway rebuilds it: no sign, no empty values, sorted, raw. */
export function gatewaySignContent (params: Record<string, string>): string {
  const keys = Object.keys(params).filter(k => k !== 'sign' && params[k] !== '').sort()
  return keys.map(k => `${k}=${params[k]}`).join('&')
}

/** A signed `{"<node>":…,"sign":"…"}` answer; `signedOver` lets a test sign other text than it sends. */
export function signedAnswer (
  nodeName: string,
  nodeText: string,
  options: { key?: KeyObject, signType?: TestSignType, signedOver?: string, charset?: string } = {},
): string {
  const sign = gatewaySign(options.signedOver ?? nodeText, options.key, options.signType, options.charset)
  return `{"${nodeName}":${nodeText},"sign":"${sign}"}`
}

/** Form-encodes fields the way Java's URLEncoder does (space as `+`), in a given charset. */
export function formEncode (fields: Record<string, string>, charset = 'utf-8'): Buffer {
  const encode = (text: string): string => {
    const bytes = charset === 'utf-8' ? Buffer.from(text, 'utf8') : iconv.encode(text, charset)
    let out = ''
    for (const byte of bytes) {
      const c = String.fromCharCode(byte)
      if (/[A-Za-z0-9*._-]/.test(c)) out += c
      else if (byte === 0x20) out += '+'
      else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
    }
    return out
  }
  return Buffer.from(Object.entries(fields).map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&'), 'latin1')
}

/** Signs a notification as Alipay does (rsaCheckV1 content: no sign, no sign_type, empty values kept). */
export function signNotification (
  fields: Record<string, string>,
  options: { key?: KeyObject, keepSignType?: boolean, charset?: string } = {},
): Record<string, string> {
  const signType = (fields.sign_type ?? 'RSA2') as TestSignType
  const content = Object.keys(fields)
    .filter(k => k !== 'sign' && (options.keepSignType === true || k !== 'sign_type'))
    .sort()
    .map(k => `${k}=${fields[k]}`)
    .join('&')
  return { ...fields, sign: gatewaySign(content, options.key, signType, options.charset) }
}
