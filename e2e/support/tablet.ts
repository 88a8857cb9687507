// Fixtures for the table tablet: one staff API session per worker, and tablets each paired to a new table.
import { test as base, expect, type APIRequestContext, type Browser, type BrowserContext, type Page } from '@playwright/test'
import { baseUrl, newTable, pairDevice, staffApi, type TableInfo } from './staff-api.js'

export { expect }

export const LANDSCAPE = { width: 1280, height: 800 } as const
export const PORTRAIT = { width: 800, height: 1280 } as const

export interface TabletOptions {
  /** Query string of the tablet URL, e.g. '?idle=3&idleCountdown=3'. */
  query?: string
  viewport?: { width: number, height: number }
}

export interface UnpairedTablet { context: BrowserContext, page: Page, pairingCode: string }
export interface Tablet { context: BrowserContext, page: Page, table: TableInfo, deviceId: string }

/** A fresh browser profile (no device cookie, empty IndexedDB) showing its pairing code. */
export async function openUnpairedTablet (browser: Browser, options: TabletOptions = {}): Promise<UnpairedTablet> {
  const context = await browser.newContext({
    baseURL: baseUrl(),
    viewport: options.viewport ?? LANDSCAPE,
    locale: 'en-US',
    timezoneId: 'Asia/Shanghai',
    hasTouch: true,
  })
  const page = await context.newPage()
  await page.goto(`/${options.query ?? ''}`)
  const code = page.getByTestId('pairing-code')
  await expect(code).toHaveAttribute('data-code', /^\d{6}$/)
  return { context, page, pairingCode: await code.getAttribute('data-code') ?? '' }
}

/** Pairs a tablet to a new table of its own and waits until it shows the attract screen. */
export async function pairTablet (staff: APIRequestContext, unpaired: UnpairedTablet): Promise<Tablet> {
  const table = await newTable(staff, 'Tablet')
  await pairDevice(staff, unpaired.pairingCode, table.id)
  await expect(unpaired.page.getByTestId('attract-screen')).toBeVisible()
  const me = await unpaired.page.request.get('/api/devices/me')
  const { deviceId } = await me.json() as { deviceId: string }
  return { context: unpaired.context, page: unpaired.page, table, deviceId }
}

interface TabletFixtures {
  /** Opens a tablet paired to its own new table; closed after the test. */
  openTablet: (options?: TabletOptions) => Promise<Tablet>
  /** Opens a tablet that is not paired yet; closed after the test. */
  openUnpaired: (options?: TabletOptions) => Promise<UnpairedTablet>
}

interface WorkerFixtures {
  /** Logged in once per worker: staff login is rate-limited and the server is shared by every spec. */
  staff: APIRequestContext
}

export const test = base.extend<TabletFixtures, WorkerFixtures>({
  staff: [async ({ playwright: _playwright }, use) => {
    const staff = await staffApi()
    await use(staff)
    await staff.dispose()
  }, { scope: 'worker' }],

  openUnpaired: async ({ browser }, use) => {
    const contexts: BrowserContext[] = []
    await use(async (options) => {
      const tablet = await openUnpairedTablet(browser, options)
      contexts.push(tablet.context)
      return tablet
    })
    await Promise.all(contexts.map(context => context.close()))
  },

  openTablet: async ({ openUnpaired, staff }, use) => {
    await use(async options => await pairTablet(staff, await openUnpaired(options)))
  },
})
