// pino's JSON lines turned into one short line each for a person at a terminal: time, level, message, then
// the other fields as key=value; an error's stack follows on its own lines. Anything that is not a JSON
// object passes through unchanged.
import { Writable } from 'node:stream'

const LEVELS: Readonly<Record<number, string>> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' }
/** pino's own fields, shown in the line's head or not at all. */
const HEAD_FIELDS = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'err', 'v'])

function clock (time: unknown): string {
  const at = typeof time === 'number' ? new Date(time) : new Date()
  return at.toTimeString().slice(0, 8)
}

function fieldValue (value: unknown): string {
  if (typeof value === 'string') return /[\s"=]/.test(value) ? JSON.stringify(value) : value
  return JSON.stringify(value)
}

/** One entry as text (with a trailing newline). */
export function prettyLine (line: string): string {
  let entry: Record<string, unknown>
  try {
    const parsed: unknown = JSON.parse(line)
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return line.endsWith('\n') ? line : `${line}\n`
    entry = parsed as Record<string, unknown>
  } catch {
    return line.endsWith('\n') ? line : `${line}\n`
  }
  const level = (LEVELS[entry.level as number] ?? String(entry.level)).padEnd(5)
  const fields = Object.entries(entry)
    .filter(([key]) => !HEAD_FIELDS.has(key))
    .map(([key, value]) => `${key}=${fieldValue(value)}`)
  const head = [clock(entry.time), level, String(entry.msg ?? ''), ...fields].join(' ')
  const err = entry.err as { stack?: string, message?: string } | undefined
  const stack = err ? `\n  ${(err.stack ?? err.message ?? '').split('\n').join('\n  ')}` : ''
  return `${head}${stack}\n`
}

/** A stream for pino that writes each entry to `out` as a readable line. */
export function prettyStream (out: Writable): Writable {
  let pending = ''
  return new Writable({
    write (chunk: Buffer | string, _encoding, done) {
      pending += chunk.toString()
      let end = pending.indexOf('\n')
      while (end >= 0) {
        out.write(prettyLine(pending.slice(0, end)))
        pending = pending.slice(end + 1)
        end = pending.indexOf('\n')
      }
      done()
    },
  })
}
