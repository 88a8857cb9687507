// Staff PIN hashing with scrypt: `scrypt$N$r$p$salt$hash`, random salt, constant-time comparison.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'

/** Node's default cost (16 MiB, tens of ms): slow enough to hurt offline guessing, fast enough to log in. */
const COST = { N: 16_384, r: 8, p: 1 } as const
const KEY_LENGTH = 32
const SALT_BYTES = 16
/** Refuse stored parameters that would make one check take seconds or gigabytes. */
const MAX_N = 1 << 20

function derive (pin: string, salt: Buffer, options: ScryptOptions, keyLength: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // maxmem must cover 128 * N * r bytes, which Node's 32 MiB default does not for large N.
    scrypt(pin, salt, keyLength, { ...options, maxmem: 256 * (options.N ?? COST.N) * (options.r ?? COST.r) }, (error, key) => {
      if (error) reject(error)
      else resolve(key)
    })
  })
}

export async function hashPin (pin: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES)
  const key = await derive(pin, salt, COST, KEY_LENGTH)
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64'), key.toString('base64')].join('$')
}

/** True when `pin` matches `stored`; a malformed stored hash never matches. */
export async function verifyPin (pin: string, stored: string): Promise<boolean> {
  const parts = stored.split('$')
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number]
  if (![N, r, p].every(Number.isSafeInteger) || N < 2 || N > MAX_N || (N & (N - 1)) !== 0 || r < 1 || r > 32 || p < 1 || p > 16) return false
  const salt = Buffer.from(parts[4]!, 'base64')
  const expected = Buffer.from(parts[5]!, 'base64')
  if (salt.length === 0 || expected.length < 16) return false
  const actual = await derive(pin, salt, { N, r, p }, expected.length)
  return timingSafeEqual(actual, expected)
}
