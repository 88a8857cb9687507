// Configuration from the environment: defaults, and one ConfigError naming the variable per mistake.
import { writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../src/config.js'
import { configFailure, tempDataDir } from './helper.js'

const PRODUCTION = { ALIPAY_MODE: 'production', ALIPAY_APP_ID: '2021000000000001', ALIPAY_PRIVATE_KEY: 'private', ALIPAY_PUBLIC_KEY: 'public' }


function fileWith (content: string): string {
  const path = join(tempDataDir(), 'secret.pem')
  writeFileSync(path, content)
  return path
}

describe('loadConfig', () => {
  it('runs on defaults with no variables at all', () => {
    const config = loadConfig({})
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      dataDir: resolve('./data'),
      databaseUrl: null,
      databasePoolMax: 10,
      store: { currency: 'CNY', timezone: 'Asia/Shanghai' },
      staffPin: null,
      demoSeed: null,
      paymentQrTimeoutS: 120,
      requestTimeoutMs: 30_000,
      alipay: { mode: 'sandbox-local', gateway: null, signType: 'RSA2', timeoutMs: 5000, appId: null },
    })
    expect(config.publicUrl).toMatch(/^http:\/\/[\d.]+:8080$/)
    expect(config.alipay.notifyUrl).toBe(`${config.publicUrl}/api/alipay/notify`)
    expect(config.store.name.length).toBeGreaterThan(0)
  })

  it('takes every variable it is given', () => {
    const config = loadConfig({
      PORT: '9000', HOST: '127.0.0.1', PUBLIC_URL: 'https://pad.example.com/', DATA_DIR: '/var/lib/tablepad',
      STORE_NAME: 'Noodle Bar', STORE_TIMEZONE: 'Europe/Berlin', STAFF_PIN: '4321', DEMO_SEED: 'false',
      PAYMENT_QR_TIMEOUT_S: '300', ALIPAY_TIMEOUT_MS: '8000', ALIPAY_SIGN_TYPE: 'RSA', REQUEST_TIMEOUT_MS: '45000',
    })
    expect(config).toMatchObject({
      port: 9000, host: '127.0.0.1', publicUrl: 'https://pad.example.com', dataDir: '/var/lib/tablepad',
      store: { name: 'Noodle Bar', timezone: 'Europe/Berlin' }, staffPin: '4321', demoSeed: false, paymentQrTimeoutS: 300, requestTimeoutMs: 45_000,
      alipay: { timeoutMs: 8000, signType: 'RSA', notifyUrl: 'https://pad.example.com/api/alipay/notify' },
    })
  })

  it('uses the mode\'s gateway unless ALIPAY_GATEWAY overrides it', () => {
    expect(loadConfig({ ...PRODUCTION }).alipay.gateway).toBe('https://openapi.alipay.com/gateway.do')
    expect(loadConfig({ ...PRODUCTION, ALIPAY_MODE: 'alipay-sandbox' }).alipay.gateway).toMatch(/sandbox/)
    expect(loadConfig({ ...PRODUCTION, ALIPAY_GATEWAY: 'https://gw.example.com/gateway.do' }).alipay.gateway).toBe('https://gw.example.com/gateway.do')
  })

  it('sends phones to the mode\'s authorization page unless ALIPAY_AUTH_URL overrides it', () => {
    expect(loadConfig({ ...PRODUCTION }).alipay.authUrl).toBe('https://openauth.alipay.com/oauth2/publicAppAuthorize.htm')
    expect(loadConfig({ ...PRODUCTION, ALIPAY_MODE: 'alipay-sandbox' }).alipay.authUrl).toBe('https://openauth-sandbox.dl.alipaydev.com/oauth2/publicAppAuthorize.htm')
    // sandbox-local: the emulator's page under PUBLIC_URL, whose trailing slash is dropped as everywhere.
    expect(loadConfig({ PUBLIC_URL: 'http://192.168.1.20:8080/' }).alipay.authUrl).toBe('http://192.168.1.20:8080/sandbox/oauth2/publicAppAuthorize.htm')
    expect(loadConfig({ ...PRODUCTION, ALIPAY_AUTH_URL: 'http://127.0.0.1:8090/sandbox/oauth2/publicAppAuthorize.htm' }).alipay.authUrl)
      .toBe('http://127.0.0.1:8090/sandbox/oauth2/publicAppAuthorize.htm')
  })

  it('reads a secret from its _FILE', () => {
    const config = loadConfig({ ...PRODUCTION, ALIPAY_PRIVATE_KEY: '', ALIPAY_PRIVATE_KEY_FILE: fileWith('-----BEGIN KEY-----\nabc\n-----END KEY-----\n') })
    expect(config.alipay.privateKey).toBe('-----BEGIN KEY-----\nabc\n-----END KEY-----')
  })

  it.each([
    ['PORT', { PORT: 'eighty' }],
    ['PORT', { PORT: '70000' }],
    ['PUBLIC_URL', { PUBLIC_URL: 'pad.local' }],
    ['PUBLIC_URL', { PUBLIC_URL: 'ftp://pad.local' }],
    ['ALIPAY_MODE', { ALIPAY_MODE: 'live' }],
    ['ALIPAY_SIGN_TYPE', { ALIPAY_SIGN_TYPE: 'MD5' }],
    ['ALIPAY_APP_ID', { ALIPAY_MODE: 'production', ALIPAY_PRIVATE_KEY: 'k', ALIPAY_PUBLIC_KEY: 'k' }],
    ['ALIPAY_APP_ID', { ALIPAY_APP_ID: '123' }],
    ['ALIPAY_PRIVATE_KEY', { ...PRODUCTION, ALIPAY_PRIVATE_KEY: '' }],
    ['ALIPAY_PUBLIC_KEY', { ...PRODUCTION, ALIPAY_PUBLIC_KEY: '' }],
    ['ALIPAY_PUBLIC_KEY', { ALIPAY_MODE: 'alipay-sandbox', ALIPAY_APP_ID: '2021000000000001', ALIPAY_PRIVATE_KEY: 'k' }],
    ['ALIPAY_PRIVATE_KEY_FILE', { ...PRODUCTION, ALIPAY_PRIVATE_KEY: '', ALIPAY_PRIVATE_KEY_FILE: '/nonexistent/tablepad/key.pem' }],
    ['ALIPAY_PUBLIC_KEY_FILE', { ...PRODUCTION, ALIPAY_PUBLIC_KEY: '', ALIPAY_PUBLIC_KEY_FILE: fileWith('  \n') }],
    ['ALIPAY_SELLER_ID', { ALIPAY_SELLER_ID: '1234' }],
    ['ALIPAY_GATEWAY', { ALIPAY_GATEWAY: 'not a url' }],
    ['ALIPAY_NOTIFY_URL', { ALIPAY_NOTIFY_URL: 'mailto:x@example.com' }],
    ['ALIPAY_AUTH_URL', { ALIPAY_AUTH_URL: 'openauth.alipay.com/oauth2/publicAppAuthorize.htm' }],
    ['ALIPAY_TIMEOUT_MS', { ALIPAY_TIMEOUT_MS: '5s' }],
    ['STORE_TIMEZONE', { STORE_TIMEZONE: 'Mars/Olympus' }],
    ['STORE_CURRENCY', { STORE_CURRENCY: 'XYZ' }],
    ['STAFF_PIN', { STAFF_PIN: '12' }],
    ['STAFF_PIN', { STAFF_PIN: 'abcd' }],
    ['STAFF_PIN', { STAFF_PIN: '123456789' }],
    ['DEMO_SEED', { DEMO_SEED: 'maybe' }],
    ['PAYMENT_QR_TIMEOUT_S', { PAYMENT_QR_TIMEOUT_S: '5' }],
    ['REQUEST_TIMEOUT_MS', { REQUEST_TIMEOUT_MS: '999' }],
    ['REQUEST_TIMEOUT_MS', { REQUEST_TIMEOUT_MS: '30s' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://root@db/tablepad' }],
    ['DATABASE_URL', { DATABASE_URL: '/var/lib/tablepad.sqlite' }],
    ['DATABASE_URL', { DATABASE_URL: 'postgres://db:54x2/tablepad' }],
    ['DATABASE_POOL_MAX', { DATABASE_POOL_MAX: '0' }],
    ['DATABASE_POOL_MAX', { DATABASE_POOL_MAX: '101' }],
    ['DATABASE_POOL_MAX', { DATABASE_POOL_MAX: 'ten' }],
    ['TRUST_PROXY', { TRUST_PROXY: '0' }],
    ['TRUST_PROXY', { TRUST_PROXY: '11' }],
    ['TRUST_PROXY', { TRUST_PROXY: 'yes' }],
    ['TRUST_PROXY', { TRUST_PROXY: 'balancer.internal' }],
    ['TRUST_PROXY', { TRUST_PROXY: '10.0.0.300' }],
    ['TRUST_PROXY', { TRUST_PROXY: '10.0.0.0/33' }],
    ['TRUST_PROXY', { TRUST_PROXY: 'fd00::/129' }],
    ['TRUST_PROXY', { TRUST_PROXY: '10.0.0.0/8/8' }],
    ['TRUST_PROXY', { TRUST_PROXY: '10.0.0.0/8,' }],
    ['SECRETS_KEY', { SECRETS_KEY: 'abc123' }],
    ['SECRETS_KEY', { SECRETS_KEY: 'a'.repeat(63) }],
  ])('names %s when it is wrong', (variable, env) => {
    const error = configFailure(env)
    expect(error.variable).toBe(variable)
    expect(error.message.startsWith(`${variable}: `)).toBe(true)
    expect(error.message).not.toContain('\n')
  })

  it('reads SECRETS_KEY as hex, base64 or from SECRETS_KEY_FILE, and never echoes a wrong one', () => {
    const hex = 'ab'.repeat(32)
    expect(loadConfig({}).secretsKey).toBeNull()
    expect(loadConfig({ SECRETS_KEY: hex }).secretsKey).toEqual(Buffer.from(hex, 'hex'))
    expect(loadConfig({ SECRETS_KEY: Buffer.from(hex, 'hex').toString('base64') }).secretsKey).toEqual(Buffer.from(hex, 'hex'))
    expect(loadConfig({ SECRETS_KEY_FILE: fileWith(`${hex}\n`) }).secretsKey).toEqual(Buffer.from(hex, 'hex'))
    const wrong = 'hunter2-is-my-secret-passphrase'
    expect(configFailure({ SECRETS_KEY: wrong }).message).not.toContain(wrong)
    expect(configFailure({ SECRETS_KEY: hex, SECRETS_KEY_FILE: fileWith(hex) }).variable).toBe('SECRETS_KEY')
  })

  it.each(['Asia/Shanghai', 'UTC', 'Asia/Calcutta', 'asia/shanghai'])('takes STORE_TIMEZONE %s, a zone or an alias Intl knows', (zone) => {
    expect(loadConfig({ STORE_TIMEZONE: zone }).store.timezone).toBe(zone)
  })

  it.each(['postgres://tablepad:secret@db.internal:5432/tablepad', 'postgresql://db/tablepad?sslmode=require', 'POSTGRES://db/tablepad'])('selects PostgreSQL with DATABASE_URL %s', (given) => {
    expect(loadConfig({ DATABASE_URL: given, DATABASE_POOL_MAX: '25' })).toMatchObject({ databaseUrl: given, databasePoolMax: 25 })
  })

  it('stays on SQLite when DATABASE_URL is empty', () => {
    expect(loadConfig({ DATABASE_URL: '  ' }).databaseUrl).toBeNull()
  })

  it('never echoes a DATABASE_URL it refuses, which may hold a password', () => {
    expect(configFailure({ DATABASE_URL: 'mysql://root:hunter2@db/tablepad' }).message).not.toContain('hunter2')
    expect(configFailure({ DATABASE_URL: 'postgres://user:hunter2@db:5432x/tablepad' }).message).not.toContain('hunter2')
  })

  it.each([
    [undefined, false],
    ['  ', false],
    ['false', false],
    ['true', true],
    ['1', 1],
    ['10', 10],
    ['127.0.0.1', ['127.0.0.1']],
    ['10.0.0.0/8, 127.0.0.1', ['10.0.0.0/8', '127.0.0.1']],
    ['::1,fd00::/8,loopback,uniquelocal', ['::1', 'fd00::/8', 'loopback', 'uniquelocal']],
  ])('reads TRUST_PROXY %j as %j', (given, expected) => {
    expect(loadConfig(given === undefined ? {} : { TRUST_PROXY: given }).trustProxy).toEqual(expected)
  })

  it('names the entry of TRUST_PROXY it cannot read', () => {
    expect(configFailure({ TRUST_PROXY: '10.0.0.0/8,192.168.1.300' }).message).toContain('"192.168.1.300"')
  })

  it('says which of X and X_FILE to drop when both are set', () => {
    const error = configFailure({ ...PRODUCTION, ALIPAY_PRIVATE_KEY_FILE: fileWith('key') })
    expect(error.variable).toBe('ALIPAY_PRIVATE_KEY')
    expect(error.message).toContain('ALIPAY_PRIVATE_KEY_FILE')
  })
})
