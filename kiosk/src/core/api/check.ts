// The table's check, shared by the tablet and the diner's phone (each with its own session cookie).
import type { Check, CreateCheckPayment } from '@shared/schemas/check'
import type { Payment } from '@shared/schemas/payment'
import { request } from '@/core/api/client'

/** The table's current check; 404 `CHECK_NOT_FOUND` while nothing has been ordered at the table. */
export function getCheck (): Promise<Check> {
  return request('GET', '/api/table/check')
}

/** A payment against the check: `qrCode` for `alipay_qr`, `tradeNo` for `alipay_jsapi`. */
export function createCheckPayment (body: CreateCheckPayment): Promise<Payment> {
  return request('POST', '/api/table/check/payments', { body })
}
