// Tablets against a spec's own server (ServerProcess): pairing, waiting until they can start offline, ordering, staff checks.
import { expect, request, type APIRequestContext, type Browser, type BrowserContext, type BrowserType, type Page, type Route } from '@playwright/test'
import { CHROMIUM_ARGS } from '../playwright.config.js'
import type { ServerProcess } from './server-process.js'

/** Must match IMAGE_CACHE in kiosk/src/pwa/sw-config.ts. */
export const IMAGE_CACHE = 'tablepad-dish-images'

export interface OfflineTablet {
  context: BrowserContext
  page: Page
  tableId: string
}

interface MenuItemLite {
  id: string
  image: string | null
  available: boolean
  optionGroups: { min: number }[]
}

/** The manager, logged in on the spec's own server (a new context per call: a restart keeps the session in SQLite). */
export async function staffOf (server: ServerProcess): Promise<APIRequestContext> {
  const staff = await request.newContext({ baseURL: server.baseUrl })
  const login = await staff.post('/api/staff/session', { data: { pin: server.staffPin } })
  if (!login.ok()) throw new Error(`staff login failed: ${login.status()} ${await login.text()}`)
  return staff
}

const TABLET_VIEW = { viewport: { width: 1280, height: 800 }, locale: 'en-US', timezoneId: 'Asia/Shanghai' } as const

/** In a fresh profile: opens the tablet, has staff pair it to a new table, and waits for the attract screen. */
export async function pairInContext (context: BrowserContext, staff: APIRequestContext, query = ''): Promise<OfflineTablet> {
  const page = context.pages()[0] ?? await context.newPage()
  await page.goto(`/${query}`)
  const code = page.getByTestId('pairing-code')
  await expect(code).toHaveAttribute('data-code', /^\d{6}$/)
  const table = await staff.post('/api/staff/tables', { data: { label: `Offline ${Math.random().toString(36).slice(2, 8)}` } })
  const { id: tableId } = await table.json() as { id: string }
  const paired = await staff.post('/api/staff/devices/pair', { data: { pairingCode: await code.getAttribute('data-code'), tableId } })
  expect(paired.ok()).toBe(true)
  await expect(page.getByTestId('attract-screen')).toBeVisible()
  return { context, page, tableId }
}

/** A fresh (incognito) tablet profile, paired by staff to a new table, on the attract screen. */
export async function openPairedTablet (browser: Browser, server: ServerProcess, staff: APIRequestContext, query = ''): Promise<OfflineTablet> {
  return pairInContext(await browser.newContext({ baseURL: server.baseUrl, ...TABLET_VIEW }), staff, query)
}

/**
 * A tablet browser with a profile on disk, as a real kiosk has: it can be quit and started again, and
 * Chromium only judges installability outside incognito.
 */
export async function launchTabletBrowser (chromium: BrowserType, userDataDir: string, server: ServerProcess): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    baseURL: server.baseUrl,
    ...TABLET_VIEW,
  })
}

/** Aborts what the service worker fetches, as a real lost network would (see setTabletOnline). */
function abortServiceWorkerFetch (route: Route): Promise<void> {
  return route.request().serviceWorker() ? route.abort('internetdisconnected') : route.fallback()
}

/**
 * Takes the whole tablet off the network or back on. Chromium's offline emulation covers pages but not the
 * service worker, whose Background Sync would otherwise send a queued order while the page is "offline";
 * its requests are aborted by a route (service worker routing is switched on in playwright.config.ts).
 */
export async function setTabletOnline (context: BrowserContext, online: boolean): Promise<void> {
  if (online) {
    await context.unroute('**', abortServiceWorkerFetch)
    await context.setOffline(false)
  } else {
    await context.setOffline(true)
    await context.route('**', abortServiceWorkerFetch)
  }
}

/** The menu's dish pictures, as the tablet sees them. */
export async function dishImages (page: Page): Promise<string[]> {
  const menu = await (await page.request.get('/api/menu')).json() as { items: MenuItemLite[] }
  return [...new Set(menu.items.flatMap(item => item.image ? [item.image] : []))]
}

/** A dish that can be added without choosing anything. */
export async function simpleDish (page: Page): Promise<string> {
  const menu = await (await page.request.get('/api/menu')).json() as { items: MenuItemLite[] }
  const dish = menu.items.find(item => item.available && item.optionGroups.every(group => group.min === 0))
  if (!dish) throw new Error('the demo menu has no dish without required choices')
  return dish.id
}

/** Waits until the service worker controls the page and every dish picture is in its cache. */
export async function waitUntilOfflineReady (page: Page): Promise<void> {
  const images = await dishImages(page)
  expect(images.length).toBeGreaterThan(0)
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? null), { timeout: 20_000 }).toBe('activated')
  await expect.poll(() => page.evaluate(async (name) => {
    const cache = await caches.open(name)
    return (await cache.keys()).map(key => new URL(key.url).pathname)
  }, IMAGE_CACHE), { timeout: 20_000 }).toEqual(expect.arrayContaining(images))
}

/** From the attract screen or the menu: one dish in the cart. */
export async function addDish (page: Page, itemId: string): Promise<void> {
  const start = page.getByTestId('start-order')
  if (await start.isVisible()) await start.click()
  const card = page.getByTestId(`dish-${itemId}`)
  const oneTap = await card.getAttribute('data-quick-add') === 'true'
  await card.click()
  // A dish with nothing to choose goes in with the tap; any other opens its sheet.
  if (!oneTap) await page.getByTestId('dish-add').click()
  await expect(page.getByTestId('cart-line')).toHaveCount(1)
}

/** Orders of one table as the server holds them (from the staff API, which the tablet's network does not affect). */
export async function ordersOfTable (staff: APIRequestContext, tableId: string): Promise<{ id: string, clientOrderId: string }[]> {
  const response = await staff.get('/api/staff/orders')
  expect(response.ok()).toBe(true)
  const orders = await response.json() as { id: string, clientOrderId: string, tableId: string }[]
  return orders.filter(order => order.tableId === tableId)
}

/**
 * Records, in every page of the context, when the menu first shows with its visible dish pictures drawn
 * (`window.menuShownAt`, then `window.menuDrawnAt`: ms after navigation start), checked on every animation frame.
 */
export async function recordMenuDrawn (context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const check = (): void => {
      const marks = window as unknown as { menuShownAt?: number }
      if (marks.menuShownAt === undefined && document.querySelector('[data-testid="menu-screen"]')) marks.menuShownAt = performance.now()
      const images = [...document.querySelectorAll<HTMLImageElement>('[data-testid="menu-screen"] [data-testid^="dish-"] img')]
        .filter(image => image.getBoundingClientRect().top < innerHeight)
      if (images.length > 0 && images.every(image => image.complete && image.naturalWidth > 0)) {
        (window as unknown as { menuDrawnAt: number }).menuDrawnAt = performance.now()
      } else {
        requestAnimationFrame(check)
      }
    }
    requestAnimationFrame(check)
  })
}

/** Every visible dish picture on screen has been drawn (decoded, not broken). */
export async function visiblePicturesDrawn (page: Page, selector: string): Promise<boolean> {
  return page.evaluate((css) => {
    const images = [...document.querySelectorAll<HTMLImageElement>(css)].filter(image => image.getBoundingClientRect().top < innerHeight)
    return images.length > 0 && images.every(image => image.complete && image.naturalWidth > 0)
  }, selector)
}
