// Our Alipay client against the sandbox emulator over real loopback HTTP: every gateway method, RSA2 and RSA, misconfiguration, faults.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sandboxKeyPair } from '../../sandbox/keys.js'
import type { AlipayGateway, GatewayResult, GatewaySuccess } from '../../src/alipay/gateway.js'
import { checkNotificationBusiness } from '../../src/alipay/notify-checks.js'
import { type AlipayNotification, verifyNotification } from '../../src/alipay/notify.js'
import type { SignType } from '../../src/alipay/sign.js'
import {
  APP_ID, authorizeBuyer, buyerIdOf, type Emulator, newOutTradeNo, notificationFor, type ReceivedNotification, scanQr,
  SELLER_ID, startEmulator, submitForm, until,
} from './emulator-fixture.js'

/** Asserts a success (the diff shows the whole result otherwise) and returns its data. */
function ok<T> (result: GatewayResult<T>): T {
  expect(result).toMatchObject({ outcome: 'success' })
  return (result as GatewaySuccess<T>).data
}

/** verifyNotification on the raw body must accept it; returns what it read. */
function verified (received: ReceivedNotification, alipayPublicKey: string): AlipayNotification {
  const result = verifyNotification(received.raw, received.contentType, alipayPublicKey)
  expect(result).toMatchObject({ ok: true, variant: 'v1' })
  if (!result.ok) throw new Error(result.detail)
  return result.notification
}

const SUBJECT = 'Table 7 · 宫保鸡丁'
/** Characters that form encoding and decoding must carry through both signatures unchanged (NODE issue #45). */
const BODY = '50% off + 1 free, a=b & c/d'

describe.each(['RSA2', 'RSA'] as const)('%s: a full round against the emulator', (signType: SignType) => {
  let emu: Emulator
  let gateway: AlipayGateway

  beforeAll(async () => {
    emu = await startEmulator(signType)
    gateway = emu.client()
  })
  afterAll(async () => { await emu.close() })

  /** precreate, then a buyer scans the QR and taps Pay. */
  async function paidQr (outTradeNo: string, totalAmount: number): Promise<{ tradeNo: string, buyerId: string | undefined }> {
    const { qrCode } = ok(await gateway.precreate({ outTradeNo, totalAmount, subject: SUBJECT }))
    const scan = await scanQr(qrCode)
    expect(scan.payUrl).toBeDefined()
    expect((await submitForm(scan.payUrl as string, scan.cookie)).html).toContain('data-result="paid"')
    const paid = ok(await gateway.query({ outTradeNo }))
    expect(paid.tradeStatus).toBe('TRADE_SUCCESS')
    return { tradeNo: paid.tradeNo, buyerId: buyerIdOf(scan.cookie) }
  }

  it('precreate → TRADE_NOT_EXIST before the scan → WAIT_BUYER_PAY → TRADE_SUCCESS, and a notification that verifies', async () => {
    const no = newOutTradeNo()
    const pre = ok(await gateway.precreate({ outTradeNo: no, totalAmount: 1234, subject: SUBJECT, body: BODY, storeId: 'store_01', terminalId: 'pad_07', timeoutMinutes: 5 }))
    expect(pre.outTradeNo).toBe(no)
    expect(pre.qrCode.startsWith(`${emu.base}/scan/`)).toBe(true)

    // Not scanned yet: a definite 40004, not an unknown (PROTOCOL §2.1).
    expect(await gateway.query({ outTradeNo: no })).toMatchObject({ outcome: 'failure', code: '40004', subCode: 'ACQ.TRADE_NOT_EXIST' })

    const scan = await scanQr(pre.qrCode)
    expect(scan.status).toBe(200)
    expect(scan.html).toContain('¥12.34')
    expect(scan.payUrl).toBe(`${pre.qrCode}/pay`)
    const buyerId = buyerIdOf(scan.cookie)
    expect(buyerId).toMatch(/^2088\d{12}$/)

    const waiting = ok(await gateway.query({ outTradeNo: no }))
    expect(waiting).toMatchObject({
      outTradeNo: no, tradeStatus: 'WAIT_BUYER_PAY', totalAmount: 1234, receiptAmount: 0, buyerPayAmount: 0, buyerId, userPaying: false,
    })
    expect(waiting.tradeNo).toMatch(/^\d{28}$/)
    expect(waiting.paidAt).toBeUndefined()

    const page = await submitForm(scan.payUrl as string, scan.cookie)
    expect(page.status).toBe(200)
    expect(page.html).toContain('data-result="paid"')

    // By Alipay's number this time.
    const paid = ok(await gateway.query({ tradeNo: waiting.tradeNo }))
    expect(paid).toMatchObject({
      outTradeNo: no, tradeNo: waiting.tradeNo, tradeStatus: 'TRADE_SUCCESS', totalAmount: 1234, receiptAmount: 1234, buyerPayAmount: 1234, buyerId,
    })
    expect(paid.paidAt).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/)

    const received = await notificationFor(emu.receiver, no, 'TRADE_SUCCESS')
    expect(received.contentType).toMatch(/^application\/x-www-form-urlencoded; ?charset=utf-8$/i)
    const notification = verified(received, emu.alipay.publicKey)
    expect(notification).toMatchObject({
      appId: APP_ID, sellerId: SELLER_ID, outTradeNo: no, tradeNo: waiting.tradeNo, tradeStatus: 'TRADE_SUCCESS',
      totalAmount: 1234, receiptAmount: 1234, buyerPayAmount: 1234, buyerId, subject: SUBJECT, body: BODY, signType, notifyType: 'trade_status_sync',
    })
    expect(checkNotificationBusiness(notification, { appId: APP_ID, sellerId: SELLER_ID, amount: 1234 }))
      .toEqual({ ok: true, tradeStatus: 'TRADE_SUCCESS', paid: true })
    expect(checkNotificationBusiness(notification, { appId: APP_ID, sellerId: SELLER_ID, amount: 1235 })).toMatchObject({ ok: false, failed: 'amount' })
    // Verified with any other key, the same bytes are refused.
    expect(verifyNotification(received.raw, received.contentType, emu.merchant.publicKey)).toMatchObject({ ok: false, reason: 'bad-signature' })
  })

  it('oauth authorize/allow → oauthToken → create for that buyer → WAIT_BUYER_PAY → close → TRADE_CLOSED', async () => {
    const { authCode, cookie, redirect } = await authorizeBuyer(emu, 'table-7')
    expect(`${redirect.origin}${redirect.pathname}`).toBe(`${emu.receiver.origin}/t/7`)
    expect(redirect.searchParams.get('state')).toBe('table-7')
    expect(redirect.searchParams.get('app_id')).toBe(APP_ID)

    const token = ok(await gateway.oauthToken({ code: authCode }))
    expect(token.userId).toBe(buyerIdOf(cookie))
    expect(token.openId).toBeTruthy()
    expect(token.expiresIn).toBeGreaterThan(0)
    expect(token.refreshToken).toBeTruthy()
    // The code is single-use: its error_response is a definite failure.
    expect(await gateway.oauthToken({ code: authCode })).toMatchObject({ outcome: 'failure', code: '40002', subCode: 'isv.code-invalid' })
    const refreshed = ok(await gateway.oauthToken({ refreshToken: token.refreshToken as string }))
    expect(refreshed.userId).toBe(token.userId)

    const buyerId = token.userId as string
    const no = newOutTradeNo('phone')
    const created = ok(await gateway.create({ outTradeNo: no, totalAmount: 4550, subject: SUBJECT, buyerId }))
    expect(created).toMatchObject({ outTradeNo: no, userPaying: false })
    expect(created.tradeNo).toMatch(/^\d{28}$/)

    // A created trade exists at once (PROTOCOL §2.9).
    expect(ok(await gateway.query({ outTradeNo: no }))).toMatchObject({
      outTradeNo: no, tradeNo: created.tradeNo, tradeStatus: 'WAIT_BUYER_PAY', totalAmount: 4550, buyerId,
    })
    expect(ok(await gateway.close({ outTradeNo: no }))).toEqual({ outTradeNo: no, tradeNo: created.tradeNo })
    expect(ok(await gateway.query({ outTradeNo: no }))).toMatchObject({ tradeStatus: 'TRADE_CLOSED', totalAmount: 4550 })
    // Closing twice: the trade is no longer WAIT_BUYER_PAY (PROTOCOL §2.5).
    expect(await gateway.close({ outTradeNo: no })).toMatchObject({ outcome: 'failure', code: '40004', subCode: 'ACQ.TRADE_STATUS_ERROR' })

    const closed = verified(await notificationFor(emu.receiver, no, 'TRADE_CLOSED'), emu.alipay.publicKey)
    expect(closed).toMatchObject({ outTradeNo: no, tradeNo: created.tradeNo, buyerId })
    expect(checkNotificationBusiness(closed, { appId: APP_ID, sellerId: SELLER_ID, amount: 4550 }))
      .toEqual({ ok: true, tradeStatus: 'TRADE_CLOSED', paid: false })

    // The newer-app variant: the buyer named by open id, and named back the same way.
    const byOpenId = newOutTradeNo('phone')
    const openIdTrade = ok(await gateway.create({ outTradeNo: byOpenId, totalAmount: 100, subject: SUBJECT, buyerOpenId: token.openId as string }))
    expect(ok(await gateway.query({ tradeNo: openIdTrade.tradeNo }))).toMatchObject({ tradeStatus: 'WAIT_BUYER_PAY', buyerOpenId: token.openId })
    expect(ok(await gateway.cancel({ tradeNo: openIdTrade.tradeNo }))).toMatchObject({ action: 'close', retryFlag: false })
  })

  it('cancel before the scan: no action, and the QR can no longer be paid', async () => {
    const no = newOutTradeNo()
    const { qrCode } = ok(await gateway.precreate({ outTradeNo: no, totalAmount: 880, subject: SUBJECT }))

    const cancelled = ok(await gateway.cancel({ outTradeNo: no }))
    expect(cancelled).toMatchObject({ action: null, retryFlag: false })

    const scan = await scanQr(qrCode)
    expect(scan.status).toBe(410)
    expect(scan.html).toContain('data-result="invalid"')
    expect(scan.payUrl).toBeUndefined()
    expect((await submitForm(`${qrCode}/pay`, scan.cookie)).status).toBe(410)
    expect(await gateway.query({ outTradeNo: no })).toMatchObject({ outcome: 'failure', subCode: 'ACQ.TRADE_NOT_EXIST' })
    // Cancelling again is as harmless as the first time.
    expect(ok(await gateway.cancel({ outTradeNo: no }))).toMatchObject({ action: null, retryFlag: false })
  })

  it('close before the scan: a definite TRADE_NOT_EXIST, and the QR can no longer be paid', async () => {
    const no = newOutTradeNo()
    const { qrCode } = ok(await gateway.precreate({ outTradeNo: no, totalAmount: 660, subject: SUBJECT }))
    expect(await gateway.close({ outTradeNo: no })).toMatchObject({ outcome: 'failure', code: '40004', subCode: 'ACQ.TRADE_NOT_EXIST' })
    const scan = await scanQr(qrCode)
    expect(scan.status).toBe(410)
    expect(scan.payUrl).toBeUndefined()
  })

  it('cancel after paying: action refund, the trade closes and Alipay notifies the refund', async () => {
    const no = newOutTradeNo()
    const { tradeNo } = await paidQr(no, 2599)

    expect(ok(await gateway.cancel({ outTradeNo: no }))).toMatchObject({ outTradeNo: no, tradeNo, action: 'refund', retryFlag: false })
    expect(ok(await gateway.query({ outTradeNo: no }))).toMatchObject({ tradeStatus: 'TRADE_CLOSED', totalAmount: 2599 })
    const refunded = verified(await notificationFor(emu.receiver, no, 'TRADE_CLOSED'), emu.alipay.publicKey)
    expect(refunded).toMatchObject({ outTradeNo: no, totalAmount: 2599, refundFee: 2599 })
    // A repeated cancel says the same and refunds nothing more.
    expect(ok(await gateway.cancel({ outTradeNo: no }))).toMatchObject({ action: 'refund', retryFlag: false })
    expect(await refundsNotified(no)).toHaveLength(1)
  })

  it('refunds part, then the rest; a repeated out_request_no moves no money; more than the remainder fails', async () => {
    const no = newOutTradeNo()
    const { tradeNo, buyerId } = await paidQr(no, 1000)
    const first = { outTradeNo: no, outRequestNo: `${no}_r1`, refundAmount: 300, reason: 'cold soup' }

    expect(ok(await gateway.refund(first))).toMatchObject({ outTradeNo: no, tradeNo, fundChange: true, refundFee: 300, buyerId })
    expect(ok(await gateway.refundQuery({ outTradeNo: no, outRequestNo: first.outRequestNo }))).toMatchObject({
      outTradeNo: no, tradeNo, outRequestNo: first.outRequestNo, refunded: true, refundAmount: 300, totalAmount: 1000,
    })

    // The same refund again (a retry, PROTOCOL §6.1): answered, but no money moves.
    expect(ok(await gateway.refund(first))).toMatchObject({ fundChange: false, refundFee: 300 })
    expect(await gateway.refund({ ...first, refundAmount: 400 })).toMatchObject({ outcome: 'failure', code: '40004', subCode: 'ACQ.REFUND_AMT_NOT_EQUAL_TOTAL' })

    const second = { tradeNo, outRequestNo: `${no}_r2`, refundAmount: 800 }
    expect(await gateway.refund(second)).toMatchObject({ outcome: 'failure', code: '40004', subCode: 'ACQ.REASON_TRADE_REFUND_FEE_ERR' })
    // A refund that failed was never received; querying it is not an error (PROTOCOL §2.7).
    expect(ok(await gateway.refundQuery({ tradeNo, outRequestNo: second.outRequestNo }))).toMatchObject({ refunded: false, refundAmount: null })
    expect(ok(await gateway.query({ outTradeNo: no })).tradeStatus).toBe('TRADE_SUCCESS')

    expect(ok(await gateway.refund({ ...second, refundAmount: 700 }))).toMatchObject({ fundChange: true, refundFee: 1000 })
    expect(ok(await gateway.refundQuery({ tradeNo, outRequestNo: second.outRequestNo }))).toMatchObject({ refunded: true, refundAmount: 700 })
    expect(ok(await gateway.query({ outTradeNo: no })).tradeStatus).toBe('TRADE_CLOSED')
    expect(await gateway.refund({ ...second, outRequestNo: `${no}_r3`, refundAmount: 1 }))
      .toMatchObject({ outcome: 'failure', code: '40004', subCode: 'ACQ.TRADE_STATUS_ERROR' })

    const partial = verified(await notificationFor(emu.receiver, no, 'TRADE_SUCCESS', '3.00'), emu.alipay.publicKey)
    expect(partial).toMatchObject({ outBizNo: first.outRequestNo, refundFee: 300, totalAmount: 1000 })
    expect(checkNotificationBusiness(partial, { appId: APP_ID, sellerId: SELLER_ID, amount: 1000 })).toMatchObject({ ok: true, paid: true })
    const full = verified(await notificationFor(emu.receiver, no, 'TRADE_CLOSED', '10.00'), emu.alipay.publicKey)
    expect(full).toMatchObject({ outBizNo: second.outRequestNo, refundFee: 1000 })
    // One refund each: the repeated out_request_no caused no second one.
    expect((await refundsNotified(no)).map(fields => fields.out_biz_no)).toEqual([first.outRequestNo, second.outRequestNo])
  })

  /** The refund notifications the emulator has sent for a trade, from its own record (complete the moment a refund is made). */
  async function refundsNotified (outTradeNo: string): Promise<Array<Record<string, string>>> {
    const records = await (await fetch(`${emu.base}/notifications`)).json() as Array<{ outTradeNo: string, fields: Record<string, string> }>
    return records.filter(r => r.outTradeNo === outTradeNo && r.fields.out_biz_no !== undefined).map(r => r.fields)
  }
})

describe('misconfigured merchant, and edges', () => {
  let emu: Emulator
  beforeAll(async () => { emu = await startEmulator() })
  afterAll(async () => { await emu.close() })

  it('amounts at both ends of Alipay\'s range come back as the same fen', async () => {
    const gateway = emu.client()
    for (const totalAmount of [1, 10_000_000_000]) {
      const no = newOutTradeNo('edge')
      ok(await gateway.precreate({ outTradeNo: no, totalAmount, subject: SUBJECT }))
      expect((await fetch(`${emu.base}/trades/${no}/pay`, { method: 'POST' })).status).toBe(200)
      expect(ok(await gateway.query({ outTradeNo: no }))).toMatchObject({ tradeStatus: 'TRADE_SUCCESS', totalAmount, receiptAmount: totalAmount })
    }
  })

  it('a server clock an hour off: a definite failure isv.invalid-timestamp', async () => {
    const gateway = emu.client({ now: () => new Date(Date.now() - 3_600_000) })
    expect(await gateway.query({ outTradeNo: newOutTradeNo() })).toMatchObject({ outcome: 'failure', code: '40002', subCode: 'isv.invalid-timestamp' })
  })

  it('a wrong app id: a definite failure isv.invalid-app-id', async () => {
    const gateway = emu.client({ appId: '2021000100000000' })
    expect(await gateway.precreate({ outTradeNo: newOutTradeNo(), totalAmount: 100, subject: SUBJECT }))
      .toMatchObject({ outcome: 'failure', code: '40002', subCode: 'isv.invalid-app-id' })
    expect(await gateway.query({ outTradeNo: newOutTradeNo() })).toMatchObject({ outcome: 'failure', code: '40002', subCode: 'isv.invalid-app-id' })
  })

  it('the wrong Alipay public key: every answer is unknown/bad-signature, even one that looks like success', async () => {
    // The classic mistake (PROTOCOL §1.5): the app's own public key where Alipay's belongs.
    const gateway = emu.client({ alipayPublicKey: emu.merchant.publicKey })
    const no = newOutTradeNo()
    expect(await gateway.precreate({ outTradeNo: no, totalAmount: 100, subject: SUBJECT })).toMatchObject({ outcome: 'unknown', reason: 'bad-signature', code: '10000' })
    expect(await gateway.query({ outTradeNo: no })).toMatchObject({ outcome: 'unknown', reason: 'bad-signature' })
    // The precreate did happen: with the right key the same trade answers.
    expect(await emu.client().query({ outTradeNo: no })).toMatchObject({ outcome: 'failure', subCode: 'ACQ.TRADE_NOT_EXIST' })
  })

  it('the wrong app private key: isv.invalid-signature, and the gateway echoes exactly the string we signed', async () => {
    const gateway = emu.client({ privateKey: sandboxKeyPair().privateKey })
    const result = await gateway.query({ outTradeNo: newOutTradeNo() })
    expect(result).toMatchObject({ outcome: 'failure', code: '40002', subCode: 'isv.invalid-signature' })
    if (result.outcome !== 'failure') return
    const signed = result.raw?.signContent ?? ''
    expect(signed).toContain('method=alipay.trade.query')
    expect(result.subMsg).toContain(signed.replaceAll('&', '&amp;'))
  })
})

describe('faults injected by the emulator', () => {
  let emu: Emulator
  let gateway: AlipayGateway
  beforeAll(async () => {
    emu = await startEmulator()
    gateway = emu.client()
  })
  afterAll(async () => { await emu.close() })

  /** A paid QR trade, through the emulator's test shortcut. */
  async function paidTrade (totalAmount: number): Promise<string> {
    const no = newOutTradeNo('fault')
    ok(await gateway.precreate({ outTradeNo: no, totalAmount, subject: SUBJECT }))
    const response = await fetch(`${emu.base}/trades/${no}/pay`, { method: 'POST' })
    expect(response.status).toBe(200)
    return no
  }

  async function timed<T> (run: () => Promise<T>): Promise<{ result: T, ms: number }> {
    const started = performance.now()
    const result = await run()
    return { result, ms: performance.now() - started }
  }

  it('timeoutRate 1 with a short timeoutMs: unknown/timeout, though the call was carried out (retry with the same out_request_no)', async () => {
    const no = await paidTrade(500)
    await emu.setFaults({ timeoutRate: 1, methods: ['alipay.trade.refund'] })
    const impatient = emu.client({ timeoutMs: 200 })
    const refund = { outTradeNo: no, outRequestNo: `${no}_r1`, refundAmount: 500 }
    const { result, ms } = await timed(async () => impatient.refund(refund))
    expect(result).toMatchObject({ outcome: 'unknown', reason: 'timeout' })
    expect(ms).toBeLessThan(1500)
    await emu.clearFaults()

    // §6.1: confirm with the refund query, then retry identically: the money moved once.
    expect(ok(await gateway.refundQuery({ outTradeNo: no, outRequestNo: refund.outRequestNo }))).toMatchObject({ refunded: true, refundAmount: 500 })
    expect(ok(await gateway.refund(refund))).toMatchObject({ fundChange: false, refundFee: 500 })
  })

  it('systemErrorRate 1: unknown/system-error (ACQ.SYSTEM_ERROR), and nothing was done', async () => {
    await emu.setFaults({ systemErrorRate: 1 })
    const no = newOutTradeNo('fault')
    expect(await gateway.precreate({ outTradeNo: no, totalAmount: 100, subject: SUBJECT }))
      .toMatchObject({ outcome: 'unknown', reason: 'system-error', code: '40004', subCode: 'ACQ.SYSTEM_ERROR' })
    expect(await gateway.query({ outTradeNo: no })).toMatchObject({ outcome: 'unknown', reason: 'system-error', subCode: 'ACQ.SYSTEM_ERROR' })
    expect(await gateway.cancel({ outTradeNo: no })).toMatchObject({ outcome: 'unknown', reason: 'system-error', subCode: 'ACQ.SYSTEM_ERROR' })
    await emu.clearFaults()
    expect((await fetch(`${emu.base}/trades/${no}`)).status).toBe(404)
  })

  it('unavailableRate 1: unknown with code 20000', async () => {
    const no = await paidTrade(300)
    await emu.setFaults({ unavailableRate: 1 })
    expect(await gateway.query({ outTradeNo: no })).toMatchObject({ outcome: 'unknown', reason: 'system-error', code: '20000', subCode: 'isp.unknow-error' })
    expect(await gateway.refund({ outTradeNo: no, outRequestNo: `${no}_r1`, refundAmount: 100 })).toMatchObject({ outcome: 'unknown', code: '20000' })
    await emu.clearFaults()
    expect(ok(await gateway.query({ outTradeNo: no }))).toMatchObject({ tradeStatus: 'TRADE_SUCCESS' })
    expect(ok(await gateway.refundQuery({ outTradeNo: no, outRequestNo: `${no}_r1` })).refunded).toBe(false)
  })

  it('latencyMs below the timeout: a slow success; above it: unknown/timeout', async () => {
    const no = await paidTrade(700)
    await emu.setFaults({ latencyMs: 150 })
    const slow = await timed(async () => emu.client({ timeoutMs: 2000 }).query({ outTradeNo: no }))
    expect(ok(slow.result)).toMatchObject({ tradeStatus: 'TRADE_SUCCESS', totalAmount: 700 })
    expect(slow.ms).toBeGreaterThanOrEqual(140)

    await emu.setFaults({ latencyMs: 600 })
    expect(await emu.client({ timeoutMs: 150 }).query({ outTradeNo: no })).toMatchObject({ outcome: 'unknown', reason: 'timeout' })
    await emu.clearFaults()
  })

  it('notification faults: a tampered notification is refused, a duplicate keeps its notify_id', async () => {
    await emu.setFaults({ notify: { badSignature: true } })
    const tampered = await paidTrade(120)
    const refused = verifyNotification((await notificationFor(emu.receiver, tampered, 'TRADE_SUCCESS')).raw, undefined, emu.alipay.publicKey)
    expect(refused).toMatchObject({ ok: false, reason: 'bad-signature' })

    await emu.setFaults({ notify: { duplicate: true } })
    const duplicated = await paidTrade(130)
    const copies = await until(() => {
      const found = emu.receiver.received.filter(n => n.peek.get('out_trade_no') === duplicated)
      return found.length >= 2 && found
    }, 'two deliveries of one notification')
    const [first, second] = copies.map(copy => verified(copy, emu.alipay.publicKey))
    expect(first?.notifyId).toBeTruthy()
    expect(second?.notifyId).toBe(first?.notifyId)
    await emu.clearFaults()
  })

  it('answers again once the faults are cleared', async () => {
    const faults = await (await fetch(`${emu.base}/faults`)).json() as Record<string, unknown>
    expect(faults).toMatchObject({ latencyMs: 0, timeoutRate: 0, systemErrorRate: 0, unavailableRate: 0 })
    const no = newOutTradeNo('fault')
    expect(ok(await gateway.precreate({ outTradeNo: no, totalAmount: 100, subject: SUBJECT })).outTradeNo).toBe(no)
  })
})
