// The tablet in the browser: initial JavaScript of `/`, Lighthouse 12 mobile on `/` and on the tap-through to the
// menu, each against the minimal app (same framework packages) built and served bare in the same run.
import { join } from 'node:path'
import { startBaseline } from './baselines.js'
import { initialJs, type InitialJs } from './initial-js.js'
import { log, type Context } from './context.js'
import { measurePage, measureTapThrough, withChromium, type PageFigures, type TapFigures } from './lighthouse.js'
import { paused, stop } from './processes.js'
import { kb, ms } from './report.js'
import { pairTablets } from './tablepad.js'

export function bundleRow (ctx: Pick<Context, 'root' | 'rows' | 'figures'>, minimalAppDir: string): void {
  const tablepad: InitialJs = initialJs(join(ctx.root, 'dist', 'kiosk'))
  const minimal: InitialJs = initialJs(minimalAppDir)
  const ratio = tablepad.gzipBytes / minimal.gzipBytes
  ctx.rows.push({
    scenario: 'initial JS of `/` (gzip -9)',
    tablepad: `${kb(tablepad.gzipBytes)} in ${tablepad.files.length} files`,
    baseline: `minimal Vue + Pinia + vue-router + vue-i18n + idb + workbox-window app: ${kb(minimal.gzipBytes)} in ${minimal.files.length}`,
    ratio,
    goal: '≤ 1.25×',
    met: ratio <= 1.25,
    errors: '—',
  })
  ctx.figures.bundle = { tablepad, minimal }
}

/** Lighthouse now and then fails a run on its own (NO_NAVSTART: "Please run Lighthouse again"): up to 2 more tries. */
async function retried<T> (what: string, fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn()
    } catch (error) {
      if (attempt === 3) throw error
      log(`${what} failed (${error instanceof Error ? error.message : String(error)}), trying again`)
    }
  }
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor((sorted.length - 1) / 2)]!
}

/** Each figure's median over the runs (the long tasks are in the raw JSON, run by run). */
function medianPage (runs: PageFigures[]): Omit<PageFigures, 'longTasks'> {
  return {
    score: median(runs.map(run => run.score)),
    fcpMs: median(runs.map(run => run.fcpMs)),
    lcpMs: median(runs.map(run => run.lcpMs)),
    cls: median(runs.map(run => run.cls)),
    tbtMs: median(runs.map(run => run.tbtMs)),
    speedIndexMs: median(runs.map(run => run.speedIndexMs)),
  }
}

const pageCell = (page: Omit<PageFigures, 'longTasks'>): string => `score ${page.score}, FCP ${ms(page.fcpMs)}, LCP ${ms(page.lcpMs)}, TBT ${ms(page.tbtMs)}, CLS ${page.cls.toFixed(3)}`
const tapCell = (tap: TapFigures): string => `menu drawn ${ms(tap.menuDrawnMs)} after the tap, CLS ${tap.cls.toFixed(3)}, TBT ${ms(tap.tbtMs)}${tap.inpMs === null ? '' : `, INP ${ms(tap.inpMs)}`}`

/** Needs no tablets of the run's: it pairs one of its own (`--only lighthouse` starts nothing else). */
export type WebContext = Pick<Context, 'settings' | 'workDir' | 'tablepad' | 'rows' | 'figures'>

export async function lighthouseRows (ctx: WebContext, minimalAppDir: string): Promise<void> {
  const runs = ctx.settings.lighthouseRuns
  if (runs === 0) {
    ctx.rows.push({ scenario: 'Lighthouse 12 mobile, `/` and the tap-through to the menu', tablepad: 'skipped (--quick or --no-lighthouse)', baseline: '—', ratio: null, goal: 'score ≥ 95, CLS < 0.05', met: null, errors: '—' })
    return
  }
  const [tablet] = await pairTablets(ctx.tablepad, 1, 'Lighthouse')
  const cookieValue = tablet!.cookie.replace(/^tp_device=/, '')
  const staticServer = await startBaseline(join(ctx.workDir, 'baselines'), 'static', { BENCH_STATIC_DIR: minimalAppDir })
  try {
    const tablepadRuns: PageFigures[] = []
    const minimalRuns: PageFigures[] = []
    for (let i = 1; i <= runs; i++) {
      log(`Lighthouse ${i} of ${runs}: \`/\` of a paired tablet, then the minimal app`)
      // The paired tablet's attract screen reads its device and the menu; the pairing screen would read neither.
      tablepadRuns.push(await retried('Lighthouse on Tablepad', () => withChromium(chrome => measurePage(chrome, `${ctx.tablepad.base}/`, tablet!.cookie, ['/api/devices/me', '/api/menu']))))
      minimalRuns.push(await paused(ctx.tablepad.child, () => retried('Lighthouse on the minimal app', () => withChromium(chrome => measurePage(chrome, `${staticServer.base}/`)))))
    }
    const page = medianPage(tablepadRuns)
    const minimal = medianPage(minimalRuns)
    ctx.rows.push({
      scenario: `Lighthouse 12 mobile, \`/\` (median of ${runs})`,
      tablepad: pageCell(page),
      baseline: pageCell(minimal),
      ratio: page.lcpMs / minimal.lcpMs,
      goal: 'score ≥ 95, CLS < 0.05 (ratio: LCP)',
      met: page.score >= 95 && page.cls < 0.05,
      errors: '—',
    })
    log('Lighthouse user flow: the tap from the first screen to the menu, Tablepad then the minimal app')
    const tap = await retried('The Tablepad user flow', () => withChromium(chrome => measureTapThrough(chrome, `${ctx.tablepad.base}/`, { name: 'tp_device', value: cookieValue })))
    const minimalTap = await paused(ctx.tablepad.child, () => retried('The minimal app user flow', () => withChromium(chrome => measureTapThrough(chrome, `${staticServer.base}/`))))
    ctx.rows.push({
      scenario: 'Lighthouse 12 mobile, tap-through to the menu (user flow timespan)',
      tablepad: tapCell(tap),
      baseline: tapCell(minimalTap),
      ratio: tap.menuDrawnMs / minimalTap.menuDrawnMs,
      goal: 'CLS < 0.05 (ratio: time to menu drawn)',
      met: tap.cls < 0.05,
      errors: '—',
    })
    ctx.figures.lighthouse = { tablepadRuns, minimalRuns, tap, minimalTap }
  } finally {
    await stop(staticServer.child)
  }
}
