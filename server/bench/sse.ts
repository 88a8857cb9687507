// Many SSE clients (tablets' live streams) and the time until each receives one broadcast event.
import { request as httpRequest, type ClientRequest } from 'node:http'
import { performance } from 'node:perf_hooks'
import { mapLimit } from './http.js'

export interface Stream {
  /** Times (performance.now) at which each `event` of the watched name arrived. */
  arrivals: number[]
  close: () => void
}

function openStream (url: string, cookie: string | undefined, watched: string): Promise<Stream> {
  const target = new URL(url)
  return new Promise((resolveStream, reject) => {
    let req: ClientRequest | null = null
    const stream: Stream = { arrivals: [], close: () => req?.destroy() }
    req = httpRequest({
      host: target.hostname, port: target.port, path: target.pathname + target.search, agent: false,
      headers: { accept: 'text/event-stream', ...(cookie ? { cookie } : {}) },
    }, (res) => {
      if (res.statusCode !== 200) {
        reject(new Error(`event stream answered ${res.statusCode}`))
        res.resume()
        return
      }
      res.setEncoding('utf8')
      let buffered = ''
      let ready = false
      res.on('data', (chunk: string) => {
        const now = performance.now()
        buffered += chunk
        let end: number
        while ((end = buffered.indexOf('\n\n')) >= 0) {
          const frame = buffered.slice(0, end)
          buffered = buffered.slice(end + 2)
          if (frame.includes(`event: ${watched}\n`)) stream.arrivals.push(now)
          // The stream is open once its first frame (the retry hint or `ready`) is in.
          if (!ready) {
            ready = true
            resolveStream(stream)
          }
        }
      })
      res.on('error', () => undefined)
    })
    req.on('error', reject)
    req.end()
  })
}

/** Opens `count` streams (a few at a time, as tablets coming online would). */
export async function openStreams (url: string, cookies: readonly (string | undefined)[], watched: string): Promise<Stream[]> {
  return mapLimit(cookies, 25, cookie => openStream(url, cookie, watched))
}

/** Polls until every stream has one arrival more than `before`, or throws after `timeoutMs`. */
async function allArrived (streams: readonly Stream[], before: readonly number[], timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs
  const waiting = (): Stream[] => streams.filter((stream, i) => stream.arrivals.length <= before[i]!)
  while (waiting().length > 0) {
    if (performance.now() > deadline) {
      const missing = waiting().length
      throw new Error(`${missing} of ${streams.length} streams did not receive the event within ${timeoutMs} ms`)
    }
    await new Promise(resolveWait => setTimeout(resolveWait, 2))
  }
}

export interface FanoutFigures { p50Ms: number, p99Ms: number, maxMs: number, samples: number }

export function percentile (sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * p) - 1)]!
}

/**
 * `rounds` times: `trigger` (staff marking a dish sold out, or the bare server's POST) and the time from just before
 * it was sent until each stream had the event.
 */
/**
 * Untimed rounds before the timed ones, on both sides: a server's first request on a route pays its one-time
 * start-up costs (JIT, lazily compiled validators), and with 500 arrivals a round is 5 % of the samples, so one
 * cold round would be the p99 by itself instead of the fan-out this row guards.
 */
export const FANOUT_WARM_UP_ROUNDS = 1

/** `trigger` is called FANOUT_WARM_UP_ROUNDS + `rounds` times (round 0 first); only the last `rounds` are timed. */
export async function measureFanout (streams: readonly Stream[], rounds: number, trigger: (round: number) => Promise<void>): Promise<FanoutFigures> {
  const latencies: number[] = []
  for (let round = 0; round < FANOUT_WARM_UP_ROUNDS + rounds; round++) {
    const before = streams.map(stream => stream.arrivals.length)
    const t0 = performance.now()
    await trigger(round)
    await allArrived(streams, before, 10_000)
    if (round >= FANOUT_WARM_UP_ROUNDS) streams.forEach((stream, i) => latencies.push(stream.arrivals[before[i]!]! - t0))
  }
  latencies.sort((a, b) => a - b)
  return { p50Ms: percentile(latencies, 0.5), p99Ms: percentile(latencies, 0.99), maxMs: latencies.at(-1) ?? 0, samples: latencies.length }
}

export function closeStreams (streams: readonly Stream[]): void {
  for (const stream of streams) stream.close()
}
