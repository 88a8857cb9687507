// Reports: a manager opens the screen, switches the range, reads a chart as a table, downloads the CSV (UTF-8 with
// a BOM, headers in the console's language), prints the day's Z-report on an 80 mm receipt and on A4, closes and
// reopens a day, checks it against the emulator's bill; staff see today's totals only. Axe on each screen.
import { readFile } from 'node:fs/promises'
import type { Page } from '@playwright/test'
import { fetchMenu } from '../support/menu.js'
import { expectAccessible } from '../support/accessibility.js'
import { saveScreenshot } from '../support/screenshots.js'
import { PHONE, apiOrder, apiPay, apiSession, apiTablet, consoleDishes, expect, newMember, test } from './staff-support.js'

/** The store's calendar day (the e2e server runs with the default STORE_TIMEZONE, Asia/Shanghai). */
function storeDay (offsetDays = 0): string {
  const instant = Date.now() + offsetDays * 86_400_000
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant)
}

async function rangeShown (page: Page, from: string, to: string): Promise<void> {
  const content = page.getByTestId('report-content')
  await expect(content).toHaveAttribute('data-from', from)
  await expect(content).toHaveAttribute('data-to', to)
  await expect(content).toHaveAttribute('data-loading', 'false')
}

/** Width and height (points) of the first page of a PDF Chromium printed with the page's own @page size. */
async function pdfPageSize (page: Page): Promise<{ width: number, height: number }> {
  const pdf = (await page.pdf({ preferCSSPageSize: true, printBackground: true })).toString('latin1')
  const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(pdf)
  if (!box) throw new Error('no MediaBox in the printed PDF')
  return { width: Number(box[1]), height: Number(box[2]) }
}

const MM_IN_PT = 72 / 25.4

test('a manager reads the reports, downloads the CSV and prints the day; staff see today only', async ({ console: open, staff }) => {
  test.setTimeout(120_000)
  // Something sold today, so the charts have a bar to show.
  const { ordered } = consoleDishes(await fetchMenu(staff))
  const tablet = await apiTablet(staff)
  await apiPay(tablet, await apiOrder(tablet, ordered, 2))
  const today = storeDay()
  const yesterday = storeDay(-1)
  const monthStart = `${today.slice(0, 8)}01`

  const { page } = await open('/staff/orders')
  await page.getByTestId('staff-nav-reports').click()
  await expect(page.getByRole('heading', { name: 'Reports', exact: true })).toBeVisible()
  await rangeShown(page, today, today)
  await expect(page.getByTestId('report-total-orders')).not.toContainText(/^Orders\s*0$/)

  // Range switch: yesterday, then this month (the store's calendar).
  await page.getByTestId('report-range-yesterday').click()
  await rangeShown(page, yesterday, yesterday)
  await page.getByTestId('report-range-month').click()
  await rangeShown(page, monthStart, today)

  // A chart: an image with a name and a summary, and the same figures as a table.
  const byHour = page.getByTestId('report-by-hour')
  await expect(page.getByRole('img', { name: 'Sales by hour of day' })).toBeVisible()
  await expect(byHour.getByTestId('report-by-hour-summary')).toContainText('Highest:')
  await expect(byHour.getByTestId('report-by-hour-table')).toBeHidden()
  await byHour.getByText('Show as table').click()
  const hours = byHour.getByTestId('report-by-hour-table').locator('tbody tr')
  await expect(hours).toHaveCount(24)
  const soldHour = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', hourCycle: 'h23' }).format(Date.now())
  await expect(hours.nth(Number(soldHour)).locator('th')).toHaveText(`${soldHour}:00`)
  await expect(hours.nth(Number(soldHour)).locator('td').first()).not.toHaveText('0')
  await expect(page.getByTestId('report-dishes').getByRole('img')).toBeVisible()
  await expectAccessible(page, 'the reports screen')
  await saveScreenshot(page, 'staff-reports-desktop')

  // The CSV of the range: UTF-8 with a BOM (spreadsheets read Chinese right), headers in English.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-csv').click()])
  expect(download.suggestedFilename()).toBe(`tablepad-sales-${monthStart}-${today}.csv`)
  const bytes = await readFile(await download.path())
  expect([...bytes.subarray(0, 3)]).toEqual([0xEF, 0xBB, 0xBF])
  const lines = bytes.subarray(3).toString('utf8').split(/\r?\n/)
  expect(lines[0]).toMatch(/^Order number,Sold at,Table,Dish \(English\),Dish \(Chinese\)/)
  expect(lines.some(line => line.includes(ordered.names.en))).toBe(true)

  // In Chinese: the screen, the chart's name, and the CSV's headers.
  await page.getByTestId('lang-zh-CN').click()
  await expect(page.getByRole('heading', { name: '报表', exact: true })).toBeVisible()
  await expect(page.getByRole('img', { name: '各时段销售额' })).toBeVisible()
  await expectAccessible(page, 'the reports screen in Chinese')
  await saveScreenshot(page, 'staff-reports-desktop-zh')
  const [chinese] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-csv').click()])
  const chineseBytes = await readFile(await chinese.path())
  expect([...chineseBytes.subarray(0, 3)]).toEqual([0xEF, 0xBB, 0xBF])
  expect(chineseBytes.subarray(3).toString('utf8')).toMatch(/^订单号,售出时间,桌台/)
  await page.getByTestId('lang-en').click()

  // The day's Z-report, on screen and on paper: an 80 mm receipt, then A4.
  await page.goto(`/staff/reports/days/${today}?paper=80mm`)
  await expect(page.getByTestId('day-sheet')).toBeVisible()
  await expect(page.getByTestId('staff-report-day')).toHaveAttribute('data-paper', '80mm')
  await expect(page.getByTestId('day-totals')).toContainText('Gross sales')
  await expectAccessible(page, 'the day\'s Z-report')
  await saveScreenshot(page, 'staff-report-day-80mm')
  await page.emulateMedia({ media: 'print' })
  await expect(page.getByTestId('day-print')).toBeHidden()
  await expect(page.locator('[data-testid="staff-nav-orders"]:visible')).toHaveCount(0)
  await expect(page.getByTestId('reconciliation')).toBeHidden()
  await expect(page.getByTestId('day-sheet')).toBeVisible()
  await saveScreenshot(page, 'staff-report-day-80mm-print')
  const receipt = await pdfPageSize(page)
  expect(receipt.width).toBeCloseTo(80 * MM_IN_PT, 0)
  // One long page: the roll is cut once, after the report.
  expect(receipt.height).toBeGreaterThan(100 * MM_IN_PT - 1)
  await page.emulateMedia({ media: 'screen' })
  await page.getByTestId('day-paper-a4').click()
  await expect(page.getByTestId('staff-report-day')).toHaveAttribute('data-paper', 'a4')
  await expect(page).toHaveURL(/paper=a4/)
  await page.emulateMedia({ media: 'print' })
  await saveScreenshot(page, 'staff-report-day-a4-print')
  const sheet = await pdfPageSize(page)
  expect(sheet.width).toBeCloseTo(210 * MM_IN_PT, 0)
  expect(sheet.height).toBeCloseTo(297 * MM_IN_PT, 0)
  await page.emulateMedia({ media: 'screen' })

  // Yesterday closed, then reopened with a reason (today stays open for the other specs' orders).
  await page.goto(`/staff/reports/days/${yesterday}`)
  await expect(page.getByTestId('day-sheet')).toBeVisible()
  await page.getByTestId('day-close').click()
  await page.getByTestId('day-close-dialog-ok').click()
  await expect(page.getByTestId('day-close-bar')).toHaveAttribute('data-closed', 'true')
  await expect(page.getByTestId('day-sheet-closed')).toContainText('Closed by')
  await page.getByTestId('day-reopen').click()
  await page.getByTestId('day-reopen-reason').fill('E2E: a late refund')
  await page.getByTestId('day-reopen-dialog-save').click()
  await expect(page.getByTestId('day-close-bar')).toHaveAttribute('data-closed', 'false')
  await expect(page.getByTestId('day-history').locator('[data-action="reopen"]')).toContainText('E2E: a late refund')

  // Yesterday against the emulator's bill: a status in words, whatever it found.
  const reconciliation = page.getByTestId('reconciliation')
  await expect(reconciliation.getByTestId('reconciliation-status')).toBeVisible()
  await reconciliation.getByTestId('reconciliation-run').click()
  await expect(reconciliation).not.toHaveAttribute('data-status', 'not_run', { timeout: 20_000 })
  await expect(reconciliation.getByTestId('reconciliation-explain')).not.toBeEmpty()
  await expectAccessible(page, 'the day with its reconciliation')
  await saveScreenshot(page, 'staff-report-day-reconciliation')

  // A staff-role member on a phone: today's totals, nothing else to choose.
  const member = await newMember(staff, 'staff')
  const session = await apiSession(member.pin)
  const { page: phone } = await open('/staff/reports', { session, viewport: PHONE })
  await rangeShown(phone, today, today)
  await expect(phone.getByTestId('report-today-only')).toBeVisible()
  await expect(phone.getByTestId('report-range')).toHaveCount(0)
  await expect(phone.getByTestId('report-by-hour')).toHaveCount(0)
  await expectAccessible(phone, 'the reports screen for staff')
  await saveScreenshot(phone, 'staff-reports-staff-phone')
  const refused = await phone.request.get(`/api/staff/reports/sales?from=${yesterday}&to=${today}`)
  expect(refused.status()).toBe(403)
  await session.dispose()
  await tablet.device.dispose()
})
