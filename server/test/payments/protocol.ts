// What the payment suite must know about the protocol it runs against (TEST_ALIPAY_PROTOCOL): service names for
// fault injection, notifications a test signs itself, and how a standalone emulator is reached. The tests stay one.
import { createPrivateKey } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { toAlipayAmount } from '#shared/money.js'
import { SANDBOX_CREDENTIALS_FILE, type SandboxCredentials } from '../../src/payments/sandbox-credentials.js'
import { formEncode, signNotification } from '../alipay/fixtures.js'
import { alipaySign, preString } from '../alipay/global/fake-mapi.js'
import { TEST_ALIPAY_PROTOCOL } from '../helper.js'
import type { RunningApp } from './fixtures.js'

export const PROTOCOL = TEST_ALIPAY_PROTOCOL
export const IS_GLOBAL = PROTOCOL === 'global'

export const NOTIFICATION_CONTENT_TYPE = 'application/x-www-form-urlencoded; charset=utf-8'

type Operation = 'precreate' | 'query' | 'cancel' | 'refund' | 'refundQuery'

/** The gateway service behind each operation; the MAPI has no refund query (a refund in doubt is sent again). */
const SERVICES: Record<typeof PROTOCOL, Record<Operation, string | undefined>> = {
  openapi: {
    precreate: 'alipay.trade.precreate',
    query: 'alipay.trade.query',
    cancel: 'alipay.trade.cancel',
    refund: 'alipay.trade.refund',
    refundQuery: 'alipay.trade.fastpay.refund.query',
  },
  global: {
    precreate: 'alipay.acquire.precreate',
    query: 'alipay.acquire.overseas.query',
    cancel: 'alipay.acquire.cancel',
    refund: 'alipay.acquire.overseas.spot.refund',
    refundQuery: undefined,
  },
}

/** The service name of one operation, for the emulator's `faults.methods`. */
export function serviceName (operation: Exclude<Operation, 'refundQuery'>): string {
  return SERVICES[PROTOCOL][operation]!
}

/** The service names of the operations this protocol has (the others are left out). */
export function serviceNames (...operations: Operation[]): string[] {
  return operations.map(operation => SERVICES[PROTOCOL][operation]).filter((name): name is string => name !== undefined)
}

/**
 * Env for a test that needs the gateway's answers signed with Alipay's RSA key (which the merchant alone holds the
 * public half of). The MAPI's default MD5 key is shared by both sides, so a wrong "Alipay key" cannot be given to one.
 */
export const RSA_SIGNED_ENV: Record<string, string> = IS_GLOBAL ? { ALIPAY_SIGN_TYPE: 'RSA2' } : {}

export interface PaidNotification {
  outTradeNo: string
  tradeNo: string
  /** Minor units of `currency`. */
  amount: number
  currency?: string
  notifyId: string
}

/**
 * A TRADE_SUCCESS notification as Alipay would send it to the app under test: v2 form signed RSA2 with the built-in
 * emulator's Alipay key, or MAPI form (trade_status_sync, total_fee) signed MD5 with the partner's key.
 */
export function signedPaidNotification ({ dataDir }: Pick<RunningApp, 'dataDir'>, paid: PaidNotification): Buffer {
  const credentials = JSON.parse(readFileSync(join(dataDir, SANDBOX_CREDENTIALS_FILE), 'utf8')) as SandboxCredentials
  const currency = paid.currency ?? 'CNY'
  const amount = toAlipayAmount(paid.amount, currency)
  if (IS_GLOBAL) {
    const fields: Record<string, string> = {
      notify_type: 'trade_status_sync', notify_id: paid.notifyId, notify_time: '2026-12-06 14:00:05',
      out_trade_no: paid.outTradeNo, trade_no: paid.tradeNo, trade_status: 'TRADE_SUCCESS', total_fee: amount,
      trans_currency: currency, seller_id: credentials.partnerId, buyer_id: '2088102177846880', gmt_payment: '2026-12-06 14:00:04',
    }
    return formEncode({ ...fields, sign_type: 'MD5', sign: alipaySign(preString(fields), 'MD5', credentials.md5Key) })
  }
  return formEncode(signNotification({
    notify_type: 'trade_status_sync', notify_id: paid.notifyId, notify_time: '2026-12-06 14:00:05', charset: 'utf-8', version: '1.0',
    sign_type: 'RSA2', app_id: credentials.appId, auth_app_id: credentials.appId, seller_id: credentials.sellerId,
    out_trade_no: paid.outTradeNo, trade_no: paid.tradeNo, trade_status: 'TRADE_SUCCESS', total_amount: amount,
    subject: 'Table #1', buyer_id: '2088102177846880', gmt_payment: '2026-12-06 14:00:04',
  }, { key: createPrivateKey(credentials.alipayPrivateKey) }))
}

/**
 * The notify_id of a notification the emulator made for the trade and has not dropped: under the MAPI the app only
 * applies a notification whose id `notify_verify` confirms, so a test's own notification must carry a real one.
 */
export async function emulatorNotifyId (base: string, outTradeNo: string): Promise<string | undefined> {
  const records = await (await fetch(`${base}/sandbox/notifications`)).json() as Array<{ notifyId: string, outTradeNo: string, state: string }>
  return records.find(record => record.outTradeNo === outTradeNo && record.state !== 'dropped')?.notifyId
}

export interface StandaloneIdentity {
  /** The emulator's base URL, ending in /sandbox. */
  url: string
  appId: string
  sellerId: string
  partnerId: string
  md5Key: string
  merchantPrivateKey: string
  alipayPublicKey: string
}

/** ALIPAY_* env pointing the app (ALIPAY_MODE=alipay-sandbox) at a standalone emulator, in this protocol's terms. */
export function standaloneAlipayEnv (identity: StandaloneIdentity): Record<string, string> {
  const openApi = {
    ALIPAY_MODE: 'alipay-sandbox',
    ALIPAY_APP_ID: identity.appId,
    ALIPAY_SELLER_ID: identity.sellerId,
    ALIPAY_PRIVATE_KEY: identity.merchantPrivateKey,
    ALIPAY_PUBLIC_KEY: identity.alipayPublicKey,
  }
  if (!IS_GLOBAL) return { ...openApi, ALIPAY_GATEWAY: `${identity.url}/gateway.do` }
  return { ...openApi, ALIPAY_GATEWAY: `${identity.url}/mapi/gateway.do`, ALIPAY_PARTNER_ID: identity.partnerId, ALIPAY_MD5_KEY: identity.md5Key }
}
