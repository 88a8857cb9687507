// Identifiers in the shapes Alipay uses: trade numbers, 2088 user ids, open ids, notify ids, tokens.
import { createHash, randomBytes, randomInt } from 'node:crypto'
import { beijingDay } from './time.js'

function digits (count: number): string {
  let out = ''
  while (out.length < count) out += String(randomInt(0, 1_000_000_000)).padStart(9, '0')
  return out.slice(0, count)
}

/** `yyyyMMdd` + 20 digits, like `2024051322001404331411234567`. */
export function newTradeNo (now: number): string {
  return `${beijingDay(now)}22${digits(18)}`
}

/** A buyer's user id: `2088` + 12 digits. */
export function newUserId (): string {
  return `2088${digits(12)}`
}

export const USER_ID_PATTERN = /^2088\d{12}$/

/** The per-app open id a user has under this app (stable, so a user keeps it across logins). */
export function openIdFor (appId: string, userId: string): string {
  return '0' + createHash('sha256').update(`${appId}:${userId}`).digest('base64url').slice(0, 42)
}

export function newToken (bytes = 18): string {
  return randomBytes(bytes).toString('base64url')
}

export function newNotifyId (): string {
  return randomBytes(16).toString('hex')
}

/** What Alipay shows of a buyer's login: `138******34`-style masking. */
export function maskedLogonId (userId: string): string {
  return `1${userId.slice(4, 6)}******${userId.slice(-2)}`
}
