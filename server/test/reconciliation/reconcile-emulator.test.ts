// Reconciling a day end to end: real payments and a refund through the built-in emulator over HTTP, the
// emulator's bill (a real zip of GBK CSV), the API, the stored result and the alerts.
import { describe, expect, it } from 'vitest'
import { sandboxKeyPair } from '../../sandbox/keys.js'
import { addDays } from '../../src/reports/report-dates.js'
import { beijingDayOf } from '../../src/reconciliation/bill-day.js'
import { addStaff, loginStaff } from '../auth-helpers.js'
import { buildTestApp } from '../helper.js'
import {
  api, paymentStatus, payAtAlipay, pairedTablet, placedOrder, setFaults, startApp, startQr, until, type RunningApp,
} from '../payments/fixtures.js'
import type { Payment, Refund } from '#shared/schemas/payment.js'
import type { Reconciliation } from '#shared/schemas/reports.js'

const ZERO = { matched: 0, onlyAtAlipay: 0, onlyHere: 0, amountDiffers: 0, refundDiffers: 0 }

async function paidPayment ({ app, base }: RunningApp, tablet: Awaited<ReturnType<typeof pairedTablet>>, total: number): Promise<Payment> {
  const orderId = await placedOrder(app, tablet, total)
  const { body: payment } = await startQr(base, tablet, orderId)
  expect(await payAtAlipay(base, payment.id)).toBe(200)
  await until(async () => (await paymentStatus(app, payment.id)) === 'paid', 10_000, 'payment paid')
  return payment
}

async function mismatchAlerts ({ app }: RunningApp): Promise<Array<{ payment_id: string | null, detail: string }>> {
  return app.db.selectFrom('alerts').select(['payment_id', 'detail']).where('kind', '=', 'reconciliation.mismatch').orderBy('created_at').execute()
}

describe('reconciliation against the emulator', () => {
  it('matches a day of payments and a refund, then reports a tampered amount once, however often it runs', async () => {
    const running = await startApp()
    const { app, base } = running
    const tablet = await pairedTablet(app)
    const manager = await loginStaff(app)
    const first = await paidPayment(running, tablet, 4_280)
    const second = await paidPayment(running, tablet, 1_950)
    const refund = await api<Refund>(base, `/api/staff/payments/${second.id}/refunds`, { method: 'POST', cookie: manager, body: { amount: 950, reason: 'Dish came cold' } })
    expect(refund.body).toMatchObject({ status: 'succeeded' })

    const today = beijingDayOf(new Date())
    const path = `/api/staff/reports/reconciliation/${today}`
    expect((await api<Reconciliation>(base, path, { cookie: manager })).body).toMatchObject({ date: today, status: 'not_run', checkedAt: null })

    const matched = await api<Reconciliation>(base, path, { method: 'POST', cookie: manager })
    expect(matched.status).toBe(200)
    expect(matched.body).toMatchObject({ date: today, status: 'matched', counts: { ...ZERO, matched: 3 }, mismatches: [], reason: null })
    expect((await api<Reconciliation>(base, path, { cookie: manager })).body).toEqual(matched.body)
    expect(await mismatchAlerts(running)).toEqual([])

    // Our ledger says 40.00 where Alipay took 42.80.
    await app.db.updateTable('payments').set({ amount: 4_000 }).where('id', '=', first.id).execute()
    const mismatched = await api<Reconciliation>(base, path, { method: 'POST', cookie: manager })
    expect(mismatched.body).toMatchObject({ status: 'mismatched', counts: { ...ZERO, matched: 2, amountDiffers: 1 } })
    expect(mismatched.body.mismatches).toEqual([
      { kind: 'amount_differs', outTradeNo: first.id, outRequestNo: null, tradeNo: expect.any(String), paymentId: first.id, here: 4_000, alipay: 4_280 },
    ])
    const alerts = await mismatchAlerts(running)
    expect(alerts).toHaveLength(1)
    expect(alerts[0]!.payment_id).toBe(first.id)
    expect(JSON.parse(alerts[0]!.detail)).toEqual({ date: today, kind: 'amount_differs', outTradeNo: first.id, outRequestNo: null, here: 4_000, alipay: 4_280 })

    // Running the day again finds the same mismatch and does not alert again.
    const again = await api<Reconciliation>(base, path, { method: 'POST', cookie: manager })
    expect(again.body.mismatches).toEqual(mismatched.body.mismatches)
    expect(await mismatchAlerts(running)).toHaveLength(1)

    // A refund Alipay made that we no longer know as succeeded: at Alipay only, a second alert.
    await app.db.updateTable('refunds').set({ status: 'failed' }).where('id', '=', refund.body.id).execute()
    const refundGone = await api<Reconciliation>(base, path, { method: 'POST', cookie: manager })
    expect(refundGone.body.counts).toEqual({ ...ZERO, matched: 1, amountDiffers: 1, onlyAtAlipay: 1 })
    expect(refundGone.body.mismatches[1]).toMatchObject({ kind: 'only_at_alipay', outTradeNo: second.id, outRequestNo: refund.body.outRequestNo, here: null, alipay: 950 })
    expect(await mismatchAlerts(running)).toHaveLength(2)

    // A run that cannot fetch the bill answers failed but leaves the day's differences in place.
    await setFaults(base, { unavailableRate: 1, methods: ['alipay.data.dataservice.bill.downloadurl.query'] })
    expect((await api<Reconciliation>(base, path, { method: 'POST', cookie: manager })).body).toMatchObject({ status: 'failed', reason: 'gateway_unknown' })
    expect((await api<Reconciliation>(base, path, { cookie: manager })).body).toEqual(refundGone.body)
  })

  it('a day without trades has no bill yet; staff read, managers run; bad and future days are refused', async () => {
    const { app, base } = await startApp()
    const manager = await loginStaff(app)
    const { cookie: waiter } = await addStaff(app, { name: 'Wei', role: 'staff', pin: '135790' })
    const yesterday = addDays(beijingDayOf(new Date()), -1)
    const path = `/api/staff/reports/reconciliation/${yesterday}`

    const noBill = await api<Reconciliation>(base, path, { method: 'POST', cookie: manager })
    expect(noBill.body).toMatchObject({ status: 'no_bill', reason: 'bill_not_exist', counts: ZERO, mismatches: [] })
    expect((await api<Reconciliation>(base, path, { cookie: waiter })).body).toEqual(noBill.body)

    // Alipay busy: the day is recorded as failed (the nightly run tries it again), with a code, not Alipay's words.
    await setFaults(base, { unavailableRate: 1, methods: ['alipay.data.dataservice.bill.downloadurl.query'] })
    const busy = await api<Reconciliation>(base, path, { method: 'POST', cookie: manager })
    expect(busy.body).toMatchObject({ status: 'failed', reason: 'gateway_unknown', counts: ZERO, mismatches: [] })
    expect((await api<Reconciliation>(base, path, { cookie: manager })).body).toEqual(busy.body)

    expect((await api<{ code: string }>(base, path, { method: 'POST', cookie: waiter })).status).toBe(403)
    expect((await api<{ code: string }>(base, path)).status).toBe(401)
    for (const bad of ['2026-02-30', 'yesterday', '2026-1-5']) {
      const answer = await api<{ code: string }>(base, `/api/staff/reports/reconciliation/${bad}`, { cookie: manager })
      expect([answer.status, answer.body.code]).toEqual([400, 'REPORT_DATE_INVALID'])
    }
    const tomorrow = await api<{ code: string }>(base, `/api/staff/reports/reconciliation/${addDays(beijingDayOf(new Date()), 1)}`, { method: 'POST', cookie: manager })
    expect([tomorrow.status, tomorrow.body.code]).toEqual([409, 'BILL_NOT_READY'])
  })

  it('under a real Alipay gateway today\'s bill is not ready yet', async () => {
    const merchant = sandboxKeyPair()
    const alipay = sandboxKeyPair()
    const app = await buildTestApp({
      ALIPAY_PROTOCOL: 'openapi',
      ALIPAY_MODE: 'alipay-sandbox',
      ALIPAY_APP_ID: '2021000000000042',
      ALIPAY_PRIVATE_KEY: merchant.privateKey,
      ALIPAY_PUBLIC_KEY: alipay.publicKey,
      ALIPAY_GATEWAY: 'http://127.0.0.1:9/gateway.do',
    })
    const manager = await loginStaff(app)
    const response = await app.inject({ method: 'POST', url: `/api/staff/reports/reconciliation/${beijingDayOf(new Date())}`, headers: { cookie: manager } })
    expect([response.statusCode, response.json<{ code: string }>().code]).toEqual([409, 'BILL_NOT_READY'])
  })

  it('under Alipay Global (MAPI) there is no bill to compare: unavailable, unsupported_gateway', async () => {
    const { app, base } = await startApp({ ALIPAY_PROTOCOL: 'global', STORE_CURRENCY: 'HKD' })
    const manager = await loginStaff(app)
    const yesterday = addDays(beijingDayOf(new Date()), -1)
    const run = await api<Reconciliation>(base, `/api/staff/reports/reconciliation/${yesterday}`, { method: 'POST', cookie: manager })
    expect(run.body).toMatchObject({ date: yesterday, status: 'unavailable', reason: 'unsupported_gateway', counts: ZERO, mismatches: [] })
  })
})
