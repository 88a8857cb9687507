// The Alipay gateway for the configured mode; in sandbox-local mode also the emulator at /sandbox.
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { KeyObject } from 'node:crypto'
import fp from 'fastify-plugin'
import { ConfigError } from '../../config.js'
import type { AlipayGateway } from '../../alipay/gateway.js'
import { AlipayKeyError, parsePrivateKey, parsePublicKey } from '../../alipay/keys.js'
import { createOpenApiGateway } from '../../alipay/open-api-gateway.js'
import type { SignType } from '../../alipay/sign.js'
import { lazyGateway } from '../../payments/lazy-gateway.js'
import { loadSandboxCredentials } from '../../payments/sandbox-credentials.js'

export interface AlipaySetup {
  gateway: AlipayGateway
  appId: string
  sellerId: string | null
  alipayPublicKey: KeyObject
  signType: SignType
}

declare module 'fastify' {
  interface FastifyInstance {
    alipay: AlipaySetup
  }
}

function keyOrConfigError<T> (variable: string, parse: () => T): T {
  try {
    return parse()
  } catch (error) {
    if (error instanceof AlipayKeyError) throw new ConfigError(variable, error.message)
    throw error
  }
}

export default fp(async (fastify) => {
  const { alipay, dataDir, publicUrl } = fastify.config
  if (alipay.mode === 'sandbox-local') {
    const credentials = loadSandboxCredentials(dataDir)
    // Imported only in this mode: a restaurant on real Alipay never runs the emulator's code (in the bundled
    // server its text is there, but its modules are only initialised by this import).
    const { sandboxPlugin } = await import('../../../sandbox/plugin.js')
    await fastify.register(sandboxPlugin, {
      prefix: '/sandbox',
      appId: credentials.appId,
      sellerId: credentials.sellerId,
      merchantPublicKey: credentials.merchantPublicKey,
      alipayPrivateKey: credentials.alipayPrivateKey,
      publicUrl: `${publicUrl}/sandbox`,
      merchantName: fastify.config.store.name,
      // Trades survive a restart, as they would at the real Alipay, so reconciliation meets the truth.
      stateFile: join(dataDir, 'alipay-sandbox', 'state.json'),
    })
    // The emulator runs in this process: reach it (and let it reach our notify URL) over loopback.
    const loopback = () => `http://127.0.0.1:${(fastify.server.address() as AddressInfo).port}`
    fastify.decorate('alipay', {
      gateway: lazyGateway(() => createOpenApiGateway({
        gatewayUrl: `${loopback()}/sandbox/gateway.do`,
        appId: credentials.appId,
        privateKey: credentials.merchantPrivateKey,
        alipayPublicKey: credentials.alipayPublicKey,
        signType: alipay.signType,
        timeoutMs: alipay.timeoutMs,
        notifyUrl: `${loopback()}/api/alipay/notify`,
        sellerId: credentials.sellerId,
      })),
      appId: credentials.appId,
      sellerId: credentials.sellerId,
      alipayPublicKey: parsePublicKey(credentials.alipayPublicKey),
      signType: alipay.signType,
    })
    return
  }
  // Remote modes: loadConfig made sure these exist; here they must also be usable keys.
  const privateKey = keyOrConfigError('ALIPAY_PRIVATE_KEY', () => parsePrivateKey(alipay.privateKey!))
  const alipayPublicKey = keyOrConfigError('ALIPAY_PUBLIC_KEY', () => parsePublicKey(alipay.publicKey!))
  fastify.decorate('alipay', {
    gateway: createOpenApiGateway({
      gatewayUrl: alipay.gateway!,
      appId: alipay.appId!,
      privateKey,
      alipayPublicKey,
      signType: alipay.signType,
      timeoutMs: alipay.timeoutMs,
      notifyUrl: alipay.notifyUrl,
      ...(alipay.sellerId ? { sellerId: alipay.sellerId } : {}),
    }),
    appId: alipay.appId!,
    sellerId: alipay.sellerId,
    alipayPublicKey,
    signType: alipay.signType,
  })
}, { name: 'alipay', dependencies: ['config'] })
