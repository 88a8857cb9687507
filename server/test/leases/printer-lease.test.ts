// One printer served by one process at a time (issue 16): two print workers on one database, each woken (a job
// queued, an order event reaching every process), never send to one printer together; the jobs go out once each,
// in order, and once the serving process gives the printer back the other serves it.
import { afterEach, describe, expect, it } from 'vitest'
import { migrate, openDatabase, type Db } from '../../src/db/database.js'
import { JobLeases } from '../../src/lib/job-leases.js'
import { PrintWorker, printerLease } from '../../src/printing/print-worker.js'
import { insertPrintJobs } from '../../src/repositories/print-jobs.js'
import { leaseHolder } from '../../src/repositories/leases.js'
import { tempDataDir } from '../helper.js'
import { pollUntil } from '../poll.js'
import { gate, silent } from './fixtures.js'

const opened: Db[] = []
const workers: PrintWorker[] = []
afterEach(async () => {
  for (const worker of workers.splice(0)) await worker.stop()
  for (const db of opened.splice(0)) await db.destroy()
})

async function queueJobs (db: Db, printerId: string, count: number): Promise<number[]> {
  const jobs = Array.from({ length: count }, () => ({ printerId, kind: 'test' as const, orderId: null, lineNos: null, staffId: null, createdAt: new Date().toISOString() }))
  return (await insertPrintJobs(db, jobs)).map(job => job.id)
}

describe('a printer shared by two processes', () => {
  it('is served by one of them at a time, each job sent once and in order', async () => {
    const dir = tempDataDir()
    const [first, second] = [openDatabase(dir).db, openDatabase(dir).db]
    opened.push(first, second)
    await migrate(first)
    const at = new Date().toISOString()
    await first.insertInto('printers').values({
      id: 'prn_1', name: 'Kitchen', host: '127.0.0.1', port: 9100, language: 'en', routing: 'rest', category_ids: '[]',
      created_at: at, updated_at: at, alert_id: null, failing_since: null, last_error: null, last_printed_at: null,
    }).execute()
    const sent: Array<{ by: string, job: number }> = []
    let sending = 0
    let overlapped = false
    const firstSendMayEnd = gate()
    const inFirstSend = gate()
    // What each process's try for the printer's lease came to.
    const tries: Array<{ by: string, served: boolean }> = []
    const worker = (db: Db, name: string): PrintWorker => {
      const leases = new JobLeases({ db, owner: name, log: silent })
      const printing = new PrintWorker({
        db,
        events: { toStaff () {} } as never,
        alerts: { record: async () => { throw new Error('no alert expected') }, announce () {} } as never,
        log: silent,
        render: async job => Buffer.from(String(job.id)),
        send: async (_address, bytes) => {
          if (sending++ > 0) overlapped = true
          sent.push({ by: name, job: Number(bytes.toString()) })
          if (sent.length === 1) {
            inFirstSend.open()
            await firstSendMayEnd.promise
          }
          sending--
        },
        retryMs: 10,
        pollMs: 60_000,
        leases: {
          runExclusive: async (lease, work) => {
            const served = await leases.runExclusive(lease, work)
            tries.push({ by: name, served })
            return served
          },
        },
      })
      workers.push(printing)
      return printing
    }
    const [a, b] = [worker(first, 'process-a'), worker(second, 'process-b')]
    const jobs = await queueJobs(first, 'prn_1', 3)

    a.start()
    await inFirstSend.promise
    // The other process is woken while the first is sending: the printer is taken, so it leaves it alone.
    b.start()
    await pollUntil(() => tries.some(attempt => attempt.by === 'process-b'), { what: 'the other process trying the printer' })
    expect(tries).toEqual([{ by: 'process-b', served: false }])
    expect(await leaseHolder(first, printerLease('prn_1'), new Date().toISOString())).toBe('process-a')
    firstSendMayEnd.open()
    await pollUntil(() => sent.length === 3, { what: 'three jobs sent' })
    await pollUntil(async () => (await leaseHolder(first, printerLease('prn_1'), new Date().toISOString())) === null, { what: 'the printer given back' })
    expect(sent).toEqual(jobs.map(job => ({ by: 'process-a', job })))

    // Given back: the other process serves the printer now.
    const [later] = await queueJobs(second, 'prn_1', 1)
    await a.stop()
    b.wake()
    await pollUntil(() => sent.length === 4, { what: 'the next job sent' })
    expect(sent[3]).toEqual({ by: 'process-b', job: later })
    expect(overlapped).toBe(false)
  })
})

describe('a printer whose lease is lost while a job is being prepared', () => {
  it('sends nothing more: the process now holding the printer serves its queue', async () => {
    const dir = tempDataDir()
    const db = openDatabase(dir).db
    opened.push(db)
    await migrate(db)
    const at = new Date().toISOString()
    await db.insertInto('printers').values({
      id: 'prn_1', name: 'Kitchen', host: '127.0.0.1', port: 9100, language: 'en', routing: 'rest', category_ids: '[]',
      created_at: at, updated_at: at, alert_id: null, failing_since: null, last_error: null, last_printed_at: null,
    }).execute()
    const warnings: string[] = []
    const log = { error () {}, info () {}, debug () {}, warn: (_fields: unknown, message: string) => { warnings.push(message) } } as never
    const renderMayEnd = gate()
    const rendering = gate()
    const sent: number[] = []
    const printing = new PrintWorker({
      db,
      events: { toStaff () {} } as never,
      alerts: { record: async () => { throw new Error('no alert expected') }, announce () {} } as never,
      log,
      render: async (job) => {
        rendering.open()
        await renderMayEnd.promise
        return Buffer.from(String(job.id))
      },
      send: async (_address, bytes) => { sent.push(Number(bytes.toString())) },
      retryMs: 10,
      pollMs: 60_000,
      // Renewed every 100 ms: the theft below is found within a renewal or two.
      leases: new JobLeases({ db, owner: 'process-a', log, ttlMs: 300 }),
    })
    workers.push(printing)
    await queueJobs(db, 'prn_1', 1)

    printing.start()
    await rendering.promise
    // Another process took the printer (this one stalled past its lease, say).
    await db.updateTable('leases').set({ owner: 'process-b', until: new Date(Date.now() + 60_000).toISOString() })
      .where('name', '=', printerLease('prn_1')).execute()
    await pollUntil(() => warnings.includes('a job lease was lost while its job ran'), { what: 'the renewal finding the lease gone' })
    renderMayEnd.open()
    await pollUntil(() => warnings.some(message => message.includes('lease was lost; its queue is left')), { what: 'the worker giving the queue up' })
    expect(sent).toEqual([])
  })
})
