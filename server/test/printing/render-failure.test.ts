// A job whose ticket cannot be built (render throws: a bug, the database busy) is a failed attempt like an
// unreachable printer: it keeps its place, the printer's alert is raised, and it is retried with backoff until
// it prints — never dropped unseen, never retried at every wake.
import { describe, expect, it } from 'vitest'
import { FakePrinter } from './fake-printer.js'
import { addPrinter, printingApp, unprintedJobs, until } from './printing-fixtures.js'
import { PrintWorker } from '../../src/printing/print-worker.js'
import { jobContent } from '../../src/printing/job-content.js'
import { tcpSender } from '../../src/printing/tcp-sender.js'

describe('a print job whose render throws', () => {
  it('raises the printer alert, keeps the job and prints it once render works again', async () => {
    const { app, staff } = await printingApp()
    // The app's own worker steps aside for one whose render fails at first.
    await app.printing.stop()
    let renderFails = true
    const worker = new PrintWorker({
      db: app.db,
      events: app.events,
      alerts: app.alerts,
      log: app.log,
      send: tcpSender({ timeoutMs: 2000, closeWaitMs: 2000 }),
      render: async (job, printer) => {
        if (renderFails) throw new Error('render bug')
        return jobContent({ db: app.db, store: app.config.store }, job, printer)
      },
      retryMs: 20,
    })
    const device = await FakePrinter.start()
    const printer = await addPrinter(app, staff, device, { name: 'Kitchen', language: 'en', routing: 'rest' })
    expect((await app.inject({ method: 'POST', url: `/api/staff/printers/${printer.id}/test`, headers: { cookie: staff } })).statusCode).toBe(202)
    worker.start()
    try {
      const failed = await until(async () => app.db.selectFrom('printers').select(['alert_id', 'last_error']).where('id', '=', printer.id)
        .where('alert_id', 'is not', null).executeTakeFirst(), 'the printer alert raised')
      expect(failed.last_error).toBe('RENDER_FAILED')
      const alert = await app.db.selectFrom('alerts').select('kind').where('id', '=', failed.alert_id!).executeTakeFirstOrThrow()
      expect(alert.kind).toBe('printer.unreachable')
      expect(await unprintedJobs(app)).toBe(1)

      renderFails = false
      await device.waitForJobs(1)
      await until(async () => await unprintedJobs(app) === 0, 'the job printed after the retry')
      expect(device.jobs).toHaveLength(1)
    } finally {
      await worker.stop()
    }
  })
})
