// Load from outside the server: autocannon (programmatic API) in this process, the server in its own.
import autocannon, { type Options, type Request, type Result } from 'autocannon'
import net from 'node:net'
import { loopbackAddresses } from './http.js'

export interface LoadFigures {
  /** Completed requests per second over the whole run. */
  perSecond: number
  requests: number
  seconds: number
  p50Ms: number
  p99Ms: number
  /**
   * Connection errors, timeouts, and requests never answered beyond the last one of each connection (an answer
   * autocannon cannot parse, e.g. a 304 with a body, stalls its connection without an error of its own).
   */
  errors: number
  /** Answers whose status was not the expected one, or whose body was not the expected one. */
  unexpected: number
  statuses: Record<string, number>
}

export interface LoadRun {
  url: string
  connections: number
  /** Seconds; ignored when `amount` is set. */
  duration?: number
  /** A fixed number of requests instead of a duration. */
  amount?: number
  requests: Request[]
  /** Statuses that count as success (anything else is `unexpected`). */
  expect: readonly number[]
  expectBody?: string
  /**
   * Every connection from its own 127.x address, renewed every `reconnectEvery` requests: the notify route allows
   * each sender a few hundred notifications a minute, and Alipay sends from many addresses.
   */
  manySenders?: { reconnectEvery: number }
}

function summarise (result: Result, expected: readonly number[], wrongBodies: number, reconnectEvery: number | undefined, answeredWithin?: number): LoadFigures {
  const statuses: Record<string, number> = {}
  let answered = 0
  let ok = 0
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) {
    const count = stat.count ?? 0
    statuses[code] = count
    answered += count
    if (expected.includes(Number(code))) ok += count
  }
  const seconds = answeredWithin ?? (result.finish.getTime() - result.start.getTime()) / 1000
  const sent = result.requests.sent
  // autocannon drops (does not count) the answer on which it reconnects (reconnectRate): not an error.
  const dropped = reconnectEvery ? Math.floor(sent / reconnectEvery) : 0
  const unanswered = answered === 0 ? sent : Math.max(0, sent - answered - dropped - result.connections * result.pipelining)
  return {
    perSecond: answered / seconds,
    requests: answered,
    seconds,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + unanswered,
    unexpected: answered - ok + result.mismatches + wrongBodies,
    statuses,
  }
}

/** Node's net.connect, made to bind each new connection to the next loopback address while `fn` runs. */
async function withManySenders<T> (fn: () => Promise<T>): Promise<T> {
  const original = net.connect
  const nextAddress = loopbackAddresses()
  // autocannon calls net.connect(port, host), the port as a string; only that shape is rerouted.
  const patched = ((...args: unknown[]) => {
    if ((typeof args[0] === 'number' || typeof args[0] === 'string') && typeof args[1] === 'string') {
      return original({ port: Number(args[0]), host: args[1], localAddress: nextAddress() })
    }
    return (original as (...a: unknown[]) => net.Socket)(...args)
  }) as typeof net.connect
  net.connect = patched
  try {
    return await fn()
  } finally {
    net.connect = original
  }
}

export async function runLoad (run: LoadRun): Promise<LoadFigures> {
  // autocannon's expectBody does not work with `requests`: each answer's body is compared here instead.
  let wrongBodies = 0
  const expectBody = run.expectBody
  // With a fixed `amount`, autocannon only notices it is done on its once-a-second tick: a batch is timed
  // from the start to its last answer instead.
  let lastAnswerAt = 0
  const requests = run.requests.map((request): Request => ({
    ...request,
    onResponse: (status, body, context, headers) => {
      lastAnswerAt = performance.now()
      if (expectBody !== undefined && run.expect.includes(status) && body !== expectBody) wrongBodies++
      if (typeof request.onResponse === 'function') request.onResponse(status, body, context, headers)
    },
  }))
  const options: Options = {
    url: run.url,
    connections: run.connections,
    requests,
    // A slow answer is measured, not abandoned: only a stuck one (30 s) counts as a timeout.
    timeout: 30,
    ...(run.amount !== undefined ? { amount: run.amount } : { duration: run.duration ?? 10 }),
    ...(run.manySenders ? { reconnectRate: run.manySenders.reconnectEvery } : {}),
  }
  const go = async (): Promise<Result> => autocannon(options)
  const startedAt = performance.now()
  const result = run.manySenders ? await withManySenders(go) : await go()
  const answeredWithin = run.amount !== undefined && lastAnswerAt > startedAt ? (lastAnswerAt - startedAt) / 1000 : undefined
  return summarise(result, run.expect, wrongBodies, run.manySenders?.reconnectEvery, answeredWithin)
}
