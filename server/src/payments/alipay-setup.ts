// One store's Alipay: its gateway, notification verifier, app and seller, made from an AlipayConfig and the
// credentials it points at. The environment's setup (plugins/app/alipay.ts) and each store with an Alipay account of
// its own (stores/store-alipay.ts) are made here the same way.
import { ConfigError } from '../config.js'
import type { AlipayConfig, AlipayProtocol } from '../config-alipay.js'
import type { AlipayGateway } from '../alipay/gateway.js'
import { createGlobalGateway } from '../alipay/global/global-gateway.js'
import { AlipayKeyError, parsePrivateKey, parsePublicKey } from '../alipay/keys.js'
import { globalNotifications, openApiNotifications, type NotificationVerifier } from '../alipay/notification-verifier.js'
import { createOpenApiGateway } from '../alipay/open-api-gateway.js'
import type { SignType as RsaSignType } from '../alipay/sign.js'
import { lazyGateway } from './lazy-gateway.js'
import type { SandboxCredentials } from './sandbox-credentials.js'

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

/** The keys, ids and URLs one protocol's gateway is made from, whichever Alipay they point at. */
export interface AlipayCredentials {
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

/** What of the store a gateway sends: the currency trades are in, the name a diner's receipt shows. */
export interface AlipayStore {
  name: string
  currency: string
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

/** A remote Alipay's credentials (alipay-sandbox, production): loadConfig made sure what the protocol needs exists. */
export function remoteCredentials (alipay: AlipayConfig): AlipayCredentials {
  return {
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
}

/** The built-in emulator's credentials, reached over loopback at `base` (known only once the server listens). */
export function sandboxCredentials (sandbox: SandboxCredentials, protocol: AlipayProtocol, base: () => string): () => AlipayCredentials {
  return () => ({
    gatewayUrl: `${base()}/sandbox/${protocol === 'global' ? 'mapi/' : ''}gateway.do`,
    openApiGatewayUrl: `${base()}/sandbox/gateway.do`,
    appId: sandbox.appId,
    sellerId: sandbox.sellerId,
    partnerId: sandbox.partnerId,
    md5Key: sandbox.md5Key,
    privateKey: sandbox.merchantPrivateKey,
    alipayPublicKey: sandbox.alipayPublicKey,
    notifyUrl: `${base()}/api/alipay/notify`,
  })
}

/**
 * The setup for `alipay` and `store` over `credentials` (read again on each gateway's first use: the emulator's URLs
 * are known only once the server listens). Keys are parsed now, so unusable ones fail at once with a ConfigError.
 */
export function buildAlipaySetup (alipay: AlipayConfig, store: AlipayStore, credentials: () => AlipayCredentials): AlipaySetup {
  const now = credentials()
  const alipayPublicKey = now.alipayPublicKey === null ? null : keyOrConfigError('ALIPAY_PUBLIC_KEY', () => parsePublicKey(now.alipayPublicKey!))
  const privateKey = now.privateKey === null ? null : keyOrConfigError('ALIPAY_PRIVATE_KEY', () => parsePrivateKey(now.privateKey!))
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
