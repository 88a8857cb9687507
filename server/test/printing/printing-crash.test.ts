// A crash in the instant after a payment commits loses no kitchen ticket and prints none twice: the real server
// SIGKILLs itself right after markPaid's commit (before any event could wake the printer), and once started
// again it prints the ticket committed with the payment, once.
import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { DATABASE_FILE } from '../../src/db/database.js'
import { newId, nowIso, sha256 } from '../../src/lib/tokens.js'
import { tempDataDir } from '../helper.js'
import { pairedTablet, payAtAlipay, startApp, startQr, stopApp, until } from '../payments/fixtures.js'
import { ServerChild } from '../payments/server-child.js'
import { FakePrinter } from './fake-printer.js'

const children: ServerChild[] = []
afterEach(async () => {
  for (const child of children.splice(0)) await child.kill()
})

function jobs (dataDir: string): Array<{ kind: string, printed_at: string | null }> {
  const sqlite = new SQLite(join(dataDir, DATABASE_FILE), { readonly: true })
  try {
    return sqlite.prepare('select kind, printed_at from print_jobs order by id').all() as Array<{ kind: string, printed_at: string | null }>
  } finally {
    sqlite.close()
  }
}

describe('a crash right after a payment commits', () => {
  it('keeps the kitchen ticket committed with it, and prints it once after the restart', async () => {
    const kitchen = await FakePrinter.start()
    const dataDir = tempDataDir()
    const setup = await startApp({ DATA_DIR: dataDir })
    const tablet = await pairedTablet(setup.app)
    const orderId = newId('ord')
    const at = nowIso()
    await setup.app.db.insertInto('orders').values({
      id: orderId, number: 901, client_order_id: crypto.randomUUID(), request_hash: sha256(orderId), device_id: tablet.deviceId, table_id: tablet.tableId,
      status: 'placed', subtotal: 3200, total: 3200, currency: 'CNY', note: null, cancel_reason: null, created_at: at, updated_at: at,
    }).execute()
    await setup.app.db.insertInto('order_lines').values({
      order_id: orderId, line_no: 1, item_id: 'dish_mapo_tofu', names: JSON.stringify({ en: 'Mapo Tofu', 'zh-CN': '麻婆豆腐' }),
      quantity: 1, unit_price: 3200, options: '[]', note: null, diner_id: null, line_total: 3200,
    }).execute()
    await setup.app.db.insertInto('printers').values({
      id: 'prn_kitchen', name: 'Kitchen', host: '127.0.0.1', port: kitchen.port, language: 'en', routing: 'rest', category_ids: '[]',
      created_at: at, updated_at: at, alert_id: null, failing_since: null, last_error: null, last_printed_at: null,
    }).execute()
    await stopApp(setup.app)

    const crashing = await ServerChild.start(dataDir, 'after-paid-commit')
    children.push(crashing)
    const { body: payment } = await startQr(crashing.baseUrl, tablet, orderId)
    expect(await payAtAlipay(crashing.baseUrl, payment.id)).toBe(200)
    expect(await crashing.exitWithin(30_000)).toEqual({ code: null, signal: 'SIGKILL' })
    expect(jobs(dataDir)).toEqual([{ kind: 'kitchen', printed_at: null }])
    expect(kitchen.jobs).toEqual([])

    const restarted = await ServerChild.start(dataDir)
    children.push(restarted)
    const [ticket] = await kitchen.waitForJobs(1, 30_000)
    expect(ticket!.text).toContain('Order #901')
    await until(async () => jobs(dataDir)[0]?.printed_at ?? undefined, 10_000, 'the job marked printed')
    expect(jobs(dataDir)).toHaveLength(1)
    expect(kitchen.jobs).toHaveLength(1)
  }, 120_000)
})
