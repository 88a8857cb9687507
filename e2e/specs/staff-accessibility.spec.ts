// Issue 15, item 7: every console screen passes axe (WCAG 2.1 A/AA, and every part inside a landmark) on a desktop and a phone.
import { expectAccessible } from '../support/accessibility.js'
import { fetchMenu } from '../support/menu.js'
import { DESKTOP, PHONE, apiOrder, apiPay, apiTablet, consoleDishes, expect, test } from './staff-support.js'

test('every console screen is accessible at 1440×900 and 390×844', async ({ console: open, staff }) => {
  // 28 screens, each audited by axe twice over (desktop and phone): about two minutes on a quiet 2-core machine, and
  // npm test runs it beside the PostgreSQL suite.
  test.setTimeout(420_000)
  const { ordered } = consoleDishes(await fetchMenu(staff))
  const tablet = await apiTablet(staff)
  const order = await apiOrder(tablet, ordered)
  const payment = await apiPay(tablet, order)

  const screens: [name: string, path: string, testid: string][] = [
    ['orders board', '/staff/orders', 'staff-orders'],
    ['payments', '/staff/payments', 'staff-payments'],
    ['payment detail', `/staff/payments/${payment.id}`, 'staff-payment-detail'],
    ['tables', '/staff/tables', 'staff-tables'],
    ['devices', '/staff/devices', 'staff-devices'],
    ['pair', '/staff/pair', 'staff-pair'],
    ['menu', '/staff/menu', 'staff-menu'],
    ['sold-out', '/staff/sold-out', 'staff-sold-out'],
    ['members', '/staff/members', 'staff-members'],
    ['alerts', '/staff/alerts', 'staff-alerts'],
    ['reports', '/staff/reports', 'staff-reports'],
  ]
  for (const [size, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
    const { page } = await open('/staff/orders', { viewport })
    // The printers screen, where this build has one.
    const all = await page.locator('[data-testid="staff-nav-printers"]').count() > 0
      ? [...screens, ['printers', '/staff/printers', 'staff-printers'] as [string, string, string]]
      : screens
    for (const [name, path, testid] of all) {
      await page.goto(path)
      await expect(page.getByTestId(testid)).toBeVisible()
      await expect(page.locator('[data-state="loading"]')).toHaveCount(0)
      await expectAccessible(page, `${name} (${size})`, { landmarks: true })
    }
    // The board's other views: the finished orders and the search.
    await page.goto('/staff/orders')
    await page.getByTestId('staff-orders-filter-done').click()
    await expectAccessible(page, `finished orders (${size})`, { landmarks: true })
    await page.getByTestId('staff-orders-filter-search').click()
    await expect(page.getByTestId('staff-order-search')).toBeVisible()
    await expectAccessible(page, `order search (${size})`, { landmarks: true })
  }
  await tablet.device.dispose()
})
