// Kitchen tickets end to end, against fake printers on loopback: what a ticket says and how it is printed,
// when it prints (paid in pay-first, placed on a tab), routing by category, Chinese, and reprints.
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { mapoLine, orderBody, placeOrder, riceLine } from '../fixtures/orders.js'
import { FakePrinter } from './fake-printer.js'
import { JASMINE_TEA, addPrinter, markPaid, printingApp, unprintedJobs, until } from './printing-fixtures.js'

describe('kitchen tickets', () => {
  it('print when a pay-first order is paid (not when it is placed): table, number, time, dishes, options and notes in large type, then a cut', async () => {
    const { app, staff, tablet } = await printingApp()
    const kitchen = await FakePrinter.start()
    await addPrinter(app, staff, kitchen, { name: 'Kitchen', language: 'en', routing: 'rest' })
    const order = await placeOrder(app, tablet.cookie, orderBody([mapoLine(1), { ...riceLine(2), note: 'extra soft' }], { note: 'Birthday' }))
    expect(await app.db.selectFrom('print_jobs').selectAll().execute()).toEqual([])

    await markPaid(app, staff, order)
    const [ticket] = await kitchen.waitForJobs(1)
    const line = (text: string) => ticket!.lines.find(candidate => candidate.text.trim() === text)
    expect(line(`Table ${tablet.table.label}`)).toMatchObject({ width: 2, height: 2, bold: true, align: 'center' })
    expect(line(`Order #${order.number}`)).toMatchObject({ width: 2, bold: true })
    expect(ticket!.text).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/)
    expect(line('1 x Mapo Tofu')).toMatchObject({ width: 2, height: 2, bold: true })
    expect(line('+ Medium')).toMatchObject({ width: 2, height: 2 })
    expect(line('2 x Steamed Jasmine Rice')).toMatchObject({ width: 2, height: 2, bold: true })
    expect(line('! Note: extra soft')).toMatchObject({ width: 2, height: 2 })
    expect(line('Order note: Birthday')).toMatchObject({ width: 2 })
    expect(ticket!.commands.slice(0, 2)).toEqual([{ cmd: 'init' }, { cmd: 'chinese' }])
    expect(ticket!.commands.at(-1)).toEqual({ cmd: 'cut', mode: 66 })
    await until(async () => await unprintedJobs(app) === 0, 'the job marked printed')
  })

  it('route drinks to the bar in Chinese (GB18030) and everything else to the kitchen; a counter printer gets none; a tab prints when placed', async () => {
    const { app, staff, tablet } = await printingApp({ PAYMENT_MODE: 'tab' })
    const bar = await FakePrinter.start()
    const kitchen = await FakePrinter.start()
    const counter = await FakePrinter.start()
    await addPrinter(app, staff, bar, { name: '吧台', language: 'zh-CN', routing: 'categories', categoryIds: ['cat_drinks'] })
    await addPrinter(app, staff, kitchen, { name: 'Kitchen', language: 'en', routing: 'rest' })
    await addPrinter(app, staff, counter, { name: 'Counter', language: 'en', routing: 'none' })

    const order = await placeOrder(app, tablet.cookie, orderBody([mapoLine(1), { itemId: JASMINE_TEA, quantity: 2, optionIds: [] }]))
    const [barTicket] = await bar.waitForJobs(1)
    const [kitchenTicket] = await kitchen.waitForJobs(1)
    expect(barTicket!.text).toContain('2 x 茉莉花茶（壶）')
    expect(barTicket!.text).toContain(`订单 #${order.number}`)
    expect(barTicket!.text).not.toContain('麻婆豆腐')
    expect(bar.jobs[0]!.includes(iconv.encode('茉莉花茶', 'gb18030'))).toBe(true)
    expect(kitchenTicket!.text).toContain('1 x Mapo Tofu')
    expect(kitchenTicket!.text).not.toMatch(/Jasmine/)
    // Placed on a tab means in the kitchen: paying it later at the counter prints nothing more.
    await until(async () => await unprintedJobs(app) === 0, 'both tickets printed')
    expect(counter.jobs).toEqual([])
    const jobs = await app.db.selectFrom('print_jobs').select(['kind', 'printer_id']).execute()
    expect(jobs).toHaveLength(2)
  })

  it('reprint as new jobs marked REPRINT, on every printer of the order or all of it on one', async () => {
    const { app, staff, tablet } = await printingApp()
    const kitchen = await FakePrinter.start()
    const counter = await FakePrinter.start()
    await addPrinter(app, staff, kitchen, { name: 'Kitchen', language: 'en', routing: 'rest' })
    const counterPrinter = await addPrinter(app, staff, counter, { name: 'Counter', language: 'en', routing: 'none' })
    const order = await placeOrder(app, tablet.cookie)
    await markPaid(app, staff, order)
    await kitchen.waitForJobs(1)

    const again = await app.inject({ method: 'POST', url: `/api/staff/orders/${order.id}/print`, headers: { cookie: staff }, payload: {} })
    expect(again.statusCode, again.body).toBe(202)
    const [first, reprint] = await kitchen.waitForJobs(2)
    expect(first!.text).not.toContain('REPRINT')
    expect(reprint!.lines[0]).toMatchObject({ text: '*** REPRINT ***', bold: true })
    expect(reprint!.text).toContain('1 x Mapo Tofu')

    const onCounter = await app.inject({ method: 'POST', url: `/api/staff/orders/${order.id}/print`, headers: { cookie: staff }, payload: { printerId: counterPrinter.id } })
    expect(onCounter.statusCode, onCounter.body).toBe(202)
    const [counterTicket] = await counter.waitForJobs(1)
    expect(counterTicket!.text).toContain('2 x Steamed Jasmine Rice')
    await until(async () => await unprintedJobs(app) === 0, 'all printed')
    expect(kitchen.jobs).toHaveLength(2)
  })

  it('refuse a reprint no printer takes, and an unknown order or printer', async () => {
    const { app, staff, tablet } = await printingApp()
    const order = await placeOrder(app, tablet.cookie)
    const none = await app.inject({ method: 'POST', url: `/api/staff/orders/${order.id}/print`, headers: { cookie: staff } })
    expect(none.statusCode).toBe(409)
    expect(none.json()).toMatchObject({ code: 'NOTHING_TO_PRINT' })
    const unknownOrder = await app.inject({ method: 'POST', url: '/api/staff/orders/ord_nope/print', headers: { cookie: staff }, payload: {} })
    expect(unknownOrder.statusCode).toBe(404)
    const unknownPrinter = await app.inject({ method: 'POST', url: `/api/staff/orders/${order.id}/print`, headers: { cookie: staff }, payload: { printerId: 'prn_nope' } })
    expect(unknownPrinter.statusCode).toBe(404)
  })
})
