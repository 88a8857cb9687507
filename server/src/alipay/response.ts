// Reads a v2 gateway answer: the raw `<method>_response` / `error_response` text and its signature (docs/alipay.md, "Reading answers").
import { type KeyObject } from 'node:crypto'
import { charsetFromContentType, decodeBytes, DEFAULT_CHARSET, isSupportedCharset, isUtf8 } from './charset.js'
import { type SignType, verifyContent } from './sign.js'

/** `valid`: Alipay signed exactly this node; `missing`: no `sign`; `invalid`: a `sign` that does not verify. */
export type SignatureState = 'valid' | 'invalid' | 'missing'

export interface GatewayAnswer {
  /** Which node carried the answer. */
  node: 'method' | 'error'
  /** The node's name, e.g. `alipay_trade_query_response`. */
  nodeName: string
  /** The node parsed. */
  body: Readonly<Record<string, unknown>>
  /** The exact raw text the signature covers. */
  signedText: string
  signature: SignatureState
}

export type ParsedAnswer = { ok: true, answer: GatewayAnswer } | { ok: false, detail: string }

/** `alipay.trade.precreate` → `alipay_trade_precreate_response`. */
export function responseNodeName (method: string): string {
  return `${method.replaceAll('.', '_')}_response`
}

/** Decodes a response body by the charset its Content-Type declares (utf-8 when it declares none). */
export function decodeResponseBody (bytes: Uint8Array, contentType: string | undefined): { text: string, charset: string } {
  const charset = charsetFromContentType(contentType) ?? DEFAULT_CHARSET
  if (!isSupportedCharset(charset)) throw new RangeError(`unsupported response charset ${charset}`)
  return { text: decodeBytes(bytes, charset), charset }
}

/**
 * Finds the answer node in the raw text and checks Alipay's signature over its exact bytes in the
 * charset the body came in (the SDKs verify the bytes as received).
 */
export function parseGatewayAnswer (
  raw: string,
  method: string,
  alipayPublicKey: KeyObject,
  signType: SignType,
  charset = DEFAULT_CHARSET,
): ParsedAnswer {
  const text = raw.startsWith('\uFEFF') ? raw.slice(1) : raw
  let members: Map<string, string>
  try {
    members = topLevelMembers(text)
  } catch (error) {
    return { ok: false, detail: `response is not a JSON object: ${(error as Error).message}` }
  }
  const nodeName = responseNodeName(method)
  const methodText = members.get(nodeName)
  const errorText = members.get('error_response')
  const signedText = methodText ?? errorText
  if (signedText === undefined) return { ok: false, detail: `response has neither ${nodeName} nor error_response` }
  const body: unknown = JSON.parse(signedText)
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return { ok: false, detail: 'the response node is not an object' }
  }
  const signText = members.get('sign')
  let signature: SignatureState = 'missing'
  if (signText !== undefined) {
    const sign: unknown = JSON.parse(signText)
    if (typeof sign !== 'string') {
      signature = 'invalid'
    } else if (sign !== '') {
      signature = verifyNode(signedText, sign, alipayPublicKey, signType, charset) ? 'valid' : 'invalid'
    }
  }
  return {
    ok: true,
    answer: {
      node: methodText !== undefined ? 'method' : 'error',
      nodeName: methodText !== undefined ? nodeName : 'error_response',
      body: body as Record<string, unknown>,
      signedText,
      signature,
    },
  }
}

/**
 * Alipay may sign the text before or after escaping `/` as `\/`, so both forms are tried (the PHP
 * SDK does the same); a body in another charset is tried in UTF-8 too.
 */
function verifyNode (signedText: string, sign: string, key: KeyObject, signType: SignType, charset: string): boolean {
  const texts = signedText.includes('\\/') ? [signedText, signedText.replaceAll('\\/', '/')] : [signedText]
  const charsets = isUtf8(charset) ? [charset] : [charset, DEFAULT_CHARSET]
  return texts.some(text => charsets.some(cs => verifyContent(text, sign, key, signType, cs)))
}

/**
 * Raw text of each member of the top-level JSON object, byte for byte: re-serialising parsed JSON
 * would change escapes and key order and break the signature.
 */
export function topLevelMembers (text: string): Map<string, string> {
  // JSON.parse first, so the scanner below may assume well-formed input.
  const parsed: unknown = JSON.parse(text)
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new SyntaxError('not an object')
  const members = new Map<string, string>()
  let i = skipWhitespace(text, 0) + 1
  for (;;) {
    i = skipWhitespace(text, i)
    if (text[i] === '}') break
    const keyEnd = skipString(text, i)
    const key = JSON.parse(text.slice(i, keyEnd)) as string
    i = skipWhitespace(text, keyEnd) + 1
    const valueStart = skipWhitespace(text, i)
    const valueEnd = skipValue(text, valueStart)
    if (members.has(key)) throw new SyntaxError(`duplicate member ${JSON.stringify(key)}`)
    members.set(key, text.slice(valueStart, valueEnd))
    i = skipWhitespace(text, valueEnd)
    if (text[i] === ',') i++
  }
  return members
}

function skipWhitespace (text: string, from: number): number {
  let i = from
  while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++
  return i
}

/** `from` is at an opening quote; returns the index just past the closing one. */
function skipString (text: string, from: number): number {
  let i = from + 1
  while (i < text.length) {
    const c = text[i]
    if (c === '\\') i += 2
    else if (c === '"') return i + 1
    else i++
  }
  throw new SyntaxError('unterminated string')
}

function skipValue (text: string, from: number): number {
  const first = text[from]
  if (first === '"') return skipString(text, from)
  if (first === '{' || first === '[') {
    let depth = 0
    let i = from
    while (i < text.length) {
      const c = text[i]
      if (c === '"') {
        i = skipString(text, i)
        continue
      }
      if (c === '{' || c === '[') depth++
      else if (c === '}' || c === ']') {
        depth--
        if (depth === 0) return i + 1
      }
      i++
    }
    throw new SyntaxError('unterminated value')
  }
  let i = from
  while (i < text.length && !',}] \t\n\r'.includes(text[i] as string)) i++
  return i
}
