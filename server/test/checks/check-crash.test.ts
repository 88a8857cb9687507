// A crash in the instant after a check payment that must go back is committed (staff closed the check,
// paid at the counter, while the diner's trade went through at Alipay) loses neither the refund nor the
// alert: the real server SIGKILLs itself right after markPaid's commit and, restarted, returns the money once.
import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { DATABASE_FILE } from '../../src/db/database.js'
import { TEST_STAFF_PIN, tempDataDir } from '../helper.js'
import { api, pairedTablet, payAtAlipay, setFaults, startApp, stopApp, until } from '../payments/fixtures.js'
import { ServerChild } from '../payments/server-child.js'
import { orderRice, RICE } from './fixtures.js'
import type { Payment } from '#shared/schemas/payment.js'

const children: ServerChild[] = []
afterEach(async () => {
  for (const child of children.splice(0)) await child.kill()
})

function facts (dataDir: string, paymentId: string) {
  const sqlite = new SQLite(join(dataDir, DATABASE_FILE), { readonly: true })
  try {
    return {
      payment: sqlite.prepare('select status, refunded_amount from payments where id = ?').get(paymentId) as { status: string, refunded_amount: number },
      refunds: sqlite.prepare('select status, amount, out_request_no from refunds where payment_id = ?').all(paymentId) as Array<{ status: string, amount: number, out_request_no: string }>,
      alerts: (sqlite.prepare('select kind from alerts where payment_id = ?').all(paymentId) as Array<{ kind: string }>).map(row => row.kind),
    }
  } finally {
    sqlite.close()
  }
}

describe('a crash right after a check payment that must be refunded is committed', () => {
  it('still refunds it once after the restart, and staff hear of it once', async () => {
    const dataDir = tempDataDir()
    const setup = await startApp({ DATA_DIR: dataDir })
    const tablet = await pairedTablet(setup.app)
    await orderRice(setup.app, tablet.cookie, 2)
    await stopApp(setup.app)

    const crashing = await ServerChild.start(dataDir, 'after-double-payment-commit')
    children.push(crashing)
    const base = crashing.baseUrl
    await setFaults(base, { unavailableRate: 1, methods: ['alipay.trade.query'], notify: { drop: true } })
    const { status, body: payment } = await api<Payment>(base, '/api/table/check/payments', { method: 'POST', body: { method: 'alipay_qr', scope: 'all' }, cookie: tablet.cookie })
    expect(status).toBe(201)
    expect(await payAtAlipay(base, payment.id)).toBe(200)
    const login = await fetch(`${base}/api/staff/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pin: TEST_STAFF_PIN }) })
    const staff = (login.headers.get('set-cookie') ?? '').split(';')[0]!
    const closed = await api(base, `/api/staff/tables/${tablet.tableId}/check/close`, { method: 'POST', cookie: staff, body: { reason: 'Paid at the counter' } })
    expect(closed.status).toBe(200)
    // Queries get through again: the reconciler finds the trade paid for a closed check, commits, dies.
    await setFaults(base, { notify: { drop: true } })
    expect(await crashing.exitWithin(30_000)).toEqual({ code: null, signal: 'SIGKILL' })

    const atCrash = facts(dataDir, payment.id)
    expect(atCrash.payment.status).toBe('paid')
    expect(atCrash.refunds).toMatchObject([{ status: 'pending', amount: 2 * RICE.price }])
    expect(atCrash.alerts.filter(kind => kind === 'payment.double_payment')).toHaveLength(1)

    const restarted = await ServerChild.start(dataDir)
    children.push(restarted)
    const after = await until(async () => {
      const now = facts(dataDir, payment.id)
      return now.payment.status === 'refunded' ? now : undefined
    }, 30_000, 'the payment marked refunded')
    expect(after.refunds).toEqual([{ status: 'succeeded', amount: 2 * RICE.price, out_request_no: atCrash.refunds[0]!.out_request_no }])
    expect(after.alerts.filter(kind => kind === 'payment.double_payment')).toHaveLength(1)
  }, 150_000)
})
