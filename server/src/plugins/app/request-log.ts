// One concise line per request, replacing Fastify's two JSON entries per request (issue 15: they were 95 %
// of a session's log). At `info` only what needs a look is logged — a 5xx (error, with the error) and a slow
// request (warn); every request is logged at `debug`. The error handler leaves the failure on the request.
import fp from 'fastify-plugin'
import type { FastifyReply, FastifyRequest } from 'fastify'

/** A request slower than this is logged at warn (docs/operations.md, "Logs"). */
export const SLOW_REQUEST_MS = 1000

export interface RequestFailure {
  /** The `code` the client was answered with. */
  code: string
  /** The error behind a 5xx, logged with its stack. */
  err?: Error
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the error handler: what went wrong, for the request's log line. */
    failure: RequestFailure | null
  }
}

export interface RequestLogOptions {
  slowMs?: number
}

type Level = 'error' | 'warn' | 'debug'

/** pino's level numbers: a request's line is built only when its level is logged. */
const LEVEL_VALUES: Readonly<Record<string, number>> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 }

function enabled (loggerLevel: string, level: Level): boolean {
  return LEVEL_VALUES[level]! >= (LEVEL_VALUES[loggerLevel] ?? Number.POSITIVE_INFINITY)
}

/** An event stream lasts as long as the screen stays open: its length says nothing about speed. */
function isStream (reply: FastifyReply): boolean {
  return String(reply.getHeader('content-type') ?? reply.raw.getHeader('content-type') ?? '').startsWith('text/event-stream')
}

function isSlow (reply: FastifyReply, slowMs: number): boolean {
  return reply.elapsedTime >= slowMs && !isStream(reply)
}

function levelOf (request: FastifyRequest, reply: FastifyReply, slowMs: number): Level {
  // A deliberate 503 (Alipay unreachable) was answered on purpose: worth a look, not a bug.
  if (reply.statusCode >= 500) return request.failure !== null && request.failure.err === undefined ? 'warn' : 'error'
  if (isSlow(reply, slowMs)) return 'warn'
  return 'debug'
}

export default fp<RequestLogOptions>(async (fastify, options) => {
  const slowMs = options.slowMs ?? SLOW_REQUEST_MS
  fastify.decorateRequest('failure', null)
  fastify.addHook('onResponse', async (request, reply) => {
    const level = levelOf(request, reply, slowMs)
    if (!enabled(request.log.level, level)) return
    const ms = Math.round(reply.elapsedTime)
    // The path without its query: tokens and search words stay out of the log.
    const path = request.url.split('?')[0]
    const fields: Record<string, unknown> = { method: request.method, path, status: reply.statusCode, ms }
    if (request.failure) {
      fields.code = request.failure.code
      if (request.failure.err) fields.err = request.failure.err
    }
    // Said from the time taken, not the level: a quick deliberate 503 is a warn too.
    request.log[level](fields, `${request.method} ${path} ${reply.statusCode} ${ms} ms${isSlow(reply, slowMs) ? ' (slow)' : ''}`)
  })
}, { name: 'request-log' })
