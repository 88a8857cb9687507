// `npm run bench -- --only postgres` (issue 16): Tablepad on PostgreSQL as a chain runs it. Orders per second with 1, 2
// and 3 server processes on one database against a bare Fastify + pg insert started in the same run, and a sold-out
// switch fanned out to 500 tablets whose streams are spread over the 3 processes, against the bare SSE server.
// It needs a PostgreSQL server (BENCH_PG_URL, else DATABASE_URL, else the local one) on which it may create
// databases; it makes fresh ones and drops them at the end. Never part of the default run.
import { randomBytes, randomUUID } from 'node:crypto'
import { join } from 'node:path'
import pg from 'pg'
import type { Request } from 'autocannon'
import { startBaseline } from './baselines.js'
import { errorCell, log } from './context.js'
import { expectStatus, http } from './http.js'
import { runLoad, type LoadFigures } from './load.js'
import { onCleanup, stop, type Child } from './processes.js'
import { ms, perSecond, type Row } from './report.js'
import type { Settings } from './settings.js'
import { closeStreams, measureFanout, openStreams, type FanoutFigures, type Stream } from './sse.js'
import { pairTablets, readMenu, startTablepad, type Tablepad, type Tablet } from './tablepad.js'

/** Processes in the largest setup measured. */
const MAX_PROCESSES = 3
export interface PostgresContext {
  settings: Settings
  root: string
  workDir: string
  rows: Row[]
  figures: Record<string, unknown>
}

/** The server the bench makes its databases on. */
export function benchPgServerUrl (): string {
  return process.env.BENCH_PG_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres'
}

async function admin (serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}

/** A new empty database on the bench's server, dropped when the bench ends. */
async function freshDatabase (serverUrl: string, purpose: string): Promise<string> {
  const name = `tablepad_bench_${purpose}_${randomBytes(4).toString('hex')}`
  await admin(serverUrl, `create database ${name}`)
  onCleanup(() => admin(serverUrl, `drop database if exists ${name} with (force)`))
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return url.toString()
}

/** SIGSTOP every child in `children` while `fn` runs: a figure measured without them taking the CPU. */
async function pausedAll<T> (children: readonly Child[], fn: () => Promise<T>): Promise<T> {
  for (const child of children) child.process.kill('SIGSTOP')
  try {
    return await fn()
  } finally {
    for (const child of children) child.process.kill('SIGCONT')
  }
}

function orderRequest (tablets: readonly Tablet[], dishId: string, offset: number): Request {
  let n = offset
  return {
    method: 'POST',
    path: '/api/orders',
    headers: { 'content-type': 'application/json' },
    setupRequest: (request) => {
      const tablet = tablets[n++ % tablets.length]!
      const body = JSON.stringify({ clientOrderId: randomUUID(), lines: [{ itemId: dishId, quantity: 2, optionIds: [] }] })
      return { ...request, headers: { ...request.headers, cookie: tablet.cookie }, body }
    },
  }
}

/** One autocannon per process, started together, the connections split evenly; their rates add up. */
async function ordersOn (targets: readonly string[], connections: number, seconds: number, tablets: readonly Tablet[], dishId: string): Promise<LoadFigures> {
  const runs = await Promise.all(targets.map(async (url, i) => runLoad({
    url,
    connections: Math.max(1, Math.round(connections / targets.length)),
    duration: seconds,
    requests: [orderRequest(tablets, dishId, i)],
    expect: [201],
  })))
  const statuses: Record<string, number> = {}
  for (const run of runs) for (const [code, count] of Object.entries(run.statuses)) statuses[code] = (statuses[code] ?? 0) + count
  return {
    perSecond: runs.reduce((sum, run) => sum + run.perSecond, 0),
    requests: runs.reduce((sum, run) => sum + run.requests, 0),
    seconds,
    p50Ms: Math.max(...runs.map(run => run.p50Ms)),
    p99Ms: Math.max(...runs.map(run => run.p99Ms)),
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
    unexpected: runs.reduce((sum, run) => sum + run.unexpected, 0),
    statuses,
  }
}

const rateNote = (figures: LoadFigures): string => `${perSecond(figures.perSecond)}, p99 ${ms(figures.p99Ms)}`

async function startProcesses (root: string, databaseUrl: string): Promise<Tablepad[]> {
  const env = { DATABASE_URL: databaseUrl }
  // One after the other: the first migrates the empty database and seeds the demo menu and the first manager, and
  // each start generates its emulator's keys, which on a busy 2-core machine can outlast a plugin's start timeout
  // when three run at once.
  const processes: Tablepad[] = []
  for (let i = 0; i < MAX_PROCESSES; i++) processes.push(await startTablepad(root, { env }))
  return processes
}

async function ordersRows (ctx: PostgresContext, processes: readonly Tablepad[], serverUrl: string): Promise<void> {
  const { connections, seconds } = ctx.settings
  const tablets = await pairTablets(processes[0]!, ctx.settings.orderTablets, 'Order')
  const { dish } = await readMenu(processes[0]!, tablets[0]!)
  const measured: Array<{ processes: number, figures: LoadFigures }> = []
  for (let count = 1; count <= MAX_PROCESSES; count++) {
    const used = processes.slice(0, count)
    log(`PostgreSQL: POST /api/orders on ${count} process${count > 1 ? 'es' : ''}, ${connections} connections in all, ${seconds} s`)
    // The processes not measured are frozen, so an idle one's timers take nothing from the others.
    const figures = await pausedAll(processes.slice(count).map(p => p.child), async () => ordersOn(used.map(p => p.base), connections, seconds, tablets, dish.id))
    measured.push({ processes: count, figures })
  }
  log(`bare Fastify + pg: POST /api/orders, ${connections} connections, ${seconds} s`)
  const bareDatabase = await freshDatabase(serverUrl, 'bare')
  const baseline = await startBaseline(join(ctx.workDir, 'baselines'), 'orders-pg', { BENCH_DATABASE_URL: bareDatabase })
  let bare: LoadFigures
  try {
    bare = await pausedAll(processes.map(p => p.child), async () => ordersOn([baseline.base], connections, seconds, tablets, dish.id))
  } finally {
    await stop(baseline.child)
  }
  for (const { processes: count, figures } of measured) {
    ctx.rows.push({
      scenario: `PostgreSQL: POST /api/orders, ${count} process${count > 1 ? 'es' : ''} (${tablets.length} tablets)`,
      tablepad: rateNote(figures),
      baseline: `bare Fastify + pg, 1 process: ${rateNote(bare)}`,
      ratio: figures.perSecond / bare.perSecond,
      goal: '—',
      met: null,
      errors: errorCell(figures, bare),
    })
  }
  ctx.figures.postgresOrders = { measured, bare }
}

async function fanoutRow (ctx: PostgresContext, processes: readonly Tablepad[]): Promise<void> {
  const first = processes[0]!
  const count = ctx.settings.sseTablets
  log(`PostgreSQL: pairing ${count} SSE tablets, their streams spread over ${processes.length} processes`)
  const tablets = await pairTablets(first, count, 'Stream')
  const menu = JSON.parse((await readMenu(first, tablets[0]!)).bytes.toString('utf8')) as { items: Array<{ id: string, available: boolean }> }
  const toggled = menu.items.find(item => item.available)
  if (!toggled) throw new Error('the demo menu has no dish on sale')
  const streams: Stream[] = []
  for (const [i, server] of processes.entries()) {
    const cookies = tablets.filter((_, n) => n % processes.length === i).map(tablet => tablet.cookie)
    streams.push(...await openStreams(`${server.base}/api/events`, cookies, 'menu.changed'))
  }
  const rounds = ctx.settings.fanoutRounds
  log(`sold out and back, ${rounds} times, switched on process 1, timed to each of ${streams.length} streams`)
  let fanout: FanoutFigures
  try {
    fanout = await measureFanout(streams, rounds, async (round) => {
      expectStatus(await http(`${first.base}/api/staff/menu/items/${toggled.id}`, {
        method: 'PATCH',
        headers: { cookie: first.staffCookie, 'content-type': 'application/json' },
        body: JSON.stringify({ available: round % 2 === 1 }),
      }), 200, 'sold-out switch')
    })
  } finally {
    closeStreams(streams)
  }
  const baseline = await startBaseline(join(ctx.workDir, 'baselines'), 'sse')
  let bare: FanoutFigures
  try {
    log(`bare SSE server (1 process): ${count} streams, ${rounds} fan-outs`)
    const bareStreams = await openStreams(`${baseline.base}/api/events`, tablets.map(() => undefined), 'menu.changed')
    bare = await pausedAll(processes.map(p => p.child), () => measureFanout(bareStreams, rounds, async () => {
      expectStatus(await http(`${baseline.base}/fanout`, { method: 'POST' }), 204, 'bare fan-out')
    }))
    closeStreams(bareStreams)
  } finally {
    await stop(baseline.child)
  }
  ctx.rows.push({
    scenario: `PostgreSQL: sold-out to ${count} SSE tablets over ${processes.length} processes (p50 / p99)`,
    tablepad: `${ms(fanout.p50Ms)} / ${ms(fanout.p99Ms)}`,
    baseline: `bare SSE server, 1 process: ${ms(bare.p50Ms)} / ${ms(bare.p99Ms)}`,
    ratio: fanout.p99Ms / bare.p99Ms,
    goal: '—',
    met: null,
    errors: '0 / 0',
  })
  ctx.figures.postgresFanout = { fanout, bare }
}

/** Every PostgreSQL row; the processes and databases are gone when it returns (or fails). */
export async function postgresRows (ctx: PostgresContext): Promise<void> {
  const serverUrl = benchPgServerUrl()
  log(`PostgreSQL scenarios on ${new URL(serverUrl).host}: ${MAX_PROCESSES} × node dist/server/src/server.js on one fresh database`)
  const databaseUrl = await freshDatabase(serverUrl, 'tablepad')
  const processes = await startProcesses(ctx.root, databaseUrl)
  try {
    await ordersRows(ctx, processes, serverUrl)
    await fanoutRow(ctx, processes)
  } finally {
    // Before the databases are dropped (cleanups run after this).
    await Promise.all(processes.map(async p => stop(p.child)))
  }
}
