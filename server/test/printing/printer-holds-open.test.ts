// A printer that keeps the connection open after a job (raw 9100 has no acknowledgment): once every byte left,
// only the close-wait (2 s) decides, never the stall timeout — or every job would "fail" and print again for ever.
import { describe, expect, it } from 'vitest'
import { orderBody, placeOrder, riceLine } from '../fixtures/orders.js'
import { FakePrinter } from './fake-printer.js'
import { addPrinter, markPaid, printingApp, unprintedJobs, until } from './printing-fixtures.js'

describe('a printer that never closes its side', () => {
  it('prints the ticket once, with PRINTER_TIMEOUT_MS shorter than the close-wait', async () => {
    const { app, staff, tablet } = await printingApp({ PRINTER_TIMEOUT_MS: '300' })
    const kitchen = await FakePrinter.start({ holdOpen: true })
    await addPrinter(app, staff, kitchen, { name: 'Kitchen', language: 'en', routing: 'rest' })
    const order = await placeOrder(app, tablet.cookie, orderBody([riceLine()]))
    await markPaid(app, staff, order)

    await kitchen.waitForJobs(1)
    await until(async () => await unprintedJobs(app) === 0, 'the job marked printed after the close-wait', 10_000)
    expect(kitchen.jobs).toHaveLength(1)
    const alerts = await app.db.selectFrom('alerts').select('kind').execute()
    expect(alerts.map(alert => alert.kind).filter(kind => kind.startsWith('printer'))).toEqual([])
  })
})
