// Serialising and signing gateway answers the way Alipay writes them (PROTOCOL §1.6).
import type { KeyObject } from 'node:crypto'
import { signText, signTextAsync, type SignType } from '../signing.js'

export const CODE_MESSAGES = {
  10000: 'Success',
  20000: 'Service Currently Unavailable',
  40001: 'Missing Required Arguments',
  40002: 'Invalid Arguments',
  40004: 'Business Failed',
} as const
export type GatewayCode = keyof typeof CODE_MESSAGES

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }

/** The JSON object inside `<method>_response` or `error_response`, in the order it is written. */
export type AnswerNode = Record<string, JsonValue | undefined>

/** Where an answer goes: the method's own node, or `error_response` (signed or not). */
export interface Answer {
  place: 'method' | 'error'
  node: AnswerNode
  signed: boolean
}

export function success (fields: AnswerNode = {}): AnswerNode {
  return { code: '10000', msg: CODE_MESSAGES[10000], ...fields }
}

export function failure (code: GatewayCode, subCode: string, subMsg: string, fields: AnswerNode = {}): AnswerNode {
  return { code: String(code), msg: CODE_MESSAGES[code], sub_code: subCode, sub_msg: subMsg, ...fields }
}

/** JSON with `/` written as `\/`, as Alipay's serializer does: merchants must verify these exact bytes. */
export function serializeNode (node: AnswerNode): string {
  return JSON.stringify(node).replaceAll('/', '\\/')
}

export function nodeName (method: string): string {
  return `${method.replaceAll('.', '_')}_response`
}

/** Serialise the node first, sign that exact text, then wrap it: `{"<node>":<text>,"sign":"…"}`. */
export function renderAnswer (name: string, node: AnswerNode, signer: { key: KeyObject, signType: SignType } | undefined): string {
  const text = serializeNode(node)
  if (signer === undefined) return `{"${name}":${text}}`
  const sign = signText(text, signer.signType, signer.key)
  return `{"${name}":${text},"sign":"${sign}"}`
}

/** renderAnswer, signing in the thread pool (signTextAsync). */
export async function renderAnswerAsync (name: string, node: AnswerNode, signer: { key: KeyObject, signType: SignType } | undefined): Promise<string> {
  const text = serializeNode(node)
  if (signer === undefined) return `{"${name}":${text}}`
  const sign = await signTextAsync(text, signer.signType, signer.key)
  return `{"${name}":${text},"sign":"${sign}"}`
}
