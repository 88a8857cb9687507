// Builds the Fastify app (never listens): plugins in dependency order, then the routes.
import Fastify, { type FastifyServerOptions } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { AppConfig } from './config.js'
import { createValidatorCompiler } from './lib/validation.js'
import cookie from './plugins/external/cookie.js'
import helmet from './plugins/external/helmet.js'
import rateLimit from './plugins/external/rate-limit.js'
import configPlugin from './plugins/app/config.js'
import startupNotes from './plugins/app/startup-notes.js'
import errorHandler from './plugins/app/error-handler.js'
import database from './plugins/app/database.js'
import eventHub from './plugins/app/event-hub.js'
import deviceAuth from './plugins/app/device-auth.js'
import staffAuth from './plugins/app/staff-auth.js'
import staffBootstrap from './plugins/app/staff-bootstrap.js'
import demoSeed from './plugins/app/demo-seed.js'
import devicePresence from './plugins/app/device-presence.js'
import kioskStatic from './plugins/app/kiosk-static.js'
import alipay from './plugins/app/alipay.js'
import payments, { type PaymentsPluginOptions } from './plugins/app/payments.js'
import routes from './routes/index.js'

export interface BuildAppOptions {
  config: AppConfig
  logger?: FastifyServerOptions['logger']
  /** Serve the built kiosk from dist/kiosk (off in most tests). */
  serveKiosk?: boolean
  /** Another build of the kiosk to serve instead of dist/kiosk (browser tests of updates). */
  kioskDir?: string
  payments?: PaymentsPluginOptions
}

/** Small JSON bodies only: an order of 50 lines is a few KB. Uploads set their own limit. */
export const BODY_LIMIT_BYTES = 64 * 1024

export async function buildApp (options: BuildAppOptions) {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: BODY_LIMIT_BYTES,
    // Live streams (SSE) never end by themselves, so closing must cut connections rather than wait;
    // every state change is idempotent (clientOrderId, out_trade_no), so a cut request is safely retried.
    forceCloseConnections: true,
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<TypeBoxTypeProvider>()
  app.setValidatorCompiler(createValidatorCompiler())
  // State changes accept JSON only (DESIGN.md §10); the notify route adds its own form parser.
  app.removeContentTypeParser('text/plain')

  await app.register(configPlugin, { config: options.config })
  await app.register(startupNotes)
  await app.register(rateLimit)
  await app.register(errorHandler)
  await app.register(cookie)
  await app.register(helmet)
  await app.register(database)
  await app.register(eventHub)
  await app.register(deviceAuth)
  await app.register(staffAuth)
  await app.register(staffBootstrap)
  await app.register(demoSeed)
  await app.register(devicePresence)
  await app.register(alipay)
  await app.register(payments, options.payments ?? {})
  await app.register(routes)
  if (options.serveKiosk) await app.register(kioskStatic, options.kioskDir ? { root: options.kioskDir } : {})
  return app
}

export type App = Awaited<ReturnType<typeof buildApp>>
