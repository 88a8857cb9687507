// Lighthouse 12, mobile (its default settings), in Debian's Chromium: the first page by URL, the tap-through to the
// menu as a user flow (the menu is a screen of the one page, not a URL: docs/performance.md explains).
import { launch, type LaunchedChrome } from 'chrome-launcher'
import lighthouse, { startFlow, type Flags } from 'lighthouse'
import puppeteer, { type Page } from 'puppeteer-core'
import { onCleanup } from './processes.js'

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
]

export interface PageFigures {
  /** 0–100. */
  score: number
  fcpMs: number
  lcpMs: number
  cls: number
  tbtMs: number
  speedIndexMs: number
  /**
   * Lighthouse's long tasks (simulated: observed × its 4× CPU slowdown) between FCP and TTI, which make the TBT: the
   * raw JSON names them, so a drop in the score can be traced to the work that caused it. `url` is the script the
   * task ran, the page's own URL for callbacks without one, `Unattributable` for style and layout.
   */
  longTasks: Array<{ url: string, startMs: number, durationMs: number }>
}

export interface TapFigures {
  cls: number
  tbtMs: number
  /** Interaction to next paint of the tap, when Lighthouse saw one. */
  inpMs: number | null
  /** From the tap until the menu is shown with its visible pictures drawn (measured in the page). */
  menuDrawnMs: number
}

/**
 * Runs `fn` with a Chromium of its own: chrome-launcher gives each launch a fresh profile, so no run finds the
 * HTTP cache of the one before (the menu would then be revalidated, 304, instead of loaded).
 */
export async function withChromium<T> (fn: (chrome: LaunchedChrome) => Promise<T>): Promise<T> {
  const chrome = await launch({ chromePath: CHROMIUM_PATH, chromeFlags: CHROMIUM_FLAGS, logLevel: 'silent' })
  const unregister = onCleanup(() => chrome.kill())
  try {
    return await fn(chrome)
  } finally {
    chrome.kill()
    unregister()
  }
}

const audit = (lhr: { audits: Record<string, { numericValue?: number }> }, id: string): number | null => lhr.audits[id]?.numericValue ?? null

/** Throws unless every path in `paths` was fetched with a 200 during the run (proof of what was measured). */
function assertFetched (lhr: { audits: Record<string, { details?: unknown }> }, url: string, paths: readonly string[]): void {
  const items = (lhr.audits['network-requests']?.details as { items?: Array<{ url: string, statusCode: number }> } | undefined)?.items ?? []
  for (const path of paths) {
    if (!items.some(item => new URL(item.url).pathname === path && item.statusCode === 200)) {
      const seen = items.filter(item => new URL(item.url).pathname.startsWith('/api/')).map(item => `${item.statusCode} ${new URL(item.url).pathname}`)
      throw new Error(`Lighthouse on ${url}: the page did not fetch ${path} with 200, so it is not the screen meant to be measured (API requests: ${seen.join(', ') || 'none'})`)
    }
  }
}

/**
 * One Lighthouse navigation of `url`, optionally as a tablet (its device cookie sent with every request);
 * `mustFetch` lists the paths that show the intended screen loaded (for a paired tablet: its device and the menu).
 */
export async function measurePage (chrome: LaunchedChrome, url: string, cookie?: string, mustFetch: readonly string[] = []): Promise<PageFigures> {
  const flags: Flags = {
    port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'],
    ...(cookie ? { extraHeaders: { Cookie: cookie } } : {}),
  }
  const result = await lighthouse(url, flags)
  if (!result) throw new Error(`Lighthouse gave no result for ${url}`)
  const lhr = result.lhr
  if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`)
  assertFetched(lhr, url, mustFetch)
  const fcpMs = audit(lhr, 'first-contentful-paint') ?? NaN
  const ttiMs = audit(lhr, 'interactive') ?? Infinity
  const tasks = (lhr.audits['long-tasks']?.details as { items?: Array<{ url: string, startTime: number, duration: number }> } | undefined)?.items ?? []
  return {
    score: Math.round((lhr.categories.performance?.score ?? 0) * 100),
    fcpMs,
    lcpMs: audit(lhr, 'largest-contentful-paint') ?? NaN,
    cls: audit(lhr, 'cumulative-layout-shift') ?? NaN,
    tbtMs: audit(lhr, 'total-blocking-time') ?? NaN,
    speedIndexMs: audit(lhr, 'speed-index') ?? NaN,
    longTasks: tasks
      .filter(task => task.startTime + task.duration > fcpMs && task.startTime < ttiMs)
      .sort((a, b) => a.startTime - b.startTime)
      .map(task => ({ url: task.url, startMs: Math.round(task.startTime), durationMs: Math.round(task.duration) })),
  }
}

/**
 * Runs in the page (as text: this file is checked as Node code): the menu screen is there with every picture in
 * view drawn; then the ms since the tap.
 */
const MENU_DRAWN = `(() => {
  const menu = document.querySelector('[data-testid="menu-screen"]')
  if (!menu) return false
  const images = [...menu.querySelectorAll('img')].filter(image => image.getBoundingClientRect().top < innerHeight)
  if (!images.every(image => image.complete && image.naturalWidth > 0)) return false
  return performance.now() - window.benchTapAt
})()`

async function waitForMenuDrawn (page: Page, timeoutMs: number): Promise<number> {
  const handle = await page.waitForFunction(MENU_DRAWN, { polling: 'raf', timeout: timeoutMs })
  return await handle.jsonValue() as number
}

/**
 * A user flow in a fresh browser context: load `url` (the first screen), then a timespan over the tap on
 * `[data-testid="start-order"]` until the menu screen is drawn.
 */
export async function measureTapThrough (chrome: LaunchedChrome, url: string, cookie?: { name: string, value: string }): Promise<TapFigures> {
  const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}`, defaultViewport: null })
  try {
    const context = await browser.createBrowserContext()
    const page = await context.newPage()
    if (cookie) await page.setCookie({ ...cookie, url })
    // Storage is not reset, so the cookie set above stays; the fresh context is the clean profile.
    const flow = await startFlow(page as never, { flags: { logLevel: 'error', onlyCategories: ['performance'], disableStorageReset: true } })
    await flow.navigate(url)
    await page.waitForSelector('[data-testid="start-order"]', { visible: true, timeout: 30_000 })
    await flow.startTimespan()
    await page.evaluate('window.benchTapAt = performance.now()')
    await page.click('[data-testid="start-order"]')
    const menuDrawnMs = await waitForMenuDrawn(page, 30_000)
    await flow.endTimespan()
    const step = (await flow.createFlowResult()).steps[1]
    if (!step) throw new Error('the user flow has no timespan step')
    await context.close()
    return {
      cls: audit(step.lhr, 'cumulative-layout-shift') ?? NaN,
      tbtMs: audit(step.lhr, 'total-blocking-time') ?? NaN,
      inpMs: audit(step.lhr, 'interaction-to-next-paint'),
      menuDrawnMs,
    }
  } finally {
    await browser.disconnect()
  }
}
