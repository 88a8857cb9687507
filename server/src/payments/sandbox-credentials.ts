// sandbox-local mode: a merchant and an "Alipay" key pair, app id and seller id, made once per DATA_DIR.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { randomInt } from 'node:crypto'
import { join } from 'node:path'
import { sandboxKeyPair } from '../../sandbox/keys.js'

export interface SandboxCredentials {
  appId: string
  sellerId: string
  /** Alipay Global's partner id (PID) and MD5 key, for ALIPAY_PROTOCOL=global; the PID is the seller id. */
  partnerId: string
  md5Key: string
  merchantPrivateKey: string
  merchantPublicKey: string
  alipayPrivateKey: string
  alipayPublicKey: string
}

export const SANDBOX_CREDENTIALS_FILE = join('alipay-sandbox', 'credentials.json')

function digits (count: number): string {
  return Array.from({ length: count }, () => String(randomInt(0, 10))).join('')
}

/** A 32-character key of lower-case letters and digits, like the one Alipay's merchant portal shows. */
function md5Key (): string {
  const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz'
  return Array.from({ length: 32 }, () => alphabet[randomInt(0, alphabet.length)]).join('')
}

/**
 * Reads the credentials under DATA_DIR, generating them on first start (file mode 0600: it holds private keys).
 * A file from before Alipay Global was supported gains its partner id and MD5 key; nothing else in it changes.
 */
export function loadSandboxCredentials (dataDir: string): SandboxCredentials {
  const file = join(dataDir, SANDBOX_CREDENTIALS_FILE)
  if (existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Omit<SandboxCredentials, 'partnerId' | 'md5Key'> & Partial<SandboxCredentials>
    if (stored.partnerId !== undefined && stored.md5Key !== undefined) return stored as SandboxCredentials
    const completed: SandboxCredentials = { ...stored, partnerId: stored.partnerId ?? stored.sellerId, md5Key: stored.md5Key ?? md5Key() }
    writeFileSync(file, JSON.stringify(completed, null, 2), { mode: 0o600 })
    return completed
  }
  const merchant = sandboxKeyPair()
  const alipay = sandboxKeyPair()
  const sellerId = `2088${digits(12)}`
  const credentials: SandboxCredentials = {
    appId: `9021${digits(12)}`,
    sellerId,
    partnerId: sellerId,
    md5Key: md5Key(),
    merchantPrivateKey: merchant.privateKey,
    merchantPublicKey: merchant.publicKey,
    alipayPrivateKey: alipay.privateKey,
    alipayPublicKey: alipay.publicKey,
  }
  mkdirSync(join(dataDir, 'alipay-sandbox'), { recursive: true })
  writeFileSync(file, JSON.stringify(credentials, null, 2), { mode: 0o600 })
  return credentials
}
