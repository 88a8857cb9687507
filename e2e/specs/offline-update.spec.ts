// A new release deployed while a diner is mid-order: the tablet installs it in the background, keeps the diner's
// screen as it is, and switches (reloads) only on the attract screen, where the new version then runs.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { expect, test, type APIRequestContext } from '@playwright/test'
import { addDish, openPairedTablet, simpleDish, staffOf, waitUntilOfflineReady } from '../support/offline-tablet.js'
import { ServerProcess } from '../support/server-process.js'

const ROOT = resolve(import.meta.dirname, '../..')
const currentDir = process.env.E2E_KIOSK_DIR ?? join(ROOT, 'dist/kiosk')
let nextDir: string
let builtNext = false
let server: ServerProcess
let staff: APIRequestContext

/** The entry script a build's index.html loads: what tells two builds apart in the page. */
function entryScript (dir: string): string {
  const match = /<script type="module"[^>]*src="([^"]+)"/.exec(readFileSync(join(dir, 'index.html'), 'utf8'))
  if (!match?.[1]) throw new Error(`no entry script in ${dir}/index.html`)
  return match[1]
}

test.beforeAll(async () => {
  test.setTimeout(240_000)
  // The "next release": E2E_KIOSK_NEXT_DIR, or the same sources built again under another VITE_APP_BUILD.
  nextDir = process.env.E2E_KIOSK_NEXT_DIR ?? ''
  if (!nextDir) {
    nextDir = mkdtempSync(join(tmpdir(), 'tablepad-next-kiosk-'))
    builtNext = true
    execFileSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', nextDir, '--emptyOutDir', '--logLevel', 'warn'], {
      cwd: ROOT,
      env: { ...process.env, VITE_APP_BUILD: `next-${Date.now()}` },
      stdio: ['ignore', 'ignore', 'inherit'],
      timeout: 200_000,
    })
  }
  expect(entryScript(nextDir)).not.toBe(entryScript(currentDir))
  server = await ServerProcess.start({ kioskDir: currentDir })
  staff = await staffOf(server)
})

test.afterAll(async () => {
  await staff?.dispose()
  await server?.dispose()
  if (builtNext) rmSync(nextDir, { recursive: true, force: true })
})

test('a release deployed mid-order waits for the attract screen, then the new version runs', async ({ browser }) => {
  test.info().setTimeout(120_000)
  const { context, page } = await openPairedTablet(browser, server, staff, '?idle=8&idleCountdown=300')
  await waitUntilOfflineReady(page)
  const firstBuild = await page.evaluate(() => document.documentElement.dataset.build)
  await addDish(page, await simpleDish(page))
  // Survives only as long as the page is not reloaded.
  await page.evaluate(() => { (window as unknown as { sameDocument: boolean }).sameDocument = true })

  // Deploy: the same server (port, data) restarted on the next build.
  await server.stop()
  await server.start({ kioskDir: nextDir })

  // The tablet finds the new version by itself (its event stream reconnects) and installs it in the background.
  await expect.poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting?.state ?? null), { timeout: 45_000 }).toBe('installed')
  // The diner is left alone, even once "Still there?" shows: same document, same build, same cart.
  await expect(page.getByTestId('idle-dialog')).toBeVisible({ timeout: 20_000 })
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true)
  expect(await page.evaluate(() => document.documentElement.dataset.build)).toBe(firstBuild)
  await expect(page.getByTestId('cart-line')).toHaveCount(1)

  // Between diners: the attract screen takes the update and reloads into it.
  await page.getByTestId('idle-reset').click()
  // It may pass through the old version once (a reload that frees the old worker finds itself stale and reloads
  // again), so wait for the page that runs the new entry script and has started (its build stamped). Read between
  // reloads: an evaluate that meets a navigation counts as "not yet".
  const nextEntry = entryScript(nextDir)
  await expect.poll(() => page.evaluate(([entry, old]) => {
    const build = document.documentElement.dataset.build
    const scripts = [...document.scripts].map(script => new URL(script.src, location.href).pathname)
    return build !== undefined && build !== old && scripts.includes(entry)
  }, [nextEntry, firstBuild] as const).catch(() => false), { timeout: 30_000, message: 'the new version running' }).toBe(true)
  await expect(page.getByTestId('attract-screen')).toBeVisible()
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBeUndefined()

  // Old releases leave nothing behind: the precache holds the new entry script and no longer the old one.
  const oldEntry = entryScript(currentDir)
  await expect.poll(() => page.evaluate(async () => {
    const urls: string[] = []
    for (const name of await caches.keys()) for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname)
    return urls
  })).toEqual(expect.arrayContaining([nextEntry]))
  expect(await page.evaluate(async (old) => {
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) if (new URL(request.url).pathname === old) return true
    }
    return false
  }, oldEntry)).toBe(false)
  await context.close()
})
