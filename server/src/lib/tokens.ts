// Random identifiers and secrets; only hashes of secrets are ever stored.
import { createHash, randomBytes, randomInt } from 'node:crypto'

/** `ord_3f9c…`: letters, digits and one underscore, so an id is also a valid Alipay out_trade_no. */
export function newId (prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('hex')}`
}

/** A 256-bit bearer secret for a cookie. */
export function newSecret (): string {
  return randomBytes(32).toString('base64url')
}

export function sha256 (text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

/** Six random digits, uniformly drawn. */
export function newPairingCode (): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0')
}

export function nowIso (now = Date.now()): string {
  return new Date(now).toISOString()
}
