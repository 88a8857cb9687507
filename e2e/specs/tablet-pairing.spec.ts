// The tablet's pairing: a code and a QR for staff, paired and unpaired live over the event stream.
import type { Page } from '@playwright/test'
import { expect, pairTablet, test } from '../support/tablet.js'
import { saveScreenshot } from '../support/screenshots.js'
import { baseUrl, newTable, pairDevice } from '../support/staff-api.js'

test.describe.configure({ mode: 'parallel' })

/** Set on the page's window: still there later proves the screen changed without a reload. */
async function markPage (page: Page): Promise<void> {
  await page.evaluate(() => { (window as unknown as { e2eMark?: boolean }).e2eMark = true })
}
async function pageWasKept (page: Page): Promise<boolean> {
  return await page.evaluate(() => (window as unknown as { e2eMark?: boolean }).e2eMark === true)
}

test('a fresh tablet shows a code and a QR, follows pairing and unpairing live', async ({ openUnpaired, staff }) => {
  const unpaired = await openUnpaired()
  const { page, pairingCode } = unpaired
  await expect(page.getByTestId('pairing-screen')).toBeVisible()
  const qr = page.getByTestId('pairing-qr')
  await expect(qr).toHaveAttribute('data-qr-value', new RegExp(`/staff/pair\\?code=${pairingCode}$`))
  await expect(qr.locator('svg')).toBeVisible()
  await saveScreenshot(page, 'pairing')

  await markPage(page)
  const tablet = await pairTablet(staff, unpaired)
  await expect(page.getByTestId('table-label')).toHaveText(tablet.table.label)
  const me = await (await page.request.get('/api/devices/me')).json() as { store: { name: string } }
  await expect(page.getByTestId('store-name')).toHaveText(me.store.name)
  expect(await pageWasKept(page), 'paired without a reload').toBe(true)

  const unpair = await staff.post(`/api/staff/devices/${tablet.deviceId}/unpair`, { data: {} })
  expect(unpair.ok()).toBe(true)
  await expect(page.getByTestId('pairing-screen')).toBeVisible()
  await expect(page.getByTestId('pairing-code')).toHaveAttribute('data-code', /^\d{6}$/)
  // The old code paired once; it must not pair again.
  await expect(page.getByTestId('pairing-code')).not.toHaveAttribute('data-code', pairingCode)
  expect(await pageWasKept(page), 'unpaired without a reload').toBe(true)
})

test('paired before its event stream was open: the tablet still finds out once the stream opens', async ({ browser, staff }) => {
  let openStream: () => void = () => undefined
  const streamMayOpen = new Promise<void>((resolve) => { openStream = resolve })
  const context = await browser.newContext({ baseURL: baseUrl(), viewport: { width: 1280, height: 800 }, locale: 'en-US' })
  // The stream's first connection is held until staff have paired the tablet, as a slow network or server can.
  await context.route('**/api/events**', async (route) => {
    await streamMayOpen
    await route.continue()
  })
  const page = await context.newPage()
  await page.goto('/')
  const code = page.getByTestId('pairing-code')
  await expect(code).toHaveAttribute('data-code', /^\d{6}$/)
  const table = await newTable(staff, 'Late stream')
  await pairDevice(staff, await code.getAttribute('data-code') ?? '', table.id)
  openStream()
  await expect(page.getByTestId('attract-screen')).toBeVisible()
  await expect(page.getByTestId('table-label')).toHaveText(table.label)
  await context.close()
})
