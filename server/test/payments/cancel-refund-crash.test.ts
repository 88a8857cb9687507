// Cancel and refund in one step, money first: the real server SIGKILLs itself right after the commit that holds
// the cancel and the refund row (TABLEPAD_CRASH_POINT=after-cancel-refund-commit), before Alipay hears of it.
// Started again, the reconciler sends the recorded refund (same out_request_no) and the diner gets the money once.
import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { DATABASE_FILE } from '../../src/db/database.js'
import { TEST_STAFF_PIN, tempDataDir } from '../helper.js'
import { api, pairedTablet, payAtAlipay, placedOrder, startApp, startQr, stopApp, until } from './fixtures.js'
import { ServerChild } from './server-child.js'

const children: ServerChild[] = []
afterEach(async () => {
  for (const child of children.splice(0)) await child.kill()
})

interface Facts {
  order: { status: string, cancel_reason: string | null }
  payment: { status: string, refunded_amount: number }
  refunds: Array<{ status: string, amount: number, out_request_no: string }>
}

/** What the database holds, read beside the server (WAL lets both at once). */
function facts (dataDir: string, orderId: string, paymentId: string): Facts {
  const sqlite = new SQLite(join(dataDir, DATABASE_FILE), { readonly: true })
  try {
    return {
      order: sqlite.prepare('select status, cancel_reason from orders where id = ?').get(orderId) as Facts['order'],
      payment: sqlite.prepare('select status, refunded_amount from payments where id = ?').get(paymentId) as Facts['payment'],
      refunds: sqlite.prepare('select status, amount, out_request_no from refunds where payment_id = ?').all(paymentId) as Facts['refunds'],
    }
  } finally {
    sqlite.close()
  }
}

describe('a crash right after a cancel with refund is committed', () => {
  it('still refunds the payment once, after the restart', async () => {
    const dataDir = tempDataDir()
    const setup = await startApp({ DATA_DIR: dataDir })
    const tablet = await pairedTablet(setup.app)
    const orderId = await placedOrder(setup.app, tablet, 4_280)
    await stopApp(setup.app)

    const crashing = await ServerChild.start(dataDir, 'after-cancel-refund-commit')
    children.push(crashing)
    const { body: payment } = await startQr(crashing.baseUrl, tablet, orderId)
    expect(await payAtAlipay(crashing.baseUrl, payment.id)).toBe(200)
    await until(async () => facts(dataDir, orderId, payment.id).order.status === 'paid', 30_000, 'the order paid')
    const login = await fetch(`${crashing.baseUrl}/api/staff/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pin: TEST_STAFF_PIN }) })
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!
    // The answer never comes: the process dies after the commit.
    await expect(api(crashing.baseUrl, `/api/staff/orders/${orderId}`, { method: 'PATCH', cookie, body: { status: 'cancelled', reason: 'Dish never came', refund: true } })).rejects.toThrow()
    expect(await crashing.exitWithin(30_000)).toEqual({ code: null, signal: 'SIGKILL' })

    const atCrash = facts(dataDir, orderId, payment.id)
    expect(atCrash.order).toEqual({ status: 'cancelled', cancel_reason: 'Dish never came' })
    expect(atCrash.payment.status).toBe('paid')
    expect(atCrash.refunds).toMatchObject([{ status: 'pending', amount: 4_280 }])

    const restarted = await ServerChild.start(dataDir)
    children.push(restarted)
    const after = await until(async () => {
      const now = facts(dataDir, orderId, payment.id)
      return now.payment.status === 'refunded' ? now : undefined
    }, 30_000, 'the payment refunded after the restart')
    expect(after.payment.refunded_amount).toBe(4_280)
    expect(after.refunds).toEqual([{ status: 'succeeded', amount: 4_280, out_request_no: atCrash.refunds[0]!.out_request_no }])
    // Refunded at Alipay once, under the out_request_no written before the crash.
    const trade = await (await fetch(`${restarted.baseUrl}/sandbox/trades/${payment.id}`)).json() as { refundFee: string }
    expect(trade.refundFee).toBe('42.80')
  }, 150_000)
})

