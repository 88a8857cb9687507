// Sealing a store's own settings and credentials (its Alipay private key, …) for the database: AES-256-GCM under
// SECRETS_KEY. A database copy or backup alone then reveals no credential; the key lives only in the environment.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'

/** The key SECRETS_KEY holds: 32 bytes (AES-256). */
export const SECRETS_KEY_BYTES = 32
const IV_BYTES = 12
const TAG_BYTES = 16
/** A sealed value's prefix: a later format (another cipher, key rotation) gets another version. */
const VERSION = 'v1'

export class SecretsError extends Error {
  constructor (message: string) {
    super(message)
    this.name = 'SecretsError'
  }
}

function assertKey (key: Buffer): void {
  if (key.length !== SECRETS_KEY_BYTES) throw new SecretsError(`the secrets key must be ${SECRETS_KEY_BYTES} bytes (got ${key.length})`)
}

/**
 * `v1.<iv>.<tag>.<ciphertext>` (base64url each), with a random IV per call. `storeId` is the additional
 * authenticated data: a sealed value copied onto another store's row does not open there, so one store's
 * credentials cannot be made to serve another store.
 */
export function seal (key: Buffer, plaintext: string, storeId: string): string {
  assertKey(key)
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES })
  cipher.setAAD(Buffer.from(storeId, 'utf8'))
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
  return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join('.')
}

/** The plaintext `seal` sealed for `storeId`; throws SecretsError when it was changed, or sealed with another key or store. */
export function open (key: Buffer, sealed: string, storeId: string): string {
  assertKey(key)
  const parts = sealed.split('.')
  if (parts.length !== 4 || parts[0] !== VERSION) throw new SecretsError('not a sealed value (expected v1.<iv>.<tag>.<ciphertext>)')
  const [iv, tag, ciphertext] = parts.slice(1).map(part => Buffer.from(part, 'base64url')) as [Buffer, Buffer, Buffer]
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SecretsError('a sealed value with a malformed IV or tag')
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES })
  decipher.setAAD(Buffer.from(storeId, 'utf8'))
  decipher.setAuthTag(tag)
  try {
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8')
  } catch {
    // GCM says only "unable to authenticate": the value was changed, or the key (or store) is not the one it was sealed with.
    throw new SecretsError('a sealed value does not open: changed, or sealed with another SECRETS_KEY or for another store')
  }
}

/**
 * SECRETS_KEY's value as a key: 64 hex digits, or base64 (standard or URL-safe, padding optional) of 32 bytes;
 * null for anything else. `openssl rand -hex 32` makes one.
 */
export function parseSecretsKey (raw: string): Buffer | null {
  if (/^[0-9a-fA-F]{64}$/.test(raw)) return Buffer.from(raw, 'hex')
  if (!/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(raw)) return null
  const key = Buffer.from(raw.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_'), 'base64url')
  return key.length === SECRETS_KEY_BYTES ? key : null
}
