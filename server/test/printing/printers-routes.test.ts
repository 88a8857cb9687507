// /api/staff/printers: managers set printers up and print a test page; every role lists them.
import { describe, expect, it } from 'vitest'
import { addStaff } from '../auth-helpers.js'
import { placeOrder } from '../fixtures/orders.js'
import { FakePrinter } from './fake-printer.js'
import { addPrinter, printingApp, unprintedJobs, until } from './printing-fixtures.js'
import type { Printer } from '#shared/schemas/printer.js'

describe('/api/staff/printers', () => {
  it('adds, lists, changes and removes printers (managers), with port 9100 by default', async () => {
    const { app, staff } = await printingApp()
    const created = await app.inject({
      method: 'POST', url: '/api/staff/printers', headers: { cookie: staff },
      payload: { name: 'Bar', host: '192.168.1.50', language: 'zh-CN', routing: 'categories', categoryIds: ['cat_drinks'] },
    })
    expect(created.statusCode, created.body).toBe(201)
    const bar = created.json<Printer>()
    expect(bar).toMatchObject({ name: 'Bar', host: '192.168.1.50', port: 9100, language: 'zh-CN', routing: 'categories', categoryIds: ['cat_drinks'] })
    expect(bar.state).toEqual({ queued: 0, failingSince: null, lastError: null, lastPrintedAt: null })

    const changed = await app.inject({ method: 'PATCH', url: `/api/staff/printers/${bar.id}`, headers: { cookie: staff }, payload: { language: 'en', port: 9101 } })
    expect(changed.statusCode, changed.body).toBe(200)
    expect(changed.json()).toMatchObject({ language: 'en', port: 9101, categoryIds: ['cat_drinks'] })

    const waiter = await addStaff(app, { name: 'Wei', role: 'staff', pin: '135790' })
    const listed = await app.inject({ method: 'GET', url: '/api/staff/printers', headers: { cookie: waiter.cookie } })
    expect(listed.json<Printer[]>().map(printer => printer.name)).toEqual(['Bar'])
    for (const request of [
      { method: 'POST' as const, url: '/api/staff/printers', payload: { name: 'X', host: 'x', language: 'en', routing: 'rest' } },
      { method: 'PATCH' as const, url: `/api/staff/printers/${bar.id}`, payload: { name: 'Y' } },
      { method: 'DELETE' as const, url: `/api/staff/printers/${bar.id}` },
      { method: 'POST' as const, url: `/api/staff/printers/${bar.id}/test` },
    ]) {
      const refused = await app.inject({ ...request, headers: { cookie: waiter.cookie } })
      expect(refused.statusCode, request.url).toBe(403)
      expect(refused.json()).toMatchObject({ code: 'STAFF_FORBIDDEN' })
    }

    const removed = await app.inject({ method: 'DELETE', url: `/api/staff/printers/${bar.id}`, headers: { cookie: staff } })
    expect(removed.statusCode).toBe(204)
    expect((await app.inject({ method: 'GET', url: '/api/staff/printers', headers: { cookie: staff } })).json()).toEqual([])
    expect((await app.inject({ method: 'DELETE', url: `/api/staff/printers/${bar.id}`, headers: { cookie: staff } })).statusCode).toBe(404)
  })

  it('refuses a categories printer without categories, unknown categories and bad addresses', async () => {
    const { app, staff } = await printingApp()
    const post = (payload: object) => app.inject({ method: 'POST', url: '/api/staff/printers', headers: { cookie: staff }, payload })
    const base = { name: 'Bar', host: '10.0.0.9', language: 'en' }
    expect((await post({ ...base, routing: 'categories' })).json()).toMatchObject({ code: 'PRINTER_ROUTING_INVALID' })
    expect((await post({ ...base, routing: 'categories', categoryIds: ['cat_nope'] })).json()).toMatchObject({ code: 'CATEGORY_NOT_FOUND' })
    expect((await post({ ...base, host: 'http://10.0.0.9/', routing: 'rest' })).statusCode).toBe(400)
    expect((await post({ ...base, routing: 'rest', port: 70000 })).statusCode).toBe(400)
    expect((await post({ ...base, routing: 'rest', language: 'fr' })).statusCode).toBe(400)
  })

  it('prints a test page in the printer\'s language, and drops a removed printer\'s waiting jobs', async () => {
    const { app, staff } = await printingApp()
    const printer = await FakePrinter.start()
    const kitchen = await addPrinter(app, staff, printer, { name: '厨房', language: 'zh-CN', routing: 'rest' })
    const test = await app.inject({ method: 'POST', url: `/api/staff/printers/${kitchen.id}/test`, headers: { cookie: staff } })
    expect(test.statusCode, test.body).toBe(202)
    const [page] = await printer.waitForJobs(1)
    expect(page!.lines[0]).toMatchObject({ text: '打印测试', width: 2, bold: true, align: 'center' })
    expect(page!.text).toContain('厨房')
    expect(page!.text).toContain(`127.0.0.1:${printer.port}`)
    await until(async () => await unprintedJobs(app) === 0, 'the test page marked printed')

    await printer.off()
    await app.inject({ method: 'POST', url: `/api/staff/printers/${kitchen.id}/test`, headers: { cookie: staff } })
    await until(async () => (await app.db.selectFrom('print_jobs').select('attempts').where('printed_at', 'is', null).executeTakeFirst())?.attempts, 'a failed attempt')
    expect((await app.inject({ method: 'DELETE', url: `/api/staff/printers/${kitchen.id}`, headers: { cookie: staff } })).statusCode).toBe(204)
    expect(await app.db.selectFrom('print_jobs').selectAll().execute()).toEqual([])
  })

  it('refuses to reprint a cancelled order\'s kitchen tickets (409 CONFLICT), and still prints its receipt', async () => {
    const { app, staff, tablet } = await printingApp()
    const printer = await FakePrinter.start()
    const kitchen = await addPrinter(app, staff, printer, { name: 'Kitchen', language: 'en', routing: 'rest' })
    const order = await placeOrder(app, tablet.cookie)
    const cancelled = await app.inject({ method: 'PATCH', url: `/api/staff/orders/${order.id}`, headers: { cookie: staff }, payload: { status: 'cancelled', reason: 'Left' } })
    expect(cancelled.statusCode, cancelled.body).toBe(200)

    const reprint = await app.inject({ method: 'POST', url: `/api/staff/orders/${order.id}/print`, headers: { cookie: staff }, payload: {} })
    expect(reprint.statusCode).toBe(409)
    expect(reprint.json()).toMatchObject({ code: 'CONFLICT' })
    expect(await app.db.selectFrom('print_jobs').select('kind').where('kind', '=', 'reprint').execute()).toEqual([])
    const receipt = await app.inject({ method: 'POST', url: `/api/staff/orders/${order.id}/receipt`, headers: { cookie: staff }, payload: { printerId: kitchen.id } })
    expect(receipt.statusCode, receipt.body).toBe(202)
  })
})
