// The Alipay gateway for the configured mode and protocol; in sandbox-local mode also the emulator at /sandbox.
// `fastify.alipay` is the environment's setup (ALIPAY_*), the default store's; `fastify.alipayFor` gives a store
// its own when its settings name another Alipay account, and the environment's when they do not.
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import fp from 'fastify-plugin'
import { ConfigError } from '../../config.js'
import type { AlipayConfig } from '../../config-alipay.js'
import { canonicalJson } from '../../lib/canonical-json.js'
import {
  buildAlipaySetup, remoteCredentials, sandboxCredentials, type AlipayCredentials, type AlipaySetup, type AlipayStore,
} from '../../payments/alipay-setup.js'
import { loadSandboxCredentials } from '../../payments/sandbox-credentials.js'

export type { AlipaySetup } from '../../payments/alipay-setup.js'

/** What of a store's settings its Alipay setup is made from. */
export interface StoreAlipay extends AlipayStore {
  alipay: AlipayConfig
}

declare module 'fastify' {
  interface FastifyInstance {
    alipay: AlipaySetup
    /** The store's setup: the environment's one (shared) unless its Alipay account, currency or receipt name differ. */
    alipayFor: (store: StoreAlipay) => AlipaySetup
  }
}

/**
 * What a setup is made of: two stores with equal keys can share one. The store's name matters only where the
 * gateway sends it (global, with no ALIPAY_GLOBAL_STORE_NAME).
 */
function setupKey (store: StoreAlipay): string {
  const sendsName = store.alipay.protocol === 'global' && store.alipay.global.storeName === null
  return canonicalJson({ alipay: store.alipay, currency: store.currency, ...(sendsName ? { name: store.name } : {}) })
}

export default fp(async (fastify) => {
  const { alipay, dataDir, publicUrl, store } = fastify.config
  const environment: StoreAlipay = { alipay, name: store.name, currency: store.currency }
  // The built-in emulator's credentials: set in sandbox-local mode only (one emulator per app, whatever the stores).
  let emulator: (() => AlipayCredentials) | null = null

  if (alipay.mode === 'sandbox-local') {
    const sandbox = loadSandboxCredentials(dataDir)
    // Imported only in this mode: a restaurant on real Alipay never runs the emulator's code (in the built
    // server it is a chunk of its own, read only by this import: server/scripts/bundle-server.ts).
    const { sandboxPlugin } = await import('../../../sandbox/plugin.js')
    await fastify.register(sandboxPlugin, {
      prefix: '/sandbox',
      appId: sandbox.appId,
      sellerId: sandbox.sellerId,
      partnerId: sandbox.partnerId,
      md5Key: sandbox.md5Key,
      merchantPublicKey: sandbox.merchantPublicKey,
      alipayPrivateKey: sandbox.alipayPrivateKey,
      publicUrl: `${publicUrl}/sandbox`,
      merchantName: store.name,
      // Trades survive a restart, as they would at the real Alipay, so reconciliation meets the truth.
      stateFile: join(dataDir, 'alipay-sandbox', 'state.json'),
    })
    // The emulator runs in this process: reach it (and let it reach our notify URL) over loopback.
    const loopback = (): string => {
      const address = fastify.server.address() as AddressInfo | null
      return `http://127.0.0.1:${address?.port ?? 0}`
    }
    emulator = sandboxCredentials(sandbox, alipay.protocol, loopback)
  }

  function credentialsOf (config: AlipayConfig): () => AlipayCredentials {
    if (config.mode !== 'sandbox-local') {
      // Remote modes: loadConfig (or the store's settings) made sure what the protocol needs exists; buildAlipaySetup
      // makes sure the keys are usable.
      const remote = remoteCredentials(config)
      return () => remote
    }
    if (emulator === null) throw new ConfigError('ALIPAY_MODE', 'a store can use the built-in emulator (sandbox-local) only when the server runs it (ALIPAY_MODE=sandbox-local)')
    return emulator
  }

  const shared = buildAlipaySetup(alipay, environment, credentialsOf(alipay))
  const sharedKey = setupKey(environment)
  fastify.decorate('alipay', shared)
  fastify.decorate('alipayFor', (storeAlipay: StoreAlipay) => setupKey(storeAlipay) === sharedKey
    ? shared
    : buildAlipaySetup(storeAlipay.alipay, storeAlipay, credentialsOf(storeAlipay.alipay)))
}, { name: 'alipay', dependencies: ['config'] })
