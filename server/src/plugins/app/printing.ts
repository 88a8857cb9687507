// Kitchen printers: the print worker as a decorator, running from ready to close. It looks at the queue when an
// order is created or moves (its tickets were committed before the event went out), when a route queued a job,
// and every half minute for anything else (jobs left by a restart).
import fp from 'fastify-plugin'
import { PrintWorker } from '../../printing/print-worker.js'
import { jobContent } from '../../printing/job-content.js'
import { tcpSender, type SendToPrinter } from '../../printing/tcp-sender.js'
import { StaffEventEnum } from '#shared/schemas/events.js'

declare module 'fastify' {
  interface FastifyInstance {
    printing: PrintWorker
  }
}

export interface PrintingPluginOptions {
  /** Another transport (tests that count sends); the TCP sender by default. */
  send?: SendToPrinter
  pollMs?: number
}

/** After the last byte, how long a printer that keeps the connection open is waited for before the job counts as sent. */
const CLOSE_WAIT_MS = 2000

const WAKING_EVENTS: ReadonlySet<string> = new Set([StaffEventEnum.ORDER_CREATED, StaffEventEnum.ORDER_UPDATED])

export default fp<PrintingPluginOptions>(async (fastify, options) => {
  const { retryMs, timeoutMs } = fastify.config.printing
  const worker = new PrintWorker({
    db: fastify.db,
    events: fastify.events,
    alerts: fastify.alerts,
    log: fastify.log.child({ module: 'printing' }),
    send: options.send ?? tcpSender({ timeoutMs, closeWaitMs: CLOSE_WAIT_MS }),
    render: (job, printer) => jobContent({ db: fastify.db, store: fastify.config.store }, job, printer),
    retryMs,
    pollMs: options.pollMs,
    // One process per printer at a time, whichever process queued the job.
    // Leased only when processes share the database; on SQLite one process serves every printer, lease-free.
    ...(fastify.config.databaseUrl ? { leases: fastify.jobLeases } : {}),
  })
  fastify.decorate('printing', worker)
  const unsubscribe = fastify.events.subscribe(event => { if (WAKING_EVENTS.has(event.event)) worker.wake() })
  fastify.addHook('onReady', async () => { worker.start() })
  fastify.addHook('preClose', async () => {
    unsubscribe()
    await worker.stop()
  })
}, { name: 'printing', dependencies: ['database', 'instance', 'event-hub', 'payments'] })
