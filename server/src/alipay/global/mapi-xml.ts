// Reads a Global MAPI XML answer into its parts, and checks Alipay's signature over `<response><alipay>` (PROTOCOL §4.1, §9).
import { type EntityDecoderOptions, XMLParser, XMLValidator } from 'fast-xml-parser'
import { DEFAULT_CHARSET } from '../charset.js'
import { type SignatureState } from '../response.js'
import { buildMapiPreString, type MapiKeys, verifyMapi } from './mapi-sign.js'

export type MapiFields = Readonly<Record<string, string>>

/** `<alipay><is_success/><error/><request/><response><alipay/></response><sign/><sign_type/></alipay>`. */
export interface MapiAnswer {
  /** `is_success` is `T`: the gateway accepted the request (the business result is `result_code`). */
  isSuccess: boolean
  /** The gateway's refusal (`ILLEGAL_SIGN`…) when `is_success` is `F`. */
  error?: string
  /** The echoed request params (`<param name="…">`); never signed, for logs only. */
  request: MapiFields
  /** The fields inside `<response><alipay>`, entity-decoded: what the signature covers. */
  response?: MapiFields
  sign?: string
  signType?: string
}

export type ParsedMapiAnswer = { ok: true, answer: MapiAnswer } | { ok: false, detail: string }

class MalformedXml extends Error {}

const XML_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }
const ENTITY = /&(?:#x([0-9a-fA-F]{1,6})|#([0-9]{1,7})|(amp|lt|gt|quot|apos));/g

/**
 * The five XML entities and character references, decoded once. fast-xml-parser leaves character
 * references alone unless HTML entities are switched on too, which would also decode `&nbsp;` and the like.
 */
const xmlEntityDecoder: EntityDecoderOptions = {
  setExternalEntities: () => undefined,
  // DOCTYPE entities never reach here: a DOCTYPE is refused before parsing.
  addInputEntities: () => undefined,
  reset: () => undefined,
  setXmlVersion: () => undefined,
  decode: text => text.replace(ENTITY, (whole, hex: string | undefined, decimal: string | undefined, name: string | undefined) => {
    if (name !== undefined) return XML_ENTITIES[name] ?? whole
    const code = parseInt(hex ?? decimal ?? '', hex !== undefined ? 16 : 10)
    if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) || code === 0) throw new MalformedXml(`bad character reference ${whole}`)
    return String.fromCodePoint(code)
  }),
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // Values stay text: `trade_no` is 28 digits and `00123` must keep its zeros for the signature.
  parseTagValue: false,
  parseAttributeValue: false,
  // The signature covers values as they are; whitespace between elements is dropped below instead.
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  entityDecoder: xmlEntityDecoder,
  isArray: (_name, path) => path === 'alipay.request.param',
})

/** Parses the answer text; anything that is not the MAPI answer shape is refused with a reason. */
export function parseMapiAnswer (raw: string): ParsedMapiAnswer {
  const text = raw.startsWith('\uFEFF') ? raw.slice(1) : raw
  // Alipay never sends one, and entity definitions are the classic XML bomb.
  if (/<!DOCTYPE/i.test(text)) return { ok: false, detail: 'the answer has a DOCTYPE' }
  const valid = XMLValidator.validate(text)
  if (valid !== true) return { ok: false, detail: `the answer is not XML: ${valid.err.msg} (line ${valid.err.line})` }
  try {
    const document: unknown = parser.parse(text)
    return { ok: true, answer: readAnswer(document) }
  } catch (error) {
    if (error instanceof MalformedXml || error instanceof RangeError) return { ok: false, detail: error.message }
    throw error
  }
}

/**
 * `missing`: no `sign`; `invalid`: a sign that does not verify with our keys (or of another sign type);
 * `valid`: Alipay signed exactly these `<response><alipay>` fields.
 */
export function answerSignature (answer: MapiAnswer, keys: MapiKeys, charset = DEFAULT_CHARSET): SignatureState {
  if (answer.sign === undefined) return 'missing'
  if (answer.signType !== undefined && answer.signType !== keys.signType) return 'invalid'
  if (answer.response === undefined) return 'invalid'
  return verifyMapi(buildMapiPreString(answer.response), answer.sign, keys, charset) ? 'valid' : 'invalid'
}

function readAnswer (document: unknown): MapiAnswer {
  const root = element(document, 'document')
  const names = Object.keys(root).filter(name => name !== '#text')
  if (names.length !== 1 || names[0] !== 'alipay') throw new MalformedXml('the root element is not <alipay>')
  const alipay = element(root.alipay, '<alipay>')
  const isSuccess = leaf(alipay.is_success, 'is_success')
  if (isSuccess !== 'T' && isSuccess !== 'F') throw new MalformedXml(`is_success is ${JSON.stringify(isSuccess ?? null)}`)
  const response = alipay.response === undefined ? undefined : leaves(element(element(alipay.response, '<response>').alipay, '<response><alipay>'), '<response><alipay>')
  return {
    isSuccess: isSuccess === 'T',
    error: nonEmpty(leaf(alipay.error, 'error')),
    request: requestParams(alipay.request),
    response,
    sign: nonEmpty(leaf(alipay.sign, 'sign')),
    signType: nonEmpty(leaf(alipay.sign_type, 'sign_type')),
  }
}

/** An element with children: an object whose only text is the whitespace between them. */
function element (value: unknown, what: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new MalformedXml(`${what} is missing or not a single element`)
  const record = value as Record<string, unknown>
  const text = record['#text']
  if (text !== undefined && (typeof text !== 'string' || text.trim() !== '')) throw new MalformedXml(`${what} mixes text and elements`)
  return record
}

/** A text-only element (undefined when absent); an element that appears twice or has children is refused. */
function leaf (value: unknown, what: string): string | undefined {
  if (value === undefined) return undefined
  if (typeof value === 'string') return value
  throw new MalformedXml(`${what} is not a single text element`)
}

function leaves (record: Record<string, unknown>, what: string): MapiFields {
  const fields: Record<string, string> = Object.create(null) as Record<string, string>
  for (const [name, value] of Object.entries(record)) {
    if (name === '#text') continue
    if (name.startsWith('@_')) throw new MalformedXml(`${what} has attributes`)
    fields[name] = leaf(value, `${what} ${name}`) as string
  }
  return fields
}

function requestParams (value: unknown): MapiFields {
  const params: Record<string, string> = Object.create(null) as Record<string, string>
  if (value === undefined || value === '') return params
  const request = element(value, '<request>')
  const list = request.param ?? []
  for (const param of list as unknown[]) {
    // An echo we only log: a param without a name is skipped rather than failing the whole answer.
    if (param === null || typeof param !== 'object') continue
    const { '@_name': name, '#text': text } = param as Record<string, unknown>
    if (typeof name === 'string') params[name] = typeof text === 'string' ? text : ''
  }
  return params
}

function nonEmpty (value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value
}
