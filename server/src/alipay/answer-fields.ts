// Typed reads of fields in a verified Alipay answer; a field that is present but unreadable makes the answer malformed.
import { fromAlipayAmount } from '#shared/money.js'

/** Thrown while mapping an answer whose fields are not what the protocol promises. */
export class MalformedAnswer extends Error {
  override name = 'MalformedAnswer'
}

export type AnswerBody = Readonly<Record<string, unknown>>

/** A non-empty string field, or undefined when absent or empty. */
export function optionalString (body: AnswerBody, key: string): string | undefined {
  const value = body[key]
  if (value === undefined || value === null || value === '') return undefined
  if (typeof value === 'string') return value
  if (typeof value === 'number') return String(value)
  throw new MalformedAnswer(`${key} is not a string`)
}

export function requiredString (body: AnswerBody, key: string): string {
  const value = optionalString(body, key)
  if (value === undefined) throw new MalformedAnswer(`${key} is missing`)
  return value
}

/** A `"12.50"` amount as integer fen, or null when absent. */
export function optionalAmount (body: AnswerBody, key: string): number | null {
  const value = body[key]
  if (value === undefined || value === null || value === '') return null
  const text = typeof value === 'number' ? value.toFixed(2) : value
  if (typeof text !== 'string') throw new MalformedAnswer(`${key} is not an amount`)
  try {
    return fromAlipayAmount(text.trim())
  } catch {
    throw new MalformedAnswer(`${key} is not an amount: ${JSON.stringify(text)}`)
  }
}

export function requiredAmount (body: AnswerBody, key: string): number {
  const value = optionalAmount(body, key)
  if (value === null) throw new MalformedAnswer(`${key} is missing`)
  return value
}

/** Whole seconds sent as a number or a numeric string (`expires_in`). */
export function optionalInteger (body: AnswerBody, key: string): number | undefined {
  const text = optionalString(body, key)
  if (text === undefined) return undefined
  if (!/^\d+$/.test(text)) throw new MalformedAnswer(`${key} is not an integer`)
  return Number(text)
}

/** Alipay's `Y`/`N` flags. */
export function flag (body: AnswerBody, key: string): boolean {
  return optionalString(body, key)?.toUpperCase() === 'Y'
}
