// A printer that is off: its tickets wait in the database and print when it is back, in order, each once; the
// board gets one alert for the outage, resolved when the printer prints again. Tickets of an order paid by
// Alipay commit with the payment.
import { describe, expect, it } from 'vitest'
import { newId, nowIso } from '../../src/lib/tokens.js'
import { placeOrder } from '../fixtures/orders.js'
import { recordEvents } from '../fixtures/orders.js'
import { FakePrinter } from './fake-printer.js'
import { addPrinter, markPaid, printingApp, unprintedJobs, until } from './printing-fixtures.js'
import type { Alert } from '#shared/schemas/alert.js'

describe('a printer that is off', () => {
  it('keeps its tickets, raises one alert, then prints them in order, each exactly once, and resolves the alert', async () => {
    const { app, staff, tablet } = await printingApp()
    const kitchen = await FakePrinter.start()
    const printer = await addPrinter(app, staff, kitchen, { name: 'Kitchen', language: 'en', routing: 'rest' })
    const events = await recordEvents(app)
    await kitchen.off()

    const orders = []
    for (let i = 0; i < 3; i++) {
      const order = await placeOrder(app, tablet.cookie)
      await markPaid(app, staff, order)
      orders.push(order)
    }
    // Retried with backoff (20, 40, 80 ms …) while it is off, the first job still first.
    await until(async () => {
      const first = await app.db.selectFrom('print_jobs').select('attempts').orderBy('id').executeTakeFirstOrThrow()
      return first.attempts >= 3
    }, 'three failed attempts')
    const alerts = await app.db.selectFrom('alerts').selectAll().where('kind', '=', 'printer.unreachable').execute()
    expect(alerts).toHaveLength(1)
    expect(JSON.parse(alerts[0]!.detail)).toMatchObject({ printerId: printer.id, name: 'Kitchen', code: 'ECONNREFUSED', port: kitchen.port })
    await app.events.settled()
    expect(events.filter(event => event.event === 'alert.raised')).toHaveLength(1)
    const listed = await app.inject({ method: 'GET', url: '/api/staff/printers', headers: { cookie: staff } })
    expect(listed.json()[0].state).toMatchObject({ queued: 3, lastError: 'ECONNREFUSED', failingSince: expect.any(String) })
    expect(await unprintedJobs(app)).toBe(3)

    await kitchen.on()
    const tickets = await kitchen.waitForJobs(3, 15_000)
    await until(async () => await unprintedJobs(app) === 0, 'the queue to empty')
    expect(tickets.map(ticket => ticket.lines.find(line => line.text.startsWith('Order #'))?.text)).toEqual(orders.map(order => `Order #${order.number}`))
    expect(kitchen.jobs).toHaveLength(3)
    const resolved = await app.db.selectFrom('alerts').select(['acknowledged_at', 'acknowledged_by']).where('id', '=', alerts[0]!.id).executeTakeFirstOrThrow()
    expect(resolved).toEqual({ acknowledged_at: expect.any(String), acknowledged_by: null })
    await app.events.settled()
    const updated = events.filter(event => event.event === 'alert.updated').map(event => event.data as Alert)
    expect(updated).toEqual([expect.objectContaining({ id: alerts[0]!.id, acknowledgedAt: expect.any(String) })])
    const after = await app.inject({ method: 'GET', url: '/api/staff/printers', headers: { cookie: staff } })
    expect(after.json()[0].state).toMatchObject({ queued: 0, lastError: null, failingSince: null, lastPrintedAt: expect.any(String) })
  })

  it('keeps unprinted jobs across a restart, and prints them when the app is back', async () => {
    const { app, staff, tablet } = await printingApp()
    const kitchen = await FakePrinter.start()
    await addPrinter(app, staff, kitchen, { name: 'Kitchen', language: 'en', routing: 'rest' })
    await kitchen.off()
    const order = await placeOrder(app, tablet.cookie)
    await markPaid(app, staff, order)
    await until(async () => (await app.db.selectFrom('print_jobs').select('attempts').executeTakeFirstOrThrow()).attempts >= 1, 'a failed attempt')
    await app.close()

    await kitchen.on()
    const { buildTestApp } = await import('../helper.js')
    const again = await buildTestApp({ DATA_DIR: app.config.dataDir, PRINTER_RETRY_MS: '20' })
    const [ticket] = await kitchen.waitForJobs(1)
    expect(ticket!.text).toContain(`Order #${order.number}`)
    await until(async () => await unprintedJobs(again) === 0, 'the job marked printed')
  })

  it('queues the tickets of an order Alipay paid in the payment\'s own commit', async () => {
    const { app, staff, tablet } = await printingApp()
    const kitchen = await FakePrinter.start()
    await addPrinter(app, staff, kitchen, { name: 'Kitchen', language: 'en', routing: 'rest' })
    const order = await placeOrder(app, tablet.cookie)
    const paymentId = newId('pay')
    await app.db.insertInto('payments').values({
      id: paymentId, order_id: order.id, method: 'alipay_qr', status: 'waiting', amount: order.total, currency: 'CNY', qr_code: null, trade_no: null,
      buyer_id: null, expires_at: null, qr_deadline_at: null, failure_code: null, paid_at: null, next_check_at: null, unknown_since: null,
      created_at: nowIso(), updated_at: nowIso(), check_id: null, scope: null, buyer_open_id: null,
    }).execute()
    await app.payments.markPaid(paymentId, { tradeNo: '2026030122001400001', buyerId: null, amount: order.total, paidAt: null }, 'notify')
    const [ticket] = await kitchen.waitForJobs(1)
    expect(ticket!.text).toContain(`Order #${order.number}`)

    // The counter prints the diner's receipt with Alipay's trade number.
    const counter = await FakePrinter.start()
    const counterPrinter = await addPrinter(app, staff, counter, { name: 'Counter', language: 'en', routing: 'none' })
    const response = await app.inject({ method: 'POST', url: `/api/staff/orders/${order.id}/receipt`, headers: { cookie: staff }, payload: { printerId: counterPrinter.id } })
    expect(response.statusCode, response.body).toBe(202)
    const [receipt] = await counter.waitForJobs(1)
    expect(receipt!.text).toContain('Alipay trade no.: 2026030122001400001')
    expect(receipt!.text).toContain('1 x Mapo Tofu')
    expect(receipt!.lines.find(line => line.text.startsWith('Total'))?.text).toMatch(/￥\d+\.\d\d$/)
    expect(receipt!.commands.at(-1)).toEqual({ cmd: 'cut', mode: 66 })
  })
})
