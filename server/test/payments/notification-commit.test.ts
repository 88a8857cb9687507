// A notification's event row commits with the transition it makes (one commit per change): if the
// transition cannot commit, neither does the row, and Alipay is answered `fail` so it sends it again.
import { createPrivateKey } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { SANDBOX_CREDENTIALS_FILE, type SandboxCredentials } from '../../src/payments/sandbox-credentials.js'
import { formEncode, signNotification } from '../alipay/fixtures.js'
import { orderStatus, pairedTablet, paymentStatus, placedOrder, startApp, startQr, type RunningApp } from './fixtures.js'

const FORM = 'application/x-www-form-urlencoded; charset=utf-8'

/** A TRADE_SUCCESS notification for the payment, signed with the built-in emulator's Alipay key. */
function paidNotification ({ dataDir }: RunningApp, outTradeNo: string, amount: string, notifyId: string): Buffer {
  const credentials = JSON.parse(readFileSync(join(dataDir, SANDBOX_CREDENTIALS_FILE), 'utf8')) as SandboxCredentials
  const fields = signNotification({
    notify_type: 'trade_status_sync', notify_id: notifyId, notify_time: '2026-12-06 14:00:05', charset: 'utf-8', version: '1.0',
    sign_type: 'RSA2', app_id: credentials.appId, auth_app_id: credentials.appId, seller_id: credentials.sellerId,
    out_trade_no: outTradeNo, trade_no: '2026120622001446880500012345', trade_status: 'TRADE_SUCCESS', total_amount: amount,
    subject: 'Table #1', buyer_id: '2088102177846880', gmt_payment: '2026-12-06 14:00:04',
  }, { key: createPrivateKey(credentials.alipayPrivateKey) })
  return formEncode(fields)
}

async function eventKinds (running: RunningApp, paymentId: string): Promise<string[]> {
  const rows = await running.app.db.selectFrom('payment_events').select('kind').where('payment_id', '=', paymentId).orderBy('id').execute()
  return rows.map(row => row.kind)
}

describe('a verified notification', () => {
  it('writes its event only together with the transition, and is applied once when sent again', async () => {
    const running = await startApp()
    const tablet = await pairedTablet(running.app)
    const orderId = await placedOrder(running.app, tablet, 4_280)
    const { body: payment } = await startQr(running.base, tablet, orderId)
    expect(payment.status).toBe('waiting')
    const body = paidNotification(running, payment.id, '42.80', 'notify-1')

    // The order's move to paid fails inside the transaction: the whole change rolls back.
    await sql`create trigger refuse_paid before update of status on orders begin select raise(abort, 'refused for the test'); end`.execute(running.app.db)
    // (The route answers `fail` to a handler that throws: Alipay sends it again later.)
    await expect(running.app.handleAlipayNotification(body, FORM, '203.0.113.9')).rejects.toThrow('refused for the test')
    expect(await eventKinds(running, payment.id)).not.toContain('notification')
    expect(await paymentStatus(running.app, payment.id)).toBe('waiting')

    await sql`drop trigger refuse_paid`.execute(running.app.db)
    expect(await running.app.handleAlipayNotification(body, FORM, '203.0.113.9')).toBe('success')
    expect(await paymentStatus(running.app, payment.id)).toBe('paid')
    expect(await orderStatus(running.app, orderId)).toBe('paid')
    // A replay appends its row and changes nothing else.
    expect(await running.app.handleAlipayNotification(body, FORM, '203.0.113.9')).toBe('success')
    const kinds = await eventKinds(running, payment.id)
    expect(kinds.filter(kind => kind === 'notification')).toHaveLength(2)
    expect(kinds.filter(kind => kind === 'paid')).toHaveLength(1)
    expect(kinds.indexOf('notification')).toBe(kinds.indexOf('paid') - 1)
  })
})
