// Cancel tickets against fake printers: an order the kitchen was given and then cancelled prints a "CANCELLED"
// ticket on exactly the printers that got its ticket, in each one's language; an order that never reached the
// kitchen prints nothing; a ticket that never left the queue is dropped instead of followed by a cancel.
import { describe, expect, it } from 'vitest'
import type { App } from '../../src/app.js'
import { localTime } from '../../src/reports/report-dates.js'
import { mapoLine, orderBody, placeOrder, riceLine } from '../fixtures/orders.js'
import { FakePrinter } from './fake-printer.js'
import { JASMINE_TEA, addPrinter, markPaid, printingApp, unprintedJobs, until } from './printing-fixtures.js'
import type { Order } from '#shared/schemas/order.js'

async function cancel (app: App, staff: string, order: Order, reason: string): Promise<Order> {
  const response = await app.inject({ method: 'PATCH', url: `/api/staff/orders/${order.id}`, headers: { cookie: staff }, payload: { status: 'cancelled', reason } })
  expect(response.statusCode, response.body).toBe(200)
  return response.json<Order>()
}

async function jobsOf (app: App): Promise<Array<{ kind: string, printer_id: string, order_id: string | null }>> {
  return app.db.selectFrom('print_jobs').select(['kind', 'printer_id', 'order_id']).orderBy('id').execute()
}

/** Store-local HH:mm of an instant. */
function clock (app: App, instant: string): string {
  const local = localTime(instant, app.config.store.timezone)
  return `${String(local.hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')}`
}

describe('cancel tickets', () => {
  it('print after the kitchen ticket when staff cancel a paid order: marked, in large type, with its dishes, the time and the reason', async () => {
    const { app, staff, tablet } = await printingApp()
    const kitchen = await FakePrinter.start()
    await addPrinter(app, staff, kitchen, { name: 'Kitchen', language: 'en', routing: 'rest' })
    const order = await placeOrder(app, tablet.cookie, orderBody([mapoLine(1), riceLine(2)]))
    await markPaid(app, staff, order)
    await kitchen.waitForJobs(1)

    const cancelled = await cancel(app, staff, order, 'Guest left before eating')
    const [, ticket] = await kitchen.waitForJobs(2)
    const line = (text: string) => ticket!.lines.find(candidate => candidate.text.trim() === text)
    expect(ticket!.lines[0]).toMatchObject({ text: '*** CANCELLED ***', width: 2, height: 2, bold: true, align: 'center' })
    expect(ticket!.lines.at(-1)).toMatchObject({ text: 'Kitchen' })
    expect(ticket!.lines.filter(candidate => candidate.text === '*** CANCELLED ***')).toHaveLength(2)
    expect(line(`Table ${tablet.table.label}`)).toMatchObject({ width: 2, height: 2 })
    expect(line(`Order #${order.number}`)).toMatchObject({ width: 2, height: 2 })
    expect(line(`Cancelled ${clock(app, cancelled.updatedAt)}`)).toMatchObject({ width: 2, height: 2 })
    expect(line('1 x Mapo Tofu')).toMatchObject({ width: 2, height: 2, bold: true })
    expect(line('2 x Steamed Jasmine Rice')).toMatchObject({ width: 2, height: 2, bold: true })
    expect(ticket!.text).toContain('Reason: Guest left')
    expect(ticket!.lines.find(candidate => candidate.text.startsWith('Reason:'))).toMatchObject({ width: 2, height: 2, bold: true })
    expect(ticket!.commands.at(-1)).toEqual({ cmd: 'cut', mode: 66 })
    await until(async () => await unprintedJobs(app) === 0, 'the cancel marked printed')
    expect(kitchen.jobs).toHaveLength(2)
  })

  it('go only to the printers that got the order\'s ticket (not by today\'s routing), each in its own language with its own dishes', async () => {
    const { app, staff, tablet } = await printingApp()
    const bar = await FakePrinter.start()
    const kitchen = await FakePrinter.start()
    const counter = await FakePrinter.start()
    await addPrinter(app, staff, bar, { name: '吧台', language: 'zh-CN', routing: 'categories', categoryIds: ['cat_drinks'] })
    await addPrinter(app, staff, kitchen, { name: 'Kitchen', language: 'en', routing: 'rest' })
    await addPrinter(app, staff, counter, { name: 'Counter', language: 'en', routing: 'none' })
    const food = await placeOrder(app, tablet.cookie, orderBody([mapoLine(1)]))
    const both = await placeOrder(app, tablet.cookie, orderBody([mapoLine(1), { itemId: JASMINE_TEA, quantity: 2, optionIds: [] }]))
    await markPaid(app, staff, food)
    await markPaid(app, staff, both)
    await kitchen.waitForJobs(2)
    await bar.waitForJobs(1)
    // A second kitchen printer set up afterwards would take the Mapo Tofu today; it never had these tickets.
    const later = await FakePrinter.start()
    const laterPrinter = await addPrinter(app, staff, later, { name: 'Kitchen 2', language: 'en', routing: 'rest' })

    await cancel(app, staff, food, 'Wrong table')
    await cancel(app, staff, both, '客人离开')
    const [, , foodCancel, bothCancel] = await kitchen.waitForJobs(4)
    const [, barCancel] = await bar.waitForJobs(2)
    expect(foodCancel!.text).toContain(`Order #${food.number}`)
    expect(foodCancel!.text).toContain('Reason: Wrong table')
    expect(bothCancel!.text).toContain('1 x Mapo Tofu')
    expect(bothCancel!.text).not.toMatch(/Jasmine/)
    expect(barCancel!.lines[0]).toMatchObject({ text: '*** 已取消 ***', width: 2, bold: true })
    expect(barCancel!.text).toContain(`订单 #${both.number}`)
    expect(barCancel!.text).toContain('2 x 茉莉花茶（壶）')
    expect(barCancel!.text).toContain('取消原因: 客人离开')
    expect(barCancel!.text).not.toContain('麻婆豆腐')
    await until(async () => await unprintedJobs(app) === 0, 'every cancel printed')
    const cancels = (await jobsOf(app)).filter(job => job.kind === 'cancel')
    expect(cancels).toHaveLength(3)
    expect(cancels.some(job => job.printer_id === laterPrinter.id)).toBe(false)
    expect(counter.jobs).toEqual([])
    expect(later.jobs).toEqual([])
  })

  it('print nothing for an unpaid pay-first order, cancelled by staff or left behind by the tablet', async () => {
    const { app, staff, tablet } = await printingApp()
    const kitchen = await FakePrinter.start()
    await addPrinter(app, staff, kitchen, { name: 'Kitchen', language: 'en', routing: 'rest' })
    await cancel(app, staff, await placeOrder(app, tablet.cookie), 'Changed their mind')
    const left = await placeOrder(app, tablet.cookie)
    const abandoned = await app.inject({ method: 'POST', url: `/api/orders/${left.id}/abandon`, headers: { cookie: tablet.cookie } })
    expect(abandoned.json<Order>()).toMatchObject({ status: 'cancelled', cancelReason: 'payment_abandoned' })
    expect(await jobsOf(app)).toEqual([])

    // The next order paid is the first thing the kitchen prints.
    const paid = await placeOrder(app, tablet.cookie)
    await markPaid(app, staff, paid)
    const [ticket] = await kitchen.waitForJobs(1)
    expect(ticket!.text).toContain(`Order #${paid.number}`)
    await until(async () => await unprintedJobs(app) === 0, 'the ticket printed')
    expect(kitchen.jobs).toHaveLength(1)
  })

  it('with the printer off: follow a ticket that may have gone out by its cancel, and drop one still waiting behind it', async () => {
    const { app, staff, tablet } = await printingApp()
    const kitchen = await FakePrinter.start()
    await addPrinter(app, staff, kitchen, { name: 'Kitchen', language: 'en', routing: 'rest' })
    await kitchen.off()
    const first = await placeOrder(app, tablet.cookie)
    const second = await placeOrder(app, tablet.cookie)
    await markPaid(app, staff, first)
    await markPaid(app, staff, second)
    await until(async () => (await app.db.selectFrom('print_jobs').select('attempts').orderBy('id').executeTakeFirstOrThrow()).attempts >= 1, 'a failed attempt')

    // The first ticket was tried (a printer may print what it never acknowledged): its cancel queues behind it.
    await cancel(app, staff, first, 'Out of tofu')
    // The second never reached the head of the queue, so it was never sent: it is dropped, no cancel needed.
    await cancel(app, staff, second, 'Out of tofu')
    expect(await jobsOf(app)).toEqual([
      expect.objectContaining({ kind: 'kitchen', order_id: first.id }),
      expect.objectContaining({ kind: 'cancel', order_id: first.id }),
    ])

    await kitchen.on()
    const [ticket, cancelTicket] = await kitchen.waitForJobs(2, 15_000)
    await until(async () => await unprintedJobs(app) === 0, 'the queue to empty')
    expect(ticket!.text).toContain(`Order #${first.number}`)
    expect(ticket!.text).not.toContain('CANCELLED')
    expect(cancelTicket!.text).toContain('*** CANCELLED ***')
    expect(cancelTicket!.text).toContain(`Order #${first.number}`)
    expect(kitchen.jobs).toHaveLength(2)
  })
})
