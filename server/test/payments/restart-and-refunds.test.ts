// A restart in the middle of a payment, and refunds (partial, full, retried with the same out_request_no).
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildSandboxApp } from '../../sandbox/app.js'
import { sandboxKeyPair } from '../../sandbox/keys.js'
import { tempDataDir } from '../helper.js'
import {
  api, orderStatus, paymentStatus, payAtAlipay, pairedTablet, placedOrder, setFaults, startApp, startQr, stopApp, until,
} from './fixtures.js'
import { serviceName, standaloneAlipayEnv } from './protocol.js'
import type { Payment, Refund } from '#shared/schemas/payment.js'

const APP_ID = '2021000000000042'
const SELLER_ID = '2088000000000042'
const sandboxes: FastifyInstance[] = []
afterEach(async () => {
  for (const sandbox of sandboxes.splice(0)) await sandbox.close()
})

const PARTNER_ID = SELLER_ID
const MD5_KEY = 'q3w8e5r1t7y2u9i4o6p0a3s8d5f1g7h2'

/** A standalone emulator, so it outlives the server under test (ALIPAY_MODE=alipay-sandbox against it). */
async function standaloneSandbox (): Promise<{ env: Record<string, string>, url: string }> {
  const merchant = sandboxKeyPair()
  const alipay = sandboxKeyPair()
  const sandbox = await buildSandboxApp({
    appId: APP_ID,
    sellerId: SELLER_ID,
    partnerId: PARTNER_ID,
    md5Key: MD5_KEY,
    merchantPublicKey: merchant.publicKey,
    alipayPrivateKey: alipay.privateKey,
    publicUrl: 'http://127.0.0.1:1/sandbox',
    notifyRetryDelaysMs: [50, 100, 200, 400, 800, 1600, 3200],
  })
  sandboxes.push(sandbox)
  await sandbox.listen({ port: 0, host: '127.0.0.1' })
  const url = `http://127.0.0.1:${(sandbox.server.address() as AddressInfo).port}/sandbox`
  return {
    url,
    env: standaloneAlipayEnv({
      url, appId: APP_ID, sellerId: SELLER_ID, partnerId: PARTNER_ID, md5Key: MD5_KEY,
      merchantPrivateKey: merchant.privateKey, alipayPublicKey: alipay.publicKey,
    }),
  }
}

async function staffCookie (base: string): Promise<string> {
  const response = await fetch(`${base}/api/staff/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pin: '246810' }) })
  expect(response.status).toBe(200)
  return (response.headers.get('set-cookie') ?? '').split(';')[0]!
}

describe('restart mid-payment', () => {
  it('resumes the in-flight payment after a restart and reconciles it to what Alipay says', async () => {
    const { env, url } = await standaloneSandbox()
    const dataDir = tempDataDir()
    const first = await startApp({ ...env, DATA_DIR: dataDir })
    const tablet = await pairedTablet(first.app)
    const orderId = await placedOrder(first.app, tablet)
    const { body: payment } = await startQr(first.base, tablet, orderId)
    expect(payment.status).toBe('waiting')
    await stopApp(first.app)

    // The diner pays while the server is down: the notification cannot be delivered.
    const paid = await fetch(`${url}/trades/${payment.id}/pay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
    expect(paid.status).toBe(200)

    const second = await startApp({ ...env, DATA_DIR: dataDir })
    await until(async () => (await paymentStatus(second.app, payment.id)) === 'paid', 10_000, 'paid after restart')
    expect(await orderStatus(second.app, orderId)).toBe('paid')
  })
})

describe('refunds', () => {
  it('refunds part, then the rest, and refuses more than was paid', async () => {
    const { app, base } = await startApp()
    const tablet = await pairedTablet(app)
    const orderId = await placedOrder(app, tablet, 5_000)
    const { body: payment } = await startQr(base, tablet, orderId)
    await payAtAlipay(base, payment.id)
    await until(async () => (await paymentStatus(app, payment.id)) === 'paid')
    const cookie = await staffCookie(base)

    const part = await api<Refund>(base, `/api/staff/payments/${payment.id}/refunds`, { method: 'POST', cookie, body: { amount: 1_200, reason: 'Dish came cold' } })
    expect(part.status).toBe(201)
    expect(part.body).toMatchObject({ status: 'succeeded', amount: 1_200 })
    expect(await paymentStatus(app, payment.id)).toBe('partially_refunded')

    const tooMuch = await api<{ code: string }>(base, `/api/staff/payments/${payment.id}/refunds`, { method: 'POST', cookie, body: { amount: 3_801, reason: 'x' } })
    expect(tooMuch.status).toBe(422)
    expect(tooMuch.body.code).toBe('REFUND_TOO_LARGE')

    const rest = await api<Refund>(base, `/api/staff/payments/${payment.id}/refunds`, { method: 'POST', cookie, body: { amount: 3_800, reason: 'Guest left' } })
    expect(rest.body.status).toBe('succeeded')
    const read = await api<Payment>(base, `/api/payments/${payment.id}`, { cookie: tablet.cookie })
    expect(read.body).toMatchObject({ status: 'refunded', refundedAmount: 5_000 })
    const trade = await (await fetch(`${base}/sandbox/trades/${payment.id}`)).json() as { refundFee: string }
    expect(trade.refundFee).toBe('50.00')
  })

  it('retries a refund whose answer was lost with the same out_request_no, refunding once', async () => {
    const { app, base } = await startApp({ ALIPAY_TIMEOUT_MS: '300' })
    const tablet = await pairedTablet(app)
    const orderId = await placedOrder(app, tablet, 2_000)
    const { body: payment } = await startQr(base, tablet, orderId)
    await payAtAlipay(base, payment.id)
    await until(async () => (await paymentStatus(app, payment.id)) === 'paid')
    const cookie = await staffCookie(base)

    await setFaults(base, { unavailableRate: 1, methods: [serviceName('refund')] })
    const refund = await api<Refund>(base, `/api/staff/payments/${payment.id}/refunds`, { method: 'POST', cookie, body: { amount: 2_000, reason: 'Wrong table' } })
    expect(refund.status).toBe(201)
    expect(refund.body.status).toBe('unknown')
    await setFaults(base, {})
    await until(async () => (await app.db.selectFrom('refunds').select('status').where('id', '=', refund.body.id).executeTakeFirst())?.status === 'succeeded', 15_000, 'refund retried')
    const rows = await app.db.selectFrom('refunds').select('out_request_no').where('payment_id', '=', payment.id).execute()
    expect(rows.map(row => row.out_request_no)).toEqual([refund.body.outRequestNo])
    const trade = await (await fetch(`${base}/sandbox/trades/${payment.id}`)).json() as { refundFee: string }
    expect(trade.refundFee).toBe('20.00')
    expect(await paymentStatus(app, payment.id)).toBe('refunded')
  })

  it('only managers refund', async () => {
    const { app, base } = await startApp()
    const tablet = await pairedTablet(app)
    const orderId = await placedOrder(app, tablet)
    const { body: payment } = await startQr(base, tablet, orderId)
    const anonymous = await api<{ code: string }>(base, `/api/staff/payments/${payment.id}/refunds`, { method: 'POST', body: { amount: 100, reason: 'x' } })
    expect(anonymous.status).toBe(401)
    const cookie = await staffCookie(base)
    const unpaid = await api<{ code: string }>(base, `/api/staff/payments/${payment.id}/refunds`, { method: 'POST', cookie, body: { amount: 100, reason: 'x' } })
    expect(unpaid.body.code).toBe('REFUND_NOT_ALLOWED')
  })
})
