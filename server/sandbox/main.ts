// `npm run sandbox`: the Alipay emulator on its own port, with generated keys when none are given.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createPublicKey, randomBytes } from 'node:crypto'
import { buildSandboxApp, SANDBOX_PREFIX } from './app.js'
import { newUserId } from './ids.js'
import { loadPrivateKey, sandboxKeyPair } from './keys.js'
import type { SandboxFaultsInput } from './options.js'

const env = process.env

/** `NAME`, or the contents of the file named by `NAME_FILE`. */
function secret (name: string): string | undefined {
  const file = env[`${name}_FILE`]
  if (file !== undefined && file !== '') return readFileSync(file, 'utf8').trim()
  const value = env[name]
  return value === undefined || value === '' ? undefined : value
}

function fail (message: string): never {
  console.error(`sandbox: ${message}`)
  process.exit(1)
}

function parseFaults (text: string | undefined): SandboxFaultsInput | undefined {
  if (text === undefined || text === '') return undefined
  try {
    return JSON.parse(text) as SandboxFaultsInput
  } catch {
    return fail('SANDBOX_FAULTS is not valid JSON')
  }
}

/** Fresh keys for both sides, written where a merchant process can be pointed at them. */
function generateKeys (): { merchantPublicKey: string, alipayPrivateKey: string, dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'tablepad-sandbox-'))
  const merchant = sandboxKeyPair()
  const alipay = sandboxKeyPair()
  writeFileSync(join(dir, 'merchant-private.pem'), merchant.privateKey, { mode: 0o600 })
  writeFileSync(join(dir, 'merchant-public.pem'), merchant.publicKey)
  writeFileSync(join(dir, 'alipay-private.pem'), alipay.privateKey, { mode: 0o600 })
  writeFileSync(join(dir, 'alipay-public.pem'), alipay.publicKey)
  return { merchantPublicKey: merchant.publicKey, alipayPrivateKey: alipay.privateKey, dir }
}

const port = Number(env.SANDBOX_PORT ?? 8090)
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`SANDBOX_PORT must be a port number, got ${env.SANDBOX_PORT}`)
const host = env.SANDBOX_HOST ?? '127.0.0.1'
const appId = env.SANDBOX_APP_ID ?? '2021000000000001'
const sellerId = env.SANDBOX_SELLER_ID ?? newUserId()
const partnerId = env.SANDBOX_PARTNER_ID ?? sellerId
// The MAPI's MD5 key: given, or a fresh 32-character one printed below (MD5 is the norm there).
const md5Key = secret('SANDBOX_MD5_KEY') ?? randomBytes(16).toString('hex')

let merchantPublicKey = secret('SANDBOX_MERCHANT_PUBLIC_KEY')
let alipayPrivateKey = secret('SANDBOX_ALIPAY_PRIVATE_KEY')
let keyDir: string | undefined
if (merchantPublicKey === undefined && alipayPrivateKey === undefined) {
  const generated = generateKeys()
  merchantPublicKey = generated.merchantPublicKey
  alipayPrivateKey = generated.alipayPrivateKey
  keyDir = generated.dir
} else if (merchantPublicKey === undefined || alipayPrivateKey === undefined) {
  fail('give both SANDBOX_MERCHANT_PUBLIC_KEY(_FILE) and SANDBOX_ALIPAY_PRIVATE_KEY(_FILE), or neither to generate both pairs')
}

const publicHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host
const publicUrl = env.SANDBOX_PUBLIC_URL ?? `http://${publicHost}:${port}${SANDBOX_PREFIX}`

const app = await buildSandboxApp({
  appId,
  sellerId,
  partnerId,
  md5Key,
  merchantPublicKey,
  alipayPrivateKey,
  publicUrl,
  faults: parseFaults(env.SANDBOX_FAULTS),
  ...(env.SANDBOX_STATE_FILE === undefined || env.SANDBOX_STATE_FILE === '' ? {} : { stateFile: env.SANDBOX_STATE_FILE }),
}, { logger: { level: env.LOG_LEVEL ?? 'info' } }).catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)))
const address = await app.listen({ port, host })

const alipayPublicKey = createPublicKey(loadPrivateKey(alipayPrivateKey)).export({ type: 'spki', format: 'pem' }).toString()
console.log([
  `Alipay sandbox gateway: ${address}${SANDBOX_PREFIX}/gateway.do`,
  `  app id:     ${appId}`,
  `  seller id:  ${sellerId}`,
  `Alipay Global MAPI gateway: ${address}${SANDBOX_PREFIX}/mapi/gateway.do`,
  `  partner:    ${partnerId}`,
  ...(secret('SANDBOX_MD5_KEY') === undefined ? [`  MD5 key:    ${md5Key}`] : []),
  `  QR links:   ${publicUrl}/scan/<token>`,
  ...(keyDir === undefined
    ? []
    : [
        `  merchant private key: ${join(keyDir, 'merchant-private.pem')}`,
        `  Alipay public key:    ${join(keyDir, 'alipay-public.pem')}`,
      ]),
  ...(keyDir === undefined ? ['  Alipay public key (PEM):', alipayPublicKey] : []),
].join('\n'))

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void app.close().then(() => process.exit(0))
  })
}
