// What the notify route needs from each protocol: read and verify the raw notification, say which app it must
// name, and (Global MAPI) ask Alipay whether it really sent it.
import type { KeyObject } from 'node:crypto'
import { confirmNotifyId, type ConfirmNotifyOptions, verifyGlobalNotification } from './global/mapi-notify.js'
import type { MapiSignType } from './global/mapi-sign.js'
import { type NotificationVerification, verifyNotification } from './notify.js'
import type { SignType } from './sign.js'

export type NotifyConfirmation = 'true' | 'false' | 'unknown'

export interface NotificationVerifier {
  verify: (rawBody: Buffer, contentType: string | undefined) => NotificationVerification
  /** The app id a notification must carry; null when the protocol's notifications name none (the MAPI's do not). */
  appId: string | null
  /** Whether Alipay sent the notification with this notify_id (`notify_verify`); absent where there is no such call. */
  confirm?: (notifyId: string) => Promise<NotifyConfirmation>
}

/** Open Platform v2: RSA2/RSA over the notification with Alipay's public key. */
export function openApiNotifications (appId: string, alipayPublicKey: KeyObject, signType: SignType): NotificationVerifier {
  return {
    appId,
    verify: (rawBody, contentType) => verifyNotification(rawBody, contentType, alipayPublicKey, { signType }),
  }
}

export interface GlobalNotificationOptions {
  signType: MapiSignType
  md5Key?: string
  alipayPublicKey?: KeyObject
  /** The store's currency: `total_fee` is read in its minor units. */
  currency: string
  /** Where `notify_verify` is asked (the gateway), with the partner id. */
  confirmWith: ConfirmNotifyOptions
}

/** Global MAPI: MD5 (the partner's key) or RSA over the notification, then `notify_verify`. */
export function globalNotifications (options: GlobalNotificationOptions): NotificationVerifier {
  const keys = {
    signType: options.signType,
    currency: options.currency,
    ...(options.md5Key !== undefined ? { md5Key: options.md5Key } : {}),
    ...(options.alipayPublicKey !== undefined ? { alipayPublicKey: options.alipayPublicKey } : {}),
  }
  return {
    appId: null,
    verify: (rawBody, contentType) => verifyGlobalNotification(rawBody, contentType, keys),
    confirm: notifyId => confirmNotifyId(options.confirmWith, notifyId),
  }
}
