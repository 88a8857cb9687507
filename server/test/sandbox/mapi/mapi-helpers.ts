// Test-only MAPI merchant: its own MD5/RSA signer and a reader for the gateway's flat XML answers.
import { createHash, createSign, createVerify } from 'node:crypto'
import { beijing, KEYS, startSandbox, type TestSandbox } from '../helpers.js'
import type { SandboxOptions } from '../../../sandbox/options.js'

export const PARTNER_ID = '2088102177649999'
export const MD5_KEY = 'k3v9q0w8e7r6t5y4u3i2o1p0a9s8d7f6'

export type MapiTestSignType = 'MD5' | 'RSA' | 'RSA2'
const RSA = { RSA2: 'RSA-SHA256', RSA: 'RSA-SHA1' } as const

export async function startMapiSandbox (overrides: Partial<SandboxOptions> = {}): Promise<TestSandbox & { mapi: string }> {
  const sandbox = await startSandbox({ partnerId: PARTNER_ID, md5Key: MD5_KEY, ...overrides })
  return { ...sandbox, mapi: `${sandbox.base}/mapi/gateway.do` }
}

/** PROTOCOL §4.1: drop sign, sign_type and empty values, sort, `k=v&…`, raw values. */
export function preString (params: Record<string, string>): string {
  return Object.keys(params).filter(k => k !== 'sign' && k !== 'sign_type' && params[k] !== '').sort().map(k => `${k}=${params[k]}`).join('&')
}

export function signAs (content: string, signType: MapiTestSignType, privateKey = KEYS.merchant.privateKey, md5Key = MD5_KEY): string {
  if (signType === 'MD5') return createHash('md5').update(content + md5Key, 'utf8').digest('hex')
  return createSign(RSA[signType]).update(content, 'utf8').sign(privateKey, 'base64')
}

/** Alipay's side of a signature: MD5 with the shared key, RSA with Alipay's public key. */
export function alipaySigned (content: string, sign: string, signType: string): boolean {
  if (signType === 'MD5') return createHash('md5').update(content + MD5_KEY, 'utf8').digest('hex') === sign
  if (signType !== 'RSA' && signType !== 'RSA2') return false
  return createVerify(RSA[signType]).update(content, 'utf8').verify(KEYS.alipay.publicKey, sign, 'base64')
}

export interface MapiCallOptions {
  signType?: MapiTestSignType
  privateKey?: string
  md5Key?: string
  method?: 'GET' | 'POST'
  /** Replaces (or with undefined removes) common parameters before signing. */
  params?: Record<string, string | undefined>
  now?: number
  tamper?: (params: Record<string, string>) => void
  signal?: AbortSignal
}

export interface MapiAnswer {
  status: number
  contentType: string | null
  text: string
  isSuccess: string | undefined
  error: string | undefined
  response: Record<string, string>
  sign: string | undefined
  signType: string | undefined
}

const unescapeXml = (text: string): string =>
  text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&')

/** The answers are flat: each element holds text, and `<response><alipay>` holds only such elements. */
function elements (xml: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const match of xml.matchAll(/<([a-z_]+)>([^<]*)<\/\1>/g)) out[match[1] as string] = unescapeXml(match[2] as string)
  return out
}

export function readAnswer (status: number, contentType: string | null, text: string): MapiAnswer {
  const inner = /<response><alipay>(.*)<\/alipay><\/response>/s.exec(text)?.[1] ?? ''
  const outer = elements(text.replace(/<request>.*<\/request>/s, '').replace(/<response>.*<\/response>/s, ''))
  return { status, contentType, text, isSuccess: outer.is_success, error: outer.error, response: elements(inner), sign: outer.sign, signType: outer.sign_type }
}

/** True when the answer's sign covers its `<response><alipay>` fields (PROTOCOL §9). */
export function answerVerifies (answer: MapiAnswer): boolean {
  return answer.sign !== undefined && answer.signType !== undefined && alipaySigned(preString(answer.response), answer.sign, answer.signType)
}

export async function callMapi (sandbox: { mapi: string }, service: string, business: Record<string, string>, options: MapiCallOptions = {}): Promise<MapiAnswer> {
  const signType = options.signType ?? 'MD5'
  const params: Record<string, string> = {
    service,
    partner: PARTNER_ID,
    _input_charset: 'UTF-8',
    timestamp: beijing(options.now ?? Date.now()),
    ...business,
  }
  for (const [key, value] of Object.entries(options.params ?? {})) {
    if (value === undefined) Reflect.deleteProperty(params, key)
    else params[key] = value
  }
  params.sign = signAs(preString(params), signType, options.privateKey, options.md5Key)
  params.sign_type = signType
  options.tamper?.(params)
  const form = new URLSearchParams(params).toString()
  const charsetQuery = params._input_charset === undefined ? '' : `?_input_charset=${encodeURIComponent(params._input_charset)}`
  const response = options.method === 'GET'
    ? await fetch(`${sandbox.mapi}?${form}`, { signal: options.signal ?? null })
    : await fetch(`${sandbox.mapi}${charsetQuery}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' },
      body: form,
      signal: options.signal ?? null,
    })
  return readAnswer(response.status, response.headers.get('content-type'), await response.text())
}

export async function notifyVerify (sandbox: { mapi: string }, notifyId: string, partner = PARTNER_ID): Promise<string> {
  const response = await fetch(`${sandbox.mapi}?service=notify_verify&partner=${partner}&notify_id=${encodeURIComponent(notifyId)}`)
  return response.text()
}

/** A MAPI notification's sign over its fields, by the rule of its sign_type. */
export function mapiNotificationVerifies (fields: Record<string, string>): boolean {
  return alipaySigned(preString(fields), fields.sign ?? '', fields.sign_type ?? '')
}
