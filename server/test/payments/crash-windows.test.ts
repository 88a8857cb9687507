// A crash in the instant after a payment that must go back is committed loses neither the refund nor
// the alert: the real server SIGKILLs itself right after markPaid's commit (TABLEPAD_CRASH_POINT), is
// started again without the crash point, and the reconciler returns the money once.
import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { DATABASE_FILE } from '../../src/db/database.js'
import type { CrashPoint } from '../../src/lib/crash-points.js'
import { TEST_STAFF_PIN, tempDataDir } from '../helper.js'
import { api, pairedTablet, payAtAlipay, placedOrder, setFaults, startApp, startQr, stopApp, until } from './fixtures.js'
import { serviceName } from './protocol.js'
import { ServerChild } from './server-child.js'

const children: ServerChild[] = []
afterEach(async () => {
  for (const child of children.splice(0)) await child.kill()
})

async function startChild (dataDir: string, crashPoint: CrashPoint | null = null): Promise<ServerChild> {
  const child = await ServerChild.start(dataDir, crashPoint)
  children.push(child)
  return child
}

interface Facts {
  payment: { status: string, refunded_amount: number }
  refunds: Array<{ status: string, amount: number, out_request_no: string }>
  alerts: string[]
}

/** What the database holds for the payment, read beside the server (WAL lets both at once). */
function facts (dataDir: string, paymentId: string): Facts {
  const sqlite = new SQLite(join(dataDir, DATABASE_FILE), { readonly: true })
  try {
    return {
      payment: sqlite.prepare('select status, refunded_amount from payments where id = ?').get(paymentId) as Facts['payment'],
      refunds: sqlite.prepare('select status, amount, out_request_no from refunds where payment_id = ?').all(paymentId) as Facts['refunds'],
      alerts: (sqlite.prepare('select kind from alerts where payment_id = ?').all(paymentId) as Array<{ kind: string }>).map(row => row.kind),
    }
  } finally {
    sqlite.close()
  }
}

async function staffCookie (base: string): Promise<string> {
  const response = await fetch(`${base}/api/staff/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pin: TEST_STAFF_PIN }) })
  expect(response.status).toBe(200)
  return (response.headers.get('set-cookie') ?? '').split(';')[0]!
}

/**
 * The diner pays by phone while staff settle the order another way (`change`); we learn of the payment
 * only afterwards, from the reconciler, which is where the process dies.
 */
async function crashAfterPaymentThatMustGoBack (change: { status: 'paid' } | { status: 'cancelled', reason: string }, point: CrashPoint, alertKind: string): Promise<void> {
  const dataDir = tempDataDir()
  const setup = await startApp({ DATA_DIR: dataDir })
  const tablet = await pairedTablet(setup.app)
  const orderId = await placedOrder(setup.app, tablet, 4_280)
  await stopApp(setup.app)

  const crashing = await startChild(dataDir, point)
  const base = crashing.baseUrl
  // Neither a notification nor a query gets through: the trade is paid at Alipay before we can know.
  await setFaults(base, { unavailableRate: 1, methods: [serviceName('query')], notify: { drop: true } })
  const { body: payment } = await startQr(base, tablet, orderId)
  expect(payment.status).toBe('waiting')
  expect(await payAtAlipay(base, payment.id)).toBe(200)
  const changed = await api(base, `/api/staff/orders/${orderId}`, { method: 'PATCH', cookie: await staffCookie(base), body: change })
  expect(changed.status).toBe(200)
  // Queries get through again: the reconciler finds the trade paid, commits, and the process dies there.
  await setFaults(base, { notify: { drop: true } })
  expect(await crashing.exitWithin(30_000)).toEqual({ code: null, signal: 'SIGKILL' })

  // The decision that the money goes back, and the word to staff, were committed with the payment.
  const atCrash = facts(dataDir, payment.id)
  expect(atCrash.payment.status).toBe('paid')
  expect(atCrash.refunds).toMatchObject([{ status: 'pending', amount: 4_280 }])
  // (Staff were also told the payment was unknown when our cancel's query could not get through.)
  expect(atCrash.alerts.filter(kind => kind === alertKind)).toHaveLength(1)

  const restarted = await startChild(dataDir)
  await until(async () => {
    const trade = await (await fetch(`${restarted.baseUrl}/sandbox/trades/${payment.id}`)).json() as { refundFee: string }
    return trade.refundFee === '42.80'
  }, 30_000, 'the refund at Alipay after the restart')
  const after = await until(async () => {
    const now = facts(dataDir, payment.id)
    return now.payment.status === 'refunded' ? now : undefined
  }, 30_000, 'the payment marked refunded')
  expect(after.payment.refunded_amount).toBe(4_280)
  expect(after.refunds).toEqual([{ status: 'succeeded', amount: 4_280, out_request_no: atCrash.refunds[0]!.out_request_no }])
  expect(after.alerts.filter(kind => kind === alertKind)).toHaveLength(1)
}

describe('a crash right after a payment that must be refunded is committed', () => {
  it('still refunds a double payment (the order was paid at the counter) and alerts staff once', async () => {
    await crashAfterPaymentThatMustGoBack({ status: 'paid' }, 'after-double-payment-commit', 'payment.double_payment')
  }, 150_000)

  it('still refunds a payment for a cancelled order and alerts staff once', async () => {
    await crashAfterPaymentThatMustGoBack({ status: 'cancelled', reason: 'Guest left' }, 'after-paid-after-cancel-commit', 'payment.paid_after_cancel')
  }, 150_000)
})
