// The table's shared check in pay-first mode: two diners order from their own phones inside Alipay, each sees the
// other's order live, each pays through tradePay, and the table's tablet shows the check fully paid.
import { expect, test } from '../support/tablet.js'
import { baseUrl, newTable } from '../support/staff-api.js'
import { fetchMenu, money, plainDishes } from '../support/menu.js'
import { openPhone, orderOnPhone, payInCashier } from '../support/phone.js'
import { startOrder } from '../support/tablet-actions.js'
import { expectAccessible } from '../support/accessibility.js'
import { saveScreenshot } from '../support/screenshots.js'

test('two diners order from their phones, see each other live, pay their own parts, and the tablet shows it paid', async ({ openTablet, staff, browser }) => {
  test.info().setTimeout(150_000)
  const menu = await fetchMenu(staff)
  const [first, second, third] = plainDishes(menu)
  if (!first || !second || !third) throw new Error('the demo menu needs three plain dishes')
  const { page: tablet, table } = await openTablet()

  const one = await openPhone(browser, baseUrl(), table.code, 'en-US')
  const two = await openPhone(browser, baseUrl(), table.code, 'zh-CN')
  try {
    await expectAccessible(one.page, 'the phone menu')
    await saveScreenshot(one.page, 'phone-menu-en')
    await saveScreenshot(two.page, 'phone-menu-zh-CN')

    await orderOnPhone(one.page, [first.id])
    // Once the table's check exists, the phone names the table.
    await expect(one.page.getByTestId('phone-title')).toContainText(table.label)
    await orderOnPhone(two.page, [second.id, third.id])

    // Each phone sees both orders, its own as "You", the other's as a numbered diner, without reloading.
    for (const [phone, mine] of [[one.page, 1], [two.page, 2]] as const) {
      const orders = phone.getByTestId('phone-check-order')
      await expect(orders).toHaveCount(2)
      await expect(phone.locator('[data-testid="phone-check-order"][data-by="me"]')).toHaveCount(1)
      await expect(phone.locator('[data-testid="phone-check-order"][data-by="diner"]')).toHaveCount(1)
      await expect(phone.locator('[data-testid="phone-check-order"][data-by="me"]')).toContainText(mine === 1 ? first.names.en : second.names['zh-CN'])
    }
    await expect(one.page.locator('[data-testid="phone-check-order"][data-by="diner"]')).toContainText('Diner 2')
    await expect(two.page.locator('[data-testid="phone-check-order"][data-by="diner"]')).toContainText('食客 1')
    const total = first.price + second.price + third.price
    await expect(one.page.getByTestId('phone-check-due')).toHaveText(money(menu, total))
    await expectAccessible(one.page, 'the phone bill')
    await saveScreenshot(one.page, 'phone-check-en')
    await saveScreenshot(two.page, 'phone-check-zh-CN')

    // Diner 1 pays their own dish through Alipay's cashier; paid only once the server says so.
    await one.page.getByTestId('phone-pay-mine').click()
    await payInCashier(one.page)
    await expect(one.page.getByTestId('phone-pay-status')).toHaveAttribute('data-phase', 'paid')
    await expect(two.page.getByTestId('phone-check-due')).toHaveText(money(menu, second.price + third.price, 'zh-CN'))

    // The tablet's bill is open when diner 2 pays the rest: it follows live.
    await startOrder(tablet)
    await tablet.getByTestId('tablet-bill-open').click()
    await expect(tablet.getByTestId('tablet-bill')).toHaveAttribute('data-state', 'ready')
    await expect(tablet.getByTestId('tablet-bill-order')).toHaveCount(2)
    await expect(tablet.getByTestId('tablet-bill-paid')).toHaveText(money(menu, first.price))

    await two.page.getByTestId('phone-pay-all').click()
    await expect(two.page.getByTestId('sandbox-cashier')).toBeVisible()
    const tapped = Date.now()
    await two.page.frameLocator('iframe[name="sandbox-cashier"]').getByTestId('sandbox-pay').click()
    await expect(tablet.getByTestId('tablet-bill-due')).toHaveText(money(menu, 0))
    const tapToTablet = Date.now() - tapped
    await expect(tablet.getByTestId('tablet-bill-paid')).toHaveText(money(menu, total))
    // Paying first, a check fully paid closes by itself.
    await expect(tablet.getByTestId('tablet-bill')).toContainText('This bill is closed.')
    await expect(two.page.getByTestId('phone-check')).toHaveAttribute('data-state', 'closed')
    await expect(two.page.getByTestId('phone-check-closed')).toBeVisible()
    await expectAccessible(tablet, 'the tablet bill', { kiosk: true })
    await saveScreenshot(tablet, 'tablet-bill-paid')
    test.info().annotations.push({ type: 'timing', description: `phone tap on Pay → paid on the tablet: ${tapToTablet} ms` })
    console.log(`[timing] phone tap on Pay → paid on the tablet's bill: ${tapToTablet} ms`)

    // Both diners' orders went to the kitchen once paid.
    const board = await staff.get('/api/staff/orders?status=paid')
    const paidAtTable = (await board.json() as { tableId: string }[]).filter(order => order.tableId === table.id)
    expect(paidAtTable).toHaveLength(2)
  } finally {
    await Promise.all([one.context.close(), two.context.close()])
  }
})

test('outside Alipay the table link says to open it with Alipay; an unknown table code says the link does not work', async ({ browser, staff }) => {
  const table = await newTable(staff, 'Phone')
  const context = await browser.newContext({ baseURL: baseUrl(), viewport: { width: 390, height: 844 }, locale: 'zh-CN' })
  try {
    const page = await context.newPage()
    await page.goto(`/t/${table.code}`)
    await expect(page.getByTestId('phone-entry-page')).toHaveAttribute('data-page', 'open-in-alipay')
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')
    await expectAccessible(page, 'the open-with-Alipay page')
    await saveScreenshot(page, 'phone-open-in-alipay-zh-CN')

    const response = await page.goto('/t/not-a-table-code')
    expect(response?.status()).toBe(404)
    await expect(page.getByTestId('phone-entry-page')).toHaveAttribute('data-page', 'unknown-table')
    await expectAccessible(page, 'the unknown table page')
  } finally {
    await context.close()
  }
})
