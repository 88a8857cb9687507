// Tab mode (PAYMENT_MODE=tab, on a server of this spec's own): orders reach the kitchen board when placed, from the
// tablet and from a diner's phone, and the check is paid at the end in three even parts — two from the tablet's QR,
// one from the phone — then staff close it.
import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test'
import { addDish, openPairedTablet, staffOf } from '../support/offline-tablet.js'
import { ServerProcess } from '../support/server-process.js'
import { fetchMenu, money, plainDishes } from '../support/menu.js'
import { openPhone, orderOnPhone, payInCashier } from '../support/phone.js'
import { scanWithPhone, startOrder } from '../support/tablet-actions.js'
import { expectAccessible } from '../support/accessibility.js'

let server: ServerProcess
let staff: APIRequestContext

test.beforeAll(async () => {
  server = await ServerProcess.start({ env: { PAYMENT_MODE: 'tab' } })
  staff = await staffOf(server)
})

test.afterAll(async () => {
  await staff?.dispose()
  await server?.dispose()
})

/** The tablet's QR for the part on screen, paid by a phone scanning it; back on the bill afterwards. */
async function payPartOnTablet (page: Page, browser: Browser): Promise<void> {
  const qr = page.getByTestId('tablet-bill-qr').getByTestId('pay-qr')
  await expect(qr).toHaveAttribute('data-qr-value', /\/sandbox\/scan\//)
  await scanWithPhone(browser, await qr.getAttribute('data-qr-value') ?? '', 'pay')
  await expect(page.getByTestId('tablet-bill-payment')).toBeHidden()
}

test('tab: orders go to the kitchen when placed; the check is split evenly in 3 between the tablet and a phone', async ({ browser }) => {
  test.info().setTimeout(120_000)
  const menu = await fetchMenu(staff)
  const [first, second] = plainDishes(menu)
  if (!first || !second) throw new Error('the demo menu needs two plain dishes')
  const { context, page: tablet, tableId } = await openPairedTablet(browser, server, staff)
  const tables = await (await staff.get('/api/staff/tables')).json() as { id: string, code: string }[]
  const code = tables.find(table => table.id === tableId)?.code ?? ''

  // The tablet's order goes straight to the kitchen: no QR, and the board has it before anyone paid.
  await startOrder(tablet)
  await addDish(tablet, first.id)
  await tablet.getByTestId('place-order').click()
  await expect(tablet.getByTestId('thanks-screen')).toBeVisible()
  await expect(tablet.getByTestId('pay-screen')).toHaveCount(0)
  const placed = await (await staff.get('/api/staff/orders?status=placed')).json() as { id: string, tableId: string }[]
  const tabletOrder = placed.find(order => order.tableId === tableId)
  expect(tabletOrder).toBeDefined()
  const started = await staff.patch(`/api/staff/orders/${tabletOrder?.id}`, { data: { status: 'preparing' } })
  expect(started.status()).toBe(200)

  const phone = await openPhone(browser, server.baseUrl, code)
  try {
    await orderOnPhone(phone.page, [second.id], 'Send to kitchen')
    const total = first.price + second.price
    const part = Math.floor(total / 3)
    const lastPart = total - 2 * part

    // Part 1 of 3 from the tablet's QR.
    await tablet.getByTestId('thanks-order-more').click()
    await tablet.getByTestId('tablet-bill-open').click()
    await expect(tablet.getByTestId('tablet-bill-order')).toHaveCount(2)
    await expect(tablet.getByTestId('tablet-bill-total')).toHaveText(money(menu, total))
    await tablet.getByTestId('tablet-bill-pay-even').click()
    await tablet.getByTestId('tablet-bill-parts-increase').click()
    await expect(tablet.getByTestId('tablet-bill-parts-each')).toContainText(money(menu, part))
    await tablet.getByTestId('tablet-bill-split-pay').click()
    await expect(tablet.getByTestId('tablet-bill-pay-amount')).toHaveText(money(menu, part))
    await payPartOnTablet(tablet, browser)
    await expect(tablet.getByTestId('tablet-bill-split-progress')).toContainText('Split in 3 parts: 1 paid')

    // Part 2 from the phone: the split's number of parts is fixed for everyone.
    await expect(phone.page.getByTestId('phone-split')).toBeVisible()
    await phone.page.getByTestId('phone-pay-even').click()
    await payInCashier(phone.page)
    await expect(phone.page.getByTestId('phone-pay-status')).toHaveAttribute('data-phase', 'paid')
    await expect(tablet.getByTestId('tablet-bill-split-progress')).toContainText('Split in 3 parts: 2 paid')

    // The last part takes the remainder, to the fen.
    await tablet.getByTestId('tablet-bill-pay-even').click()
    await expect(tablet.getByTestId('tablet-bill-pay-amount')).toHaveText(money(menu, lastPart))
    await payPartOnTablet(tablet, browser)
    await expect(tablet.getByTestId('tablet-bill-due')).toHaveText(money(menu, 0))
    await expect(tablet.getByTestId('tablet-bill-paid')).toHaveText(money(menu, total))
    await expectAccessible(tablet, 'the tablet bill in tab mode', { kiosk: true })

    // Staff close the settled check; the phone sees it closed.
    const closed = await staff.post(`/api/staff/tables/${tableId}/check/close`, { data: {} })
    expect(closed.status()).toBe(200)
    await expect(phone.page.getByTestId('phone-check')).toHaveAttribute('data-state', 'closed')
  } finally {
    await Promise.all([phone.context.close(), context.close()])
  }
})
