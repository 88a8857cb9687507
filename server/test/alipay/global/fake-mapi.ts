// A tiny MAPI gateway.do on loopback for the client tests, and Alipay's side of signing, written apart from server/src/alipay/global.
import { createHash, createPrivateKey, createPublicKey, createSign, createVerify, type KeyObject } from 'node:crypto'
import { startFormServer } from '../fake-form-server.js'
import { ALIPAY_PRIVATE_PEM, ALIPAY_PUBLIC_PEM, MD5_KEY, MERCHANT_PRIVATE_PEM, MERCHANT_PUBLIC_PEM } from './keys.js'

export type TestSignType = 'MD5' | 'RSA' | 'RSA2'

export const merchantPrivateKey: KeyObject = createPrivateKey(MERCHANT_PRIVATE_PEM)
export const merchantPublicKey: KeyObject = createPublicKey(MERCHANT_PUBLIC_PEM)
export const alipayPrivateKey: KeyObject = createPrivateKey(ALIPAY_PRIVATE_PEM)
export const alipayPublicKey: KeyObject = createPublicKey(ALIPAY_PUBLIC_PEM)

const HASH = { RSA: 'sha1', RSA2: 'sha256' } as const

/** The pre-string as the gateway rebuilds it: no sign, no sign_type, no empty values, sorted, raw. */
export function preString (params: Record<string, string>): string {
  return Object.keys(params).filter(k => k !== 'sign' && k !== 'sign_type' && params[k] !== '').sort().map(k => `${k}=${params[k]}`).join('&')
}

/** Alipay's signature (MD5 with the shared key, RSA with Alipay's private key). */
export function alipaySign (content: string, signType: TestSignType, md5Key = MD5_KEY, key: KeyObject = alipayPrivateKey): string {
  if (signType === 'MD5') return createHash('md5').update(Buffer.from(content + md5Key, 'utf8')).digest('hex')
  return createSign(HASH[signType]).update(Buffer.from(content, 'utf8')).sign(key, 'base64')
}

/** Whether the merchant signed the content (MD5 with the shared key, RSA with the merchant's private key). */
export function merchantSignatureValid (content: string, sign: string, signType: TestSignType): boolean {
  if (signType === 'MD5') return createHash('md5').update(Buffer.from(content + MD5_KEY, 'utf8')).digest('hex') === sign
  return createVerify(HASH[signType]).update(Buffer.from(content, 'utf8')).verify(merchantPublicKey, sign, 'base64')
}

const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

export interface AnswerOptions {
  signType?: TestSignType
  /** Sign other fields than those sent (a tampered answer). */
  signedOver?: Record<string, string>
  /** Leave the sign out. */
  unsigned?: boolean
  sign?: string
  request?: Record<string, string>
}

/** An `is_success=T` answer whose `<response><alipay>` holds the fields, signed as Alipay does. */
export function mapiAnswer (response: Record<string, string>, options: AnswerOptions = {}): string {
  const signType = options.signType ?? 'MD5'
  const sign = options.sign ?? alipaySign(preString(options.signedOver ?? response), signType)
  const request = Object.entries(options.request ?? { service: 'alipay.acquire.precreate', _input_charset: 'UTF-8' })
    .map(([name, value]) => `<param name="${name}">${escapeXml(value)}</param>`).join('')
  const fields = Object.entries(response).map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`).join('')
  const signPart = options.unsigned ? '' : `<sign>${sign}</sign><sign_type>${signType}</sign_type>`
  return `<?xml version="1.0" encoding="UTF-8"?>\n<alipay>\n  <is_success>T</is_success>\n  <request>${request}</request>\n` +
    `  <response><alipay>${fields}</alipay></response>\n  ${signPart}\n</alipay>`
}

/** The gateway refusing the request as such. */
export function mapiError (error: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><alipay><is_success>F</is_success><error>${error}</error></alipay>`
}

export interface ReceivedCall {
  method: string
  query: Record<string, string>
  form: Record<string, string>
  contentType: string | undefined
  preString: string
  signatureValid: boolean
}

export type FakeReply = { status?: number, body: string, contentType?: string } | 'hang'

export interface FakeMapi {
  url: string
  calls: ReceivedCall[]
  close: () => Promise<void>
}

/** Answers per test; a request whose signature does not verify gets ILLEGAL_SIGN, as the real gateway does. */
export async function startFakeMapi (reply: (call: ReceivedCall) => FakeReply, signType: TestSignType = 'MD5'): Promise<FakeMapi> {
  const calls: ReceivedCall[] = []
  const server = await startFormServer(({ method, query, form, contentType }, res) => {
    const content = preString(form)
    const call: ReceivedCall = {
      method,
      query,
      form,
      contentType,
      preString: content,
      signatureValid: method === 'POST' && form.sign_type === signType && typeof form.sign === 'string' && merchantSignatureValid(content, form.sign, signType),
    }
    calls.push(call)
    const answer: FakeReply = method === 'POST' && !call.signatureValid ? { body: mapiError('ILLEGAL_SIGN') } : reply(call)
    if (answer === 'hang') return
    res.writeHead(answer.status ?? 200, { 'content-type': answer.contentType ?? 'text/xml;charset=UTF-8' })
    res.end(answer.body)
  })
  return { url: server.url, calls, close: server.close }
}
