// Kitchen printers: a print worker per store, running from ready to close; the default store's as a decorator. A
// worker looks at its store's queue when one of its orders is created or moves (its tickets were committed before
// the event went out), when a route queued a job, and every half minute for anything else (jobs left by a restart).
import fp from 'fastify-plugin'
import { PrintWorker } from '../../printing/print-worker.js'
import { jobContent } from '../../printing/job-content.js'
import { tcpSender, type SendToPrinter } from '../../printing/tcp-sender.js'
import { StaffEventEnum } from '#shared/schemas/events.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** The default store's (fastify.store.printing); a request's is request.store.printing. */
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
  const log = fastify.log.child({ module: 'printing' })
  const send = options.send ?? tcpSender({ timeoutMs, closeWaitMs: CLOSE_WAIT_MS })
  fastify.stores.addFactory('printing', async (ctx) => {
    const worker = new PrintWorker({
      db: ctx.db,
      events: ctx.events,
      alerts: ctx.alerts,
      log: log.child({ storeId: ctx.id }),
      send,
      // The store's name, currency and clock, as its settings say when the job prints.
      render: (job, printer) => jobContent({ db: ctx.db, store: ctx.settings }, job, printer),
      retryMs,
      pollMs: options.pollMs,
      storeId: ctx.id,
      // One process per printer at a time, whichever process queued the job.
      // Leased only when processes share the database; on SQLite one process serves every printer, lease-free.
      ...(fastify.config.databaseUrl ? { leases: fastify.jobLeases } : {}),
    })
    ctx.printing = worker
    // The store-bound hub: only this store's orders wake its worker.
    const unsubscribe = ctx.events.subscribe(event => { if (WAKING_EVENTS.has(event.event)) worker.wake() })
    fastify.stores.whenApp('ready', ctx, () => { worker.start() })
    return async () => {
      unsubscribe()
      await worker.stop()
    }
  })
  fastify.decorate('printing', { getter: () => fastify.store.printing })
}, { name: 'printing', dependencies: ['database', 'instance', 'event-hub', 'stores', 'payments'] })
