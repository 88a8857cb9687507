// Issue 15, console basics: tables named in both languages, and finding an order by its number or dish.
import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { fetchMenu } from '../support/menu.js'
import type { Table } from '../../shared/src/schemas/table.js'
import { apiOrder, apiTablet, consoleDishes, expect, test } from './staff-support.js'
import { SCREENSHOT_DIR } from '../support/screenshots.js'

// Pictures for people (git-ignored, beside the other screenshots); never an assertion.
const SHOTS = SCREENSHOT_DIR

test('a table\'s Chinese name shows when the console speaks Chinese', async ({ console: open, staff }) => {
  const suffix = Math.random().toString(36).slice(2, 7)
  const created = await staff.post('/api/staff/tables', { data: { label: `Window ${suffix}`, labelZh: `窗边 ${suffix}` } })
  expect(created.status()).toBe(201)
  const table = await created.json() as Table
  const { page } = await open('/staff/tables')
  await page.getByTestId('lang-zh-CN').click()
  const row = page.locator(`[data-testid="staff-table"][data-table-id="${table.id}"]`)
  await expect(row.getByTestId('staff-table-name')).toHaveText(`窗边 ${suffix}`)
  await expect(row.getByTestId('staff-table-other-name')).toHaveText(`Window ${suffix}`)
  await row.getByTestId('staff-table-edit').click()
  await expect(page.getByTestId('staff-table-label-zh')).toHaveValue(`窗边 ${suffix}`)
  mkdirSync(SHOTS, { recursive: true })
  await page.screenshot({ path: resolve(SHOTS, 'issue-15-8-console-after.png'), animations: 'disabled' })
  await page.keyboard.press('Escape')
  await page.getByTestId('lang-en').click()
  await staff.delete(`/api/staff/tables/${table.id}`)
})

test('find an order by its number, and by a dish in Chinese, for today', async ({ console: open, staff }) => {
  const menu = await fetchMenu(staff)
  const { ordered } = consoleDishes(menu)
  const tablet = await apiTablet(staff)
  const order = await apiOrder(tablet, ordered)
  const { page } = await open('/staff/orders')
  await page.getByTestId('staff-orders-filter-search').click()
  await page.getByTestId('staff-order-search-text').fill(String(order.number))
  await page.getByTestId('staff-order-search-go').click()
  const found = page.getByTestId('staff-order-search').getByTestId('staff-order')
  await expect(found).toHaveCount(1)
  await expect(found).toHaveAttribute('data-order-id', order.id)

  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(order.createdAt))
  await page.getByTestId('staff-order-search-text').fill(ordered.names['zh-CN'] ?? ordered.names.en)
  await page.getByTestId('staff-order-search-from').fill(today)
  await page.getByTestId('staff-order-search-to').fill(today)
  await page.getByTestId('staff-order-search-go').click()
  await expect(page.getByTestId('staff-order-search').locator(`[data-order-id="${order.id}"]`)).toBeVisible()
  await page.screenshot({ path: resolve(SHOTS, 'issue-15-console-search-after.png'), animations: 'disabled' })
  await tablet.device.dispose()
})
