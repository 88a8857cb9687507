// Payments under faults: gateway timeouts, deadlines, late and double payments, bad signatures.
import { describe, expect, it } from 'vitest'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { sandboxKeyPair } from '../../sandbox/keys.js'
import {
  api, orderStatus, paymentStatus, payAtAlipay, pairedTablet, placedOrder, setFaults, startApp, startQr, stopApp, until,
} from './fixtures.js'
import { RSA_SIGNED_ENV, serviceName } from './protocol.js'
import type { Payment } from '#shared/schemas/payment.js'

async function expire (app: Awaited<ReturnType<typeof startApp>>['app'], paymentId: string): Promise<void> {
  // The QR's time is up: what the clock would do after PAYMENT_QR_TIMEOUT_S.
  const past = new Date(Date.now() - 1000).toISOString()
  await app.db.updateTable('payments').set({ expires_at: past, qr_deadline_at: past, next_check_at: new Date().toISOString() })
    .where('id', '=', paymentId).execute()
}

async function alertKinds (app: Awaited<ReturnType<typeof startApp>>['app']): Promise<string[]> {
  return (await app.db.selectFrom('alerts').select('kind').execute()).map(row => row.kind)
}

describe('payment faults', () => {
  it('a precreate that times out shows no QR, retries with new out_trade_nos, and cancels the unknown trades', async () => {
    const { app, base } = await startApp({ ALIPAY_TIMEOUT_MS: '300' })
    await setFaults(base, { timeoutRate: 1, methods: [serviceName('precreate')] })
    const tablet = await pairedTablet(app)
    const orderId = await placedOrder(app, tablet)
    const response = await startQr(base, tablet, orderId)
    expect(response.status).toBe(503)
    expect(response.body).toMatchObject({ code: 'PAYMENT_UNAVAILABLE' })
    const attempts = await app.db.selectFrom('payments').select(['id', 'status', 'qr_code']).where('order_id', '=', orderId).execute()
    expect(attempts).toHaveLength(3)
    expect(new Set(attempts.map(row => row.id)).size).toBe(3)
    // None showed a QR; the reconciler may already be cancelling the earlier ones.
    expect(attempts.every(row => ['unknown', 'cancelled'].includes(row.status) && row.qr_code === null)).toBe(true)

    await setFaults(base, {})
    // Each unknown attempt is queried (not scanned: TRADE_NOT_EXIST) and cancelled, so none can be paid later.
    await until(async () => {
      const rows = await app.db.selectFrom('payments').select('status').where('order_id', '=', orderId).execute()
      return rows.every(row => row.status === 'cancelled')
    }, 15_000, 'unknown attempts cancelled')
    const retry = await startQr(base, tablet, orderId)
    expect(retry.status).toBe(201)
    expect(retry.body.qrCode).toBeTruthy()
  })

  it('cancels an unpaid QR at its deadline, after which it cannot be paid', async () => {
    const { app, base } = await startApp()
    const tablet = await pairedTablet(app)
    const orderId = await placedOrder(app, tablet)
    const { body: payment } = await startQr(base, tablet, orderId)
    await expire(app, payment.id)
    await until(async () => (await paymentStatus(app, payment.id)) === 'cancelled', 10_000, 'cancelled at deadline')
    expect(await payAtAlipay(base, payment.id)).not.toBe(200)
    expect(await orderStatus(app, orderId)).toBe('placed')
    const read = await api<Payment>(base, `/api/payments/${payment.id}`, { cookie: tablet.cookie })
    expect(read.body).toMatchObject({ status: 'cancelled', failureCode: 'EXPIRED' })
  })

  it('a diner cancel settles the trade; a new attempt gets a new out_trade_no', async () => {
    const { app, base } = await startApp()
    const tablet = await pairedTablet(app)
    const orderId = await placedOrder(app, tablet)
    const { body: first } = await startQr(base, tablet, orderId)
    const cancelled = await api<Payment>(base, `/api/payments/${first.id}/cancel`, { method: 'POST', cookie: tablet.cookie })
    expect(cancelled.body.status).toBe('cancelled')
    const { body: second } = await startQr(base, tablet, orderId)
    expect(second.id).not.toBe(first.id)
    expect(await payAtAlipay(base, first.id)).not.toBe(200)
  })

  it('a payment that lands after the deadline marks the order paid and alerts staff', async () => {
    const { app, base } = await startApp()
    await setFaults(base, { notify: { drop: true } })
    const tablet = await pairedTablet(app)
    const orderId = await placedOrder(app, tablet)
    const { body: payment } = await startQr(base, tablet, orderId)
    // Our cancel cannot get through, so the trade stays payable past our deadline.
    await setFaults(base, { unavailableRate: 1, methods: [serviceName('cancel')], notify: { drop: true } })
    await expire(app, payment.id)
    await until(async () => (await paymentStatus(app, payment.id)) === 'unknown', 10_000, 'unknown after a failed cancel')
    expect(await alertKinds(app)).toContain('payment.unknown')
    await payAtAlipay(base, payment.id)
    await app.db.updateTable('payments').set({ next_check_at: new Date().toISOString() }).where('id', '=', payment.id).execute()
    await until(async () => (await paymentStatus(app, payment.id)) === 'paid', 10_000, 'late success')
    expect(await orderStatus(app, orderId)).toBe('paid')
    expect(await alertKinds(app)).toContain('payment.late_success')
  })

  it('refunds a second successful trade for an order that is already paid', async () => {
    const { app, base } = await startApp()
    await setFaults(base, { notify: { drop: true } })
    const tablet = await pairedTablet(app)
    const orderId = await placedOrder(app, tablet, 3_000)
    const { body: first } = await startQr(base, tablet, orderId)
    // The first QR is paid at Alipay while we believe it failed (say its answer was lost).
    await payAtAlipay(base, first.id)
    await app.db.updateTable('payments').set({ status: 'failed', next_check_at: null }).where('id', '=', first.id).execute()
    const { body: second } = await startQr(base, tablet, orderId)
    await payAtAlipay(base, second.id)
    await until(async () => (await orderStatus(app, orderId)) === 'paid', 10_000, 'order paid by the second trade')

    // Staff re-query the first one by hand: the double payment is found and refunded automatically.
    const staff = await app.inject({ method: 'POST', url: '/api/staff/session', payload: { pin: '246810' } })
    const staffCookie = staff.headers['set-cookie']
    expect(staff.statusCode).toBe(200)
    const recheck = await api<Payment>(base, `/api/staff/payments/${first.id}/query`, { method: 'POST', cookie: String(staffCookie).split(';')[0] })
    expect(recheck.status).toBe(200)
    await until(async () => (await paymentStatus(app, first.id)) === 'refunded', 10_000, 'double payment refunded')
    expect(await paymentStatus(app, second.id)).toBe('paid')
    expect(await alertKinds(app)).toContain('payment.double_payment')
    const trade = await (await fetch(`${base}/sandbox/trades/${first.id}`)).json() as { refundFee: string, state: string }
    expect(trade.refundFee).toBe('30.00')
  })

  it('shows no QR when the gateway answer carries a bad signature', async () => {
    // The merchant trusts a different "Alipay" key than the one the emulator signs with.
    const wrong = sandboxKeyPair()
    const first = await startApp(RSA_SIGNED_ENV)
    await stopApp(first.app)
    const dataDir = first.dataDir
    const file = join(dataDir, 'alipay-sandbox', 'credentials.json')
    const credentials = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>
    writeFileSync(file, JSON.stringify({ ...credentials, alipayPublicKey: wrong.publicKey }))
    const restarted = await startApp({ ...RSA_SIGNED_ENV, DATA_DIR: dataDir })
    const tablet = await pairedTablet(restarted.app)
    const orderId = await placedOrder(restarted.app, tablet)
    const response = await startQr(restarted.base, tablet, orderId)
    expect(response.status).toBe(503)
    const rows = await restarted.app.db.selectFrom('payments').select(['qr_code', 'status']).where('order_id', '=', orderId).execute()
    expect(rows.every(row => row.qr_code === null && row.status === 'unknown')).toBe(true)
    const events = await restarted.app.db.selectFrom('payment_events').select('detail').where('kind', '=', 'precreate-unknown').execute()
    expect(events[0]?.detail).toContain('bad-signature')
  })

  it('a notification with a bad signature is refused and raises an alert; polling still pays', async () => {
    const { app, base } = await startApp()
    await setFaults(base, { notify: { badSignature: true } })
    const tablet = await pairedTablet(app)
    const orderId = await placedOrder(app, tablet)
    const { body: payment } = await startQr(base, tablet, orderId)
    await payAtAlipay(base, payment.id)
    await until(async () => (await alertKinds(app)).includes('notification.bad_signature'), 10_000, 'bad signature alert')
    await until(async () => (await paymentStatus(app, payment.id)) === 'paid', 10_000, 'paid by polling')
    const notifySources = await app.db.selectFrom('payment_events').select('source').where('payment_id', '=', payment.id).where('source', '=', 'notify').execute()
    expect(notifySources).toHaveLength(0)
  })
})
