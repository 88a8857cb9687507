// The salted hash that stands for a diner in reports: the same Alipay user counts as the same diner
// across visits, while the raw Alipay id never leaves the diners table (and leaves that after DINER_DATA_DAYS).
import { createHmac, randomBytes } from 'node:crypto'

/** The `settings` key of the salt: generated once (migration 009 or first sign-in), never shown, never changed. */
export const DINER_HASH_SALT_KEY = 'diner_hash_salt'

/** 256 random bits: without the salt, a hash cannot be matched against a list of known Alipay ids. */
export function newDinerHashSalt (): string {
  return randomBytes(32).toString('base64url')
}

/**
 * HMAC-SHA256 of the diner's Alipay id (the user id, or the open id when that is all Alipay gave), hex.
 * An HMAC rather than sha256(salt + id): the construction is made for a secret key, with no
 * length-extension or concatenation ambiguity to reason about.
 */
export function dinerIdHash (salt: string, alipayId: string): string {
  return createHmac('sha256', salt).update(alipayId, 'utf8').digest('hex')
}
