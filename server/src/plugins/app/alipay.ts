// The Alipay gateway for the configured mode and protocol; in sandbox-local mode also the emulator at /sandbox.
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import fp from 'fastify-plugin'
import { ConfigError } from '../../config.js'
import type { AlipayConfig, AlipayProtocol } from '../../config-alipay.js'
import type { AlipayGateway } from '../../alipay/gateway.js'
import { createGlobalGateway } from '../../alipay/global/global-gateway.js'
import { AlipayKeyError, parsePrivateKey, parsePublicKey } from '../../alipay/keys.js'
import { globalNotifications, openApiNotifications, type NotificationVerifier } from '../../alipay/notification-verifier.js'
import { createOpenApiGateway } from '../../alipay/open-api-gateway.js'
import type { SignType as RsaSignType } from '../../alipay/sign.js'
import { lazyGateway } from '../../payments/lazy-gateway.js'
import { loadSandboxCredentials } from '../../payments/sandbox-credentials.js'

export interface AlipaySetup {
  protocol: AlipayProtocol
  gateway: AlipayGateway
  /**
   * The Open Platform app: the trades' app under `openapi`; under `global` only the diner's sign-in on the phone
   * (`alipay.system.oauth.token` stays on the Open Platform). Null: no app, so no phone flow.
   */
  appId: string | null
  sellerId: string | null
  notifications: NotificationVerifier
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

/** The Open Platform signs with RSA2 or RSA; under `global` with MD5 the phone's app still signs with RSA2. */
function rsaSignType (alipay: AlipayConfig): RsaSignType {
  return alipay.signType === 'RSA' ? 'RSA' : 'RSA2'
}

/** The keys, ids and URLs one protocol's gateway is made from, whichever Alipay they point at. */
interface Credentials {
  gatewayUrl: string
  /** The Open Platform's gateway (the same as gatewayUrl under openapi); null under global without an app. */
  openApiGatewayUrl: string | null
  appId: string | null
  sellerId: string | null
  partnerId: string | null
  md5Key: string | null
  privateKey: string | null
  alipayPublicKey: string | null
  notifyUrl: string
}

export default fp(async (fastify) => {
  const { alipay, dataDir, publicUrl, store } = fastify.config

  function setup (credentials: () => Credentials): AlipaySetup {
    const now = credentials()
    const alipayPublicKey = now.alipayPublicKey === null ? null : keyOrConfigError('ALIPAY_PUBLIC_KEY', () => parsePublicKey(now.alipayPublicKey!))
    const privateKey = now.privateKey === null ? null : keyOrConfigError('ALIPAY_PRIVATE_KEY', () => parsePrivateKey(now.privateKey!))
    // The URLs of the built-in emulator are known only once the server listens: gateways are made on first use.
    const openApi = (): AlipayGateway | undefined => {
      const at = credentials()
      if (at.appId === null || at.openApiGatewayUrl === null || privateKey === null || alipayPublicKey === null) return undefined
      return createOpenApiGateway({
        gatewayUrl: at.openApiGatewayUrl,
        appId: at.appId,
        privateKey,
        alipayPublicKey,
        signType: rsaSignType(alipay),
        timeoutMs: alipay.timeoutMs,
        notifyUrl: at.notifyUrl,
        ...(at.sellerId ? { sellerId: at.sellerId } : {}),
      })
    }
    if (alipay.protocol === 'openapi') {
      return {
        protocol: 'openapi',
        gateway: lazyGateway(() => openApi()!),
        appId: now.appId,
        sellerId: now.sellerId,
        notifications: openApiNotifications(now.appId!, alipayPublicKey!, rsaSignType(alipay)),
      }
    }
    const signType = alipay.signType
    return {
      protocol: 'global',
      gateway: lazyGateway(() => {
        const at = credentials()
        const app = openApi()
        return createGlobalGateway({
          gatewayUrl: at.gatewayUrl,
          partnerId: at.partnerId!,
          signType,
          ...(signType === 'MD5' ? { md5Key: at.md5Key! } : { privateKey: privateKey!, alipayPublicKey: alipayPublicKey! }),
          transCurrency: store.currency,
          ...(alipay.global.settlementCurrency ? { settlementCurrency: alipay.global.settlementCurrency } : {}),
          notifyUrl: at.notifyUrl,
          timeoutMs: alipay.timeoutMs,
          extendParams: {
            ...(alipay.global.secondaryMerchantId ? { secondaryMerchantId: alipay.global.secondaryMerchantId } : {}),
            ...(alipay.global.secondaryMerchantName ? { secondaryMerchantName: alipay.global.secondaryMerchantName } : {}),
            ...(alipay.global.storeId ? { storeId: alipay.global.storeId } : {}),
            // The restaurant's name is what a diner sees on the receipt when no store name is configured.
            storeName: alipay.global.storeName ?? store.name,
          },
          ...(app ? { openApi: app } : {}),
        })
      }),
      appId: now.appId,
      sellerId: now.sellerId,
      notifications: globalNotifications({
        signType,
        ...(signType === 'MD5' ? { md5Key: now.md5Key! } : { alipayPublicKey: alipayPublicKey! }),
        currency: store.currency,
        confirmWith: {
          get gatewayUrl () { return credentials().gatewayUrl },
          partnerId: now.partnerId!,
          timeoutMs: alipay.timeoutMs,
        },
      }),
    }
  }

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
    fastify.decorate('alipay', setup(() => ({
      gatewayUrl: `${loopback()}/sandbox/${alipay.protocol === 'global' ? 'mapi/' : ''}gateway.do`,
      openApiGatewayUrl: `${loopback()}/sandbox/gateway.do`,
      appId: sandbox.appId,
      sellerId: sandbox.sellerId,
      partnerId: sandbox.partnerId,
      md5Key: sandbox.md5Key,
      privateKey: sandbox.merchantPrivateKey,
      alipayPublicKey: sandbox.alipayPublicKey,
      notifyUrl: `${loopback()}/api/alipay/notify`,
    })))
    return
  }
  // Remote modes: loadConfig made sure what the protocol needs exists; setup makes sure the keys are usable.
  const remote: Credentials = {
    gatewayUrl: alipay.gateway!,
    // Under global the Open Platform is only the phone's sign-in, at its own gateway for the mode.
    openApiGatewayUrl: alipay.protocol === 'openapi' ? alipay.gateway! : alipay.openApiGateway,
    appId: alipay.appId,
    sellerId: alipay.sellerId,
    partnerId: alipay.global.partnerId,
    md5Key: alipay.global.md5Key,
    privateKey: alipay.privateKey,
    alipayPublicKey: alipay.publicKey,
    notifyUrl: alipay.notifyUrl,
  }
  fastify.decorate('alipay', setup(() => remote))
}, { name: 'alipay', dependencies: ['config'] })
