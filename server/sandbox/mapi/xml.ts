// The MAPI's XML answers (PROTOCOL §4.1, §9): request echoed, `<response><alipay>` fields, their signature.
import { encodeText } from '../charset.js'
import type { MapiSignType } from './signing.js'

/** The fields inside `<response><alipay>`; undefined ones are left out (and so not signed). */
export type ResponseFields = Record<string, string | undefined>

const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' }

export function escapeXml (text: string): string {
  return text.replace(/[&<>"']/g, char => XML_ENTITIES[char] ?? char)
}

const element = (name: string, value: string): string => `<${name}>${escapeXml(value)}</${name}>`

/** The defined response fields, in ASCII order (the order they are written and signed in). */
export function definedFields (fields: ResponseFields): Array<[string, string]> {
  return Object.entries(fields)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
}

export interface XmlBody {
  bytes: Buffer
  contentType: string
}

function xmlBody (inner: string, charset: string, encoding: string): XmlBody {
  const text = `<?xml version="1.0" encoding="${escapeXml(charset)}"?>\n<alipay>${inner}</alipay>`
  return { bytes: encodeText(text, encoding), contentType: `text/xml; charset=${charset}` }
}

/** A refused call: `is_success=F` and the gateway's error code, unsigned. */
export function errorXml (error: string, charset = 'UTF-8', encoding = 'utf-8'): XmlBody {
  return xmlBody(`${element('is_success', 'F')}${element('error', error)}`, charset, encoding)
}

export interface SuccessXml {
  /** The request's parameters, echoed without sign and sign_type. */
  request: Readonly<Record<string, string>>
  response: ResponseFields
  sign: string
  signType: MapiSignType
  charset: string
  encoding: string
}

export function successXml (answer: SuccessXml): XmlBody {
  const echoed = Object.entries(answer.request)
    .filter(([key]) => key !== 'sign' && key !== 'sign_type')
    .map(([key, value]) => `<param name="${escapeXml(key)}">${escapeXml(value)}</param>`)
    .join('')
  const response = definedFields(answer.response).map(([key, value]) => element(key, value)).join('')
  return xmlBody(
    `${element('is_success', 'T')}<request>${echoed}</request><response><alipay>${response}</alipay></response>` +
      `${element('sign', answer.sign)}${element('sign_type', answer.signType)}`,
    answer.charset,
    answer.encoding,
  )
}
