// `npm run bench` (docs/performance.md): the production build under load from this separate process, every figure
// beside a bare baseline started in the same run; one table printed, the raw figures written to bench-results/.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { join, resolve } from 'node:path'
import { compileBaselines } from './baselines.js'
import { buildMinimalApp } from './bundle.js'
import { precompressDir } from '../scripts/precompress.js'
import { log, settledRss, type Context } from './context.js'
import { onCleanup, stop, stopAll, stopAllOnSignals } from './processes.js'
import { formatTable, type Row } from './report.js'
import { menuScenarios, notifyScenario, ordersScenario, paymentScenario } from './scenarios-api.js'
import { liveRows, openTabletStreams } from './scenarios-live.js'
import { postgresRows } from './scenarios-postgres.js'
import { reportsRows } from './scenarios-reports.js'
import { bundleRow, lighthouseRows } from './scenarios-web.js'
import { readSettings, type Settings } from './settings.js'
import { pairTablets, readMenu, startTablepad } from './tablepad.js'
import { CHROMIUM_PATH } from './lighthouse.js'

const ROOT = resolve(import.meta.dirname, '../..')
const RESULTS_DIR = join(ROOT, 'bench-results')

/** The figures are of the production build: it must exist (or be made with --build). */
function ensureBuild (build: boolean): string {
  const server = join(ROOT, 'dist/server/src/server.js')
  const kiosk = join(ROOT, 'dist/kiosk/index.html')
  if (build) {
    log('npm run build (--build)')
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] })
  }
  if (!existsSync(server) || !existsSync(kiosk)) throw new Error('no production build: run `npm run build` first (or `npm run bench -- --build`)')
  return new Date(Math.max(statSync(server).mtimeMs, statSync(kiosk).mtimeMs)).toISOString()
}

function machine (): string {
  let chromium = 'Chromium not found'
  try {
    chromium = execFileSync(CHROMIUM_PATH, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
  } catch {
    // Reported as missing; only Lighthouse needs it.
  }
  return `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${chromium}`
}

async function main (): Promise<void> {
  stopAllOnSignals()
  const settings = readSettings(process.argv.slice(2))
  const started = Date.now()
  const builtAt = ensureBuild(settings.build)
  log(`${settings.quick ? 'quick' : 'full'} run against the build of ${builtAt} (the bench does not build it: npm run build, or --build)`)
  if (settings.only === 'reports') {
    // One group alone (`--only reports`): its own server on its own history, nothing else started.
    const rows: Row[] = []
    const figures: Record<string, unknown> = {}
    await reportsRows({ settings, root: ROOT, rows, figures })
    writeResults(settings, builtAt, started, rows, figures)
    return
  }
  const workDir = join(RESULTS_DIR, '.work')
  rmSync(workDir, { recursive: true, force: true })
  mkdirSync(workDir, { recursive: true })
  onCleanup(() => rmSync(workDir, { recursive: true, force: true }))
  compileBaselines(join(workDir, 'baselines'))
  if (settings.only === 'postgres') {
    // `--only postgres`: 1, 2 and 3 processes on one PostgreSQL database, and the fan-out over 3 of them.
    const ctx = { settings, root: ROOT, workDir, rows: [] as Row[], figures: {} }
    await postgresRows(ctx)
    writeResults(settings, builtAt, started, ctx.rows, ctx.figures)
    return
  }
  if (settings.only === 'payments') {
    // `--only payments`: payment creation and the notifications that need its payments, with only the order tablets.
    const tablepad = await startTablepad(ROOT)
    const orderTablets = await pairTablets(tablepad, settings.orderTablets, 'Order')
    const { dish } = await readMenu(tablepad, orderTablets[0]!)
    const ctx: Context = { settings, root: ROOT, workDir, tablepad, orderTablets, sseTablets: [], dish, toggledDishId: '', rows: [], figures: {} }
    await notifyScenario(ctx, await paymentScenario(ctx, []))
    writeResults(settings, builtAt, started, ctx.rows, ctx.figures)
    return
  }

  log('building the minimal app (Vite, same run)')
  const minimalAppDir = join(workDir, 'minimal-app')
  await buildMinimalApp(minimalAppDir)
  // The same .br/.gz siblings `npm run build` gives the kiosk, so both static servers send the same kind of bytes.
  await precompressDir(minimalAppDir)

  if (settings.only === 'lighthouse') {
    // `--only lighthouse`: the first JS, `/` and the tap-through, each beside the minimal app; no tablets but its own.
    const tablepad = await startTablepad(ROOT)
    const ctx = { settings, root: ROOT, workDir, tablepad, rows: [] as Row[], figures: {} }
    bundleRow(ctx, minimalAppDir)
    await lighthouseRows(ctx, minimalAppDir)
    writeResults(settings, builtAt, started, ctx.rows, ctx.figures)
    return
  }

  log('starting Tablepad: node dist/server/src/server.js')
  const tablepad = await startTablepad(ROOT)
  const rssIdle = await settledRss(tablepad.child.pid)
  log(`pairing ${settings.orderTablets} order tablets and ${settings.sseTablets} SSE tablets through the staff API`)
  const orderTablets = await pairTablets(tablepad, settings.orderTablets, 'Order')
  const sseTablets = await pairTablets(tablepad, settings.sseTablets, 'Stream')
  const { bytes, dish } = await readMenu(tablepad, orderTablets[0]!)
  const menu = JSON.parse(bytes.toString('utf8')) as { items: Array<{ id: string, available: boolean }> }
  const toggled = menu.items.find(item => item.available && item.id !== dish.id)
  if (!toggled) throw new Error('the demo menu has a single dish')
  const ctx: Context = { settings, root: ROOT, workDir, tablepad, orderTablets, sseTablets, dish, toggledDishId: toggled.id, rows: [], figures: {} }

  bundleRow(ctx, minimalAppDir)
  const live = await openTabletStreams(ctx, rssIdle)
  let rssAfterOrders = 0
  const placed = await ordersScenario(ctx, async () => {
    rssAfterOrders = await settledRss(tablepad.child.pid)
  })
  await liveRows(ctx, live, rssAfterOrders)
  await menuScenarios(ctx)
  const payments = await paymentScenario(ctx, placed)
  await notifyScenario(ctx, payments)
  await lighthouseRows(ctx, minimalAppDir)
  // Last, on a server of its own: the year of history must not weigh on the figures above.
  await stop(tablepad.child)
  await reportsRows({ settings, root: ROOT, rows: ctx.rows, figures: ctx.figures })
  writeResults(settings, builtAt, started, ctx.rows, ctx.figures)
}

/** The table on stdout and the raw figures in bench-results/. */
function writeResults (settings: Settings, builtAt: string, started: number, rows: Row[], figures: Record<string, unknown>): void {
  const header = [
    `Tablepad bench, ${settings.quick ? 'quick' : 'full'} run${settings.only ? ` (only ${settings.only})` : ''}, ${new Date().toISOString()}`,
    `machine: ${machine()}`,
    `load: autocannon, ${settings.connections} connections, ${settings.seconds} s per scenario, from the bench process; server: dist/ of ${builtAt}`,
  ]
  process.stdout.write(`\n${header.join('\n')}\n\n${formatTable(rows)}\n\n`)
  mkdirSync(RESULTS_DIR, { recursive: true })
  const file = join(RESULTS_DIR, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}${settings.quick ? '-quick' : ''}${settings.only ? `-${settings.only}` : ''}.json`)
  writeFileSync(file, JSON.stringify({ header, settings, rows, figures, seconds: (Date.now() - started) / 1000 }, null, 2))
  process.stdout.write(`raw figures: ${file} (${Math.round((Date.now() - started) / 1000)} s)\n`)
}

main()
  .catch((error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`)
    process.exitCode = 1
  })
  .finally(() => stopAll())
