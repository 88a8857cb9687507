// `npm run drill:hostile`: thousands of seeded hostile requests over every route of the app; any 5xx,
// any connection dropped without an answer, any error logged, any poisoned change answered 2xx or any
// change to the data fails it.
// A request still unanswered after 8 s is hung, and fails the drill (README "Drills").
import { rmSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { AlertKindEnum } from '#shared/schemas/alert.js'
import { Random } from '../random.js'
import { table } from '../report.js'
import { hostileRequest, type HostileRequest } from './attacks.js'
import { sendRaw, type RawResult } from './raw-client.js'
import { appRoutes } from './routes.js'
import { startTarget } from './setup.js'
import { differences, snapshot } from './snapshot.js'

const CONCURRENCY = 8
const SLOW_BODIES = 6
/** Longer than the slowest deliberate request (a slow body takes about 3.2 s). */
const HUNG_AFTER_MS = 8000

function options (): { requests: number, seed: number } {
  const { values } = parseArgs({ options: { requests: { type: 'string' }, seed: { type: 'string' } }, strict: true })
  const requests = Number(values.requests ?? 5000)
  const seed = Number(values.seed ?? Math.floor(Math.random() * 1_000_000))
  if (!Number.isInteger(requests) || requests < 1) throw new Error('--requests must be a positive whole number')
  if (!Number.isInteger(seed) || seed < 0) throw new Error('--seed must be a whole number')
  return { requests, seed }
}

/** The alert a forged notification raises is logged at error level on purpose (docs/alipay.md, "Alerts: what staff do"). */
function isExpectedErrorLog (line: string): boolean {
  try {
    const entry = JSON.parse(line) as { alert?: { kind?: string } }
    return entry.alert?.kind === AlertKindEnum.NOTIFICATION_BAD_SIGNATURE
  } catch {
    return false
  }
}

async function main (): Promise<boolean> {
  const { requests, seed } = options()
  const random = new Random(seed)
  const target = await startTarget()
  try {
    const routes = appRoutes(target.app)
    // Every route gets its share, in a seeded order; a few mutations send their body slowly.
    const slowEvery = Math.max(1, Math.floor(requests / SLOW_BODIES))
    const planned: HostileRequest[] = Array.from({ length: requests }, (_, i) =>
      hostileRequest(routes[i % routes.length]!, random, target.ids, target.credentials, i % slowEvery === slowEvery - 1))
    const before = snapshot(target.dataDir)
    const started = Date.now()

    const results: RawResult[] = new Array(planned.length)
    let next = 0
    await Promise.all(Array.from({ length: CONCURRENCY }, async (_, worker) => {
      while (next < planned.length) {
        const index = next++
        results[index] = await sendRaw(target.port, planned[index]!, `127.0.4.${worker + 1}`, HUNG_AFTER_MS)
      }
    }))
    // The app's own background work (the reconciler) gets a moment to write anything it would.
    await target.app.close()
    const after = snapshot(target.dataDir)

    const byStatus = new Map<string, number>()
    const failures: string[] = []
    const hung: string[] = []
    const accepted: string[] = []
    planned.forEach((request, i) => {
      const result = results[i]!
      const key = result.status === null ? `no answer (${result.error})` : String(result.status)
      byStatus.set(key, (byStatus.get(key) ?? 0) + 1)
      const line = `${request.method} ${request.path.slice(0, 120)} [${request.kinds.join(', ')}] → ${key}`
      if (result.status === null && result.error === 'timeout') hung.push(line)
      else if (result.status === null || result.status >= 500) failures.push(line)
      // A poisoned body accepted: nothing changed (the snapshot says), but the route did not validate it.
      // Not counted: the notify route answers every notification 200 (`success`/`fail` is the body), and
      // the emulator under /sandbox answers as Alipay does (errors inside a 200) and resets faults on any DELETE.
      else if (result.status < 300 && !['GET', 'HEAD'].includes(request.method) && !/^\/(api\/alipay\/notify|sandbox\/)/.test(request.path)) accepted.push(line)
    })
    const changes = differences(before, after)
    const errors = target.errorLogs.filter(line => !isExpectedErrorLog(line))
    const problems = [
      ...failures,
      // A request the server never answers holds a socket for as long as the sender likes.
      ...hung.map(line => `hung: ${line}`),
      ...changes.map(line => `data changed: ${line}`),
      ...errors.map(line => `error logged: ${line.slice(0, 300)}`),
      ...accepted.map(line => `accepted a body no route may accept: ${line}`),
    ]
    process.stdout.write([
      '',
      `Hostile drill — seed ${seed}, ${requests} requests over ${routes.length} routes (method + path), ${((Date.now() - started) / 1000).toFixed(0)} s`,
      table([...byStatus].sort(([a], [b]) => a.localeCompare(b)).map(([status, n]) => [`status ${status}`, n])),
      table([
        ['tables compared', Object.keys(before).length],
        ['tables changed', changes.length],
        ['errors logged by the server (bad-signature alerts aside)', errors.length],
        [`requests hung (no answer in ${HUNG_AFTER_MS / 1000} s)`, hung.length],
        ['changes (not GET/HEAD) answered 2xx (notify, /sandbox aside)', accepted.length],
      ]),
      '',
      problems.length === 0 ? 'PASS: no 5xx, no hung or dropped connection, no error logged, nothing poisoned accepted, no data changed' : `FAIL: ${problems.length} problem(s)\n${problems.slice(0, 40).map(p => `  - ${p}`).join('\n')}`,
      '',
    ].join('\n'))
    return problems.length === 0
  } finally {
    await target.app.close()
    rmSync(target.dataDir, { recursive: true, force: true })
  }
}

main().then(passed => process.exit(passed ? 0 : 1), (error: unknown) => {
  process.stderr.write(`drill:hostile: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`)
  process.exit(1)
})
