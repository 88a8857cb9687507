// Alipay notifications signed as the built-in emulator signs them (docs/alipay.md, "Notifications"): the sorted
// fields without sign and sign_type, SHA256withRSA with the emulator's Alipay private key, form-urlencoded.
import { createPrivateKey, createSign, randomBytes } from 'node:crypto'

export interface OpenPayment {
  /** Our payment id, which is the trade's out_trade_no. */
  id: string
  /** In fen. */
  amount: number
}

export interface Signer {
  appId: string
  sellerId: string
  alipayPrivateKey: string
}

/** Beijing time as Alipay writes it: yyyy-MM-dd HH:mm:ss. */
function beijing (at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ')
}

const yuan = (fen: number): string => (fen / 100).toFixed(2)

/** A TRADE_SUCCESS notification for one payment, as a form body. */
export function paidNotification (signer: Signer, payment: OpenPayment, n: number): string {
  const now = new Date()
  const fields: Record<string, string> = {
    notify_type: 'trade_status_sync',
    notify_id: `bench${n}${randomBytes(8).toString('hex')}`,
    notify_time: beijing(now),
    app_id: signer.appId,
    auth_app_id: signer.appId,
    charset: 'utf-8',
    version: '1.0',
    trade_no: `2026${String(n).padStart(24, '0')}`,
    out_trade_no: payment.id,
    seller_id: signer.sellerId,
    trade_status: 'TRADE_SUCCESS',
    total_amount: yuan(payment.amount),
    receipt_amount: yuan(payment.amount),
    invoice_amount: yuan(payment.amount),
    buyer_pay_amount: yuan(payment.amount),
    point_amount: '0.00',
    buyer_id: '2088102177846880',
    buyer_logon_id: 'ben***@example.com',
    subject: 'Bench order',
    gmt_create: beijing(new Date(now.getTime() - 30_000)),
    gmt_payment: beijing(now),
  }
  const content = Object.keys(fields).sort().map(name => `${name}=${fields[name]}`).join('&')
  const key = createPrivateKey(signer.alipayPrivateKey)
  const sign = createSign('RSA-SHA256').update(content, 'utf8').sign(key, 'base64')
  return new URLSearchParams({ ...fields, sign_type: 'RSA2', sign }).toString()
}
