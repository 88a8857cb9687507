// Builds the Fastify app (never listens): plugins in dependency order, then the routes.
import type { ServerOptions } from 'node:http'
import Fastify, { LogController, type FastifyServerOptions } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { AppConfig } from './config.js'
import { createValidatorCompiler } from './lib/validation.js'
import cookie from './plugins/external/cookie.js'
import helmet from './plugins/external/helmet.js'
import compress from './plugins/external/compress.js'
import rateLimit from './plugins/external/rate-limit.js'
import configPlugin from './plugins/app/config.js'
import startupNotes from './plugins/app/startup-notes.js'
import requestLog, { type RequestLogOptions } from './plugins/app/request-log.js'
import errorHandler from './plugins/app/error-handler.js'
import database from './plugins/app/database.js'
import instance from './plugins/app/instance.js'
import eventHub from './plugins/app/event-hub.js'
import deviceAuth from './plugins/app/device-auth.js'
import dinerAuth from './plugins/app/diner-auth.js'
import tableSession from './plugins/app/table-session.js'
import staffAuth from './plugins/app/staff-auth.js'
import staffBootstrap from './plugins/app/staff-bootstrap.js'
import demoSeed from './plugins/app/demo-seed.js'
import devicePresence, { type DevicePresencePluginOptions } from './plugins/app/device-presence.js'
import dinerRetention from './plugins/app/diner-retention.js'
import kioskStatic from './plugins/app/kiosk-static.js'
import alipay from './plugins/app/alipay.js'
import stores from './plugins/app/stores.js'
import payments, { type PaymentsPluginOptions } from './plugins/app/payments.js'
import billReconciliation, { type BillReconciliationPluginOptions } from './plugins/app/bill-reconciliation.js'
import printing, { type PrintingPluginOptions } from './plugins/app/printing.js'
import routes from './routes/index.js'

export interface BuildAppOptions {
  config: AppConfig
  logger?: FastifyServerOptions['logger']
  /** Serve the built kiosk from dist/kiosk (off in most tests). */
  serveKiosk?: boolean
  /** Another build of the kiosk to serve instead of dist/kiosk (browser tests of updates). */
  kioskDir?: string
  payments?: PaymentsPluginOptions
  billReconciliation?: BillReconciliationPluginOptions
  printing?: PrintingPluginOptions
  /** Another clock and refresh period for device presence (tests). */
  devicePresence?: DevicePresencePluginOptions
  /** When a request counts as slow in the log (tests). */
  requestLog?: RequestLogOptions
}

/** Small JSON bodies only: an order of 50 lines is a few KB. Uploads set their own limit. */
export const BODY_LIMIT_BYTES = 64 * 1024

/** Headers are a few hundred bytes: a client that has not sent them by now never will (slowloris). */
export const HEADERS_TIMEOUT_MS = 15_000
/**
 * A socket with no traffic at all for this long is dropped. Event streams write a heartbeat every
 * SSE_HEARTBEAT_MS; a handler waiting on Alipay gets at least ten gateway calls' worth of time.
 */
export const CONNECTION_IDLE_TIMEOUT_MS = 10 * 60_000
/** Longer than the 60 s idle timeout of common proxies and load balancers, so they close first. */
export const KEEP_ALIVE_TIMEOUT_MS = 72_000

/**
 * Node's time limits for receiving a request. `requestTimeout` counts only until the request has
 * fully arrived, so a GET event stream, answered for hours, is not affected by it.
 */
function timeouts (config: AppConfig): Pick<FastifyServerOptions, 'requestTimeout' | 'connectionTimeout' | 'keepAliveTimeout'> & { http: ServerOptions } {
  const headersTimeout = Math.min(HEADERS_TIMEOUT_MS, config.requestTimeoutMs)
  return {
    requestTimeout: config.requestTimeoutMs,
    connectionTimeout: Math.max(CONNECTION_IDLE_TIMEOUT_MS, 10 * config.alipay.timeoutMs),
    keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
    http: {
      headersTimeout,
      // Node looks for expired requests this often (30 s by default): a quarter of the shortest limit.
      connectionsCheckingInterval: Math.max(100, Math.floor(headersTimeout / 4)),
    },
  }
}

/**
 * TRUST_PROXY as Fastify takes it. Fastify 5 ignores a number (it cannot check the peer's address), so a hop count
 * becomes a function trusting that many hops from the server: request.ip is then the address the outermost trusted
 * proxy saw, whatever a client wrote further left in X-Forwarded-For.
 */
export function fastifyTrustProxy (trust: AppConfig['trustProxy']): FastifyServerOptions['trustProxy'] {
  if (typeof trust !== 'number') return trust
  return (_address: string, hop: number) => hop < trust
}

export async function buildApp (options: BuildAppOptions) {
  const app = Fastify({
    logger: options.logger ?? false,
    // Fastify's two entries per request are replaced by request-log's one line (debug, or error/warn when it matters).
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: BODY_LIMIT_BYTES,
    ...timeouts(options.config),
    // Live streams (SSE) never end by themselves, so closing must cut connections rather than wait;
    // every state change is idempotent (clientOrderId, out_trade_no), so a cut request is safely retried.
    forceCloseConnections: true,
    routerOptions: { ignoreTrailingSlash: true },
    // request.ip is the client's behind a load balancer only when told to believe it (TRUST_PROXY).
    trustProxy: fastifyTrustProxy(options.config.trustProxy),
  }).withTypeProvider<TypeBoxTypeProvider>()
  app.setValidatorCompiler(createValidatorCompiler())
  // State changes accept JSON only (docs/architecture.md, "Security"); the notify route adds its own form parser.
  app.removeContentTypeParser('text/plain')

  await app.register(configPlugin, { config: options.config })
  await app.register(startupNotes)
  await app.register(rateLimit)
  await app.register(requestLog, options.requestLog ?? {})
  await app.register(errorHandler)
  await app.register(cookie)
  await app.register(helmet)
  // Before any route: it hooks each route as it is added.
  await app.register(compress)
  await app.register(database)
  await app.register(instance)
  await app.register(eventHub)
  await app.register(deviceAuth)
  await app.register(dinerAuth)
  await app.register(tableSession)
  await app.register(staffAuth)
  await app.register(staffBootstrap)
  await app.register(demoSeed)
  await app.register(devicePresence, options.devicePresence ?? {})
  await app.register(dinerRetention)
  await app.register(alipay)
  // Before the plugins that contribute each store's services (its factories).
  await app.register(stores)
  await app.register(payments, options.payments ?? {})
  await app.register(billReconciliation, options.billReconciliation ?? {})
  await app.register(printing, options.printing ?? {})
  await app.register(routes)
  if (options.serveKiosk) await app.register(kioskStatic, options.kioskDir ? { root: options.kioskDir } : {})
  return app
}

export type App = Awaited<ReturnType<typeof buildApp>>
