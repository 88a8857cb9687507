// The server sends staff codes and facts, never words: a failed payment or refund carries its failure code, an alert its
// kind and detail; the console words them from its own message files (kiosk/src/staff/i18n).
import { describe, expect, it } from 'vitest'
import { buildEmptyApp, loginStaff } from '../auth-helpers.js'
import { recordEvents } from '../fixtures/orders.js'
import { pairedTablet, placedOrder } from '../payments/fixtures.js'
import { newId, nowIso } from '../../src/lib/tokens.js'
import type { App } from '../../src/app.js'
import { AlertKindEnum, type Alert } from '#shared/schemas/alert.js'
import type { StaffPaymentDetail } from '#shared/schemas/payment.js'

async function alertsOf (app: App, staff: string): Promise<Alert[]> {
  const response = await app.inject({ method: 'GET', url: '/api/staff/alerts', headers: { cookie: staff } })
  expect(response.statusCode).toBe(200)
  return response.json<{ alerts: Alert[] }>().alerts
}

async function insertPayment (app: App, orderId: string, status: string, failureCode: string | null): Promise<string> {
  const id = newId('pay')
  const at = nowIso()
  await app.db.insertInto('payments').values({
    id, order_id: orderId, method: 'alipay_qr', status, amount: 4280, currency: 'CNY', qr_code: null, trade_no: null,
    buyer_id: null, expires_at: null, failure_code: failureCode, paid_at: null, next_check_at: null, unknown_since: null,
    created_at: at, updated_at: at,
  }).execute()
  return id
}

async function detailOf (app: App, staff: string, paymentId: string): Promise<StaffPaymentDetail> {
  const response = await app.inject({ method: 'GET', url: `/api/staff/payments/${paymentId}`, headers: { cookie: staff } })
  expect(response.statusCode, response.body).toBe(200)
  return response.json<StaffPaymentDetail>()
}

describe('GET /api/staff/alerts', () => {
  it('sends each alert\'s kind and raw facts and no words of its own, listed and live', async () => {
    const app = await buildEmptyApp()
    const staff = await loginStaff(app)
    const events = await recordEvents(app)
    const detail = { refundId: 'rfd_1', amount: 1200, code: '40004', subCode: 'ACQ.SELLER_BALANCE_NOT_ENOUGH' }
    await app.alerts.raise({ kind: AlertKindEnum.REFUND_FAILED, paymentId: 'pay_a', detail })
    const [alert] = await alertsOf(app, staff)
    expect(alert).toMatchObject({ kind: AlertKindEnum.REFUND_FAILED, paymentId: 'pay_a', detail })
    expect(alert).not.toHaveProperty('message')
    expect(alert).not.toHaveProperty('staffAction')
    await app.events.settled()
    const live = events.find(event => event.event === 'alert.raised')
    expect(live?.data).toEqual(alert)
  })
})

describe('GET /api/staff/payments/:id', () => {
  it('carries why a payment or refund failed as its code (ours or Alipay\'s sub_code), and no words', async () => {
    const app = await buildEmptyApp()
    const staff = await loginStaff(app)
    const tablet = await pairedTablet(app)
    const orderId = await placedOrder(app, tablet)

    const expired = await detailOf(app, staff, await insertPayment(app, orderId, 'cancelled', 'EXPIRED'))
    expect(expired.payment.failureCode).toBe('EXPIRED')
    expect(Object.keys(expired).sort()).toEqual(['events', 'payment', 'refunds'])
    const refused = await detailOf(app, staff, await insertPayment(app, orderId, 'failed', 'ACQ.EXIST_FORBIDDEN_WORD'))
    expect(refused.payment.failureCode).toBe('ACQ.EXIST_FORBIDDEN_WORD')
    expect(refused).not.toHaveProperty('failureMessage')

    const paidId = await insertPayment(app, orderId, 'partially_refunded', null)
    const at = nowIso()
    await app.db.insertInto('refunds').values([
      { id: 'rfd_ok', payment_id: paidId, out_request_no: 'rq_ok', amount: 100, reason: 'Cold soup', status: 'succeeded', staff_id: null, failure_code: null, next_check_at: null, created_at: at, updated_at: at },
      { id: 'rfd_bad', payment_id: paidId, out_request_no: 'rq_bad', amount: 200, reason: 'Wrong dish', status: 'failed', staff_id: null, failure_code: 'ACQ.SELLER_BALANCE_NOT_ENOUGH', next_check_at: null, created_at: at, updated_at: at },
    ]).execute()
    const paid = await detailOf(app, staff, paidId)
    expect(paid.payment.failureCode).toBeNull()
    expect(paid.refunds.find(refund => refund.id === 'rfd_ok')?.failureCode).toBeNull()
    const failed = paid.refunds.find(refund => refund.id === 'rfd_bad')
    expect(failed?.failureCode).toBe('ACQ.SELLER_BALANCE_NOT_ENOUGH')
    expect(Object.keys(failed ?? {}).sort()).toEqual(['amount', 'createdAt', 'failureCode', 'id', 'outRequestNo', 'paymentId', 'reason', 'status'])
    // No sentence in either language anywhere in the detail: wording lives in the console.
    expect(JSON.stringify(paid)).not.toMatch(/Top up|\p{Script=Han}/u)
  })
})
