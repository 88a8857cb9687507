// sandbox-local mode: a merchant and an "Alipay" key pair, app id and seller id, made once per DATA_DIR.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { randomInt } from 'node:crypto'
import { join } from 'node:path'
import { sandboxKeyPair } from '../../sandbox/keys.js'

export interface SandboxCredentials {
  appId: string
  sellerId: string
  merchantPrivateKey: string
  merchantPublicKey: string
  alipayPrivateKey: string
  alipayPublicKey: string
}

export const SANDBOX_CREDENTIALS_FILE = join('alipay-sandbox', 'credentials.json')

function digits (count: number): string {
  return Array.from({ length: count }, () => String(randomInt(0, 10))).join('')
}

/** Reads the credentials under DATA_DIR, generating them on first start (file mode 0600: it holds private keys). */
export function loadSandboxCredentials (dataDir: string): SandboxCredentials {
  const file = join(dataDir, SANDBOX_CREDENTIALS_FILE)
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as SandboxCredentials
  const merchant = sandboxKeyPair()
  const alipay = sandboxKeyPair()
  const credentials: SandboxCredentials = {
    appId: `9021${digits(12)}`,
    sellerId: `2088${digits(12)}`,
    merchantPrivateKey: merchant.privateKey,
    merchantPublicKey: merchant.publicKey,
    alipayPrivateKey: alipay.privateKey,
    alipayPublicKey: alipay.publicKey,
  }
  mkdirSync(join(dataDir, 'alipay-sandbox'), { recursive: true })
  writeFileSync(file, JSON.stringify(credentials, null, 2), { mode: 0o600 })
  return credentials
}
