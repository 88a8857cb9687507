// The server's pino options (docs/operations.md, "Logs"): level, redaction of secrets, and where lines go —
// JSON lines for a journal or a file, a short human line per entry when a person watches a terminal.
import type { Writable } from 'node:stream'
import type { FastifyServerOptions } from 'fastify'
import { prettyStream } from './pretty-log.js'

/** Secrets never reach the log, whichever object carries them. */
export const REDACTED_PATHS = [
  'req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]', '*.pin', '*.privateKey', '*.private_key', '*.sign',
]

export interface LoggerChoice {
  level: string
  /** One readable line per entry instead of JSON (a terminal). */
  pretty: boolean
  /** Where lines go; standard output by default. */
  destination?: Writable
}

export function loggerOptions ({ level, pretty, destination }: LoggerChoice): NonNullable<Exclude<FastifyServerOptions['logger'], boolean>> {
  const out = destination ?? process.stdout
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    // Formatted in this process from the JSON pino writes (after redaction): no worker thread, no extra package.
    stream: pretty ? prettyStream(out) : out,
  }
}
