// Issue 15, item 5: the console shows the store's clock (STORE_TIMEZONE, Asia/Shanghai here) on a device set to another zone.
import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { fetchMenu } from '../support/menu.js'
import { apiOrder, apiPay, apiTablet, consoleDishes, expect, test } from './staff-support.js'
import { SCREENSHOT_DIR } from '../support/screenshots.js'

const STORE_ZONE = 'Asia/Shanghai'
const DEVICE_ZONE = 'America/Los_Angeles'
// Pictures for people (git-ignored, beside the other screenshots); never an assertion.
const SHOTS = SCREENSHOT_DIR

const clock = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-US', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso))

test('a console on a device in another zone shows the store\'s times', async ({ console: open, staff }) => {
  const { ordered } = consoleDishes(await fetchMenu(staff))
  const tablet = await apiTablet(staff)
  const order = await apiOrder(tablet, ordered)
  const payment = await apiPay(tablet, order)
  const storeTime = clock(order.createdAt, STORE_ZONE)
  // 16 hours apart: the device's reading can never pass for the store's.
  expect(clock(order.createdAt, DEVICE_ZONE)).not.toBe(storeTime)

  const { page } = await open('/staff/orders', { timezoneId: DEVICE_ZONE })
  expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe(DEVICE_ZONE)
  const card = page.locator(`[data-testid="staff-order"][data-order-id="${order.id}"]`)
  await expect(card.locator('time')).toHaveText(storeTime)
  mkdirSync(SHOTS, { recursive: true })
  await card.scrollIntoViewIfNeeded()
  await card.screenshot({ path: resolve(SHOTS, 'issue-15-5-after.png'), animations: 'disabled' })

  await page.goto('/staff/payments')
  const row = page.locator(`[data-testid="staff-payment-row"][data-payment-id="${payment.id}"]`)
  await expect(row.locator('time')).toContainText(clock(payment.createdAt, STORE_ZONE))
  await tablet.device.dispose()
})
