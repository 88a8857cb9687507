// The orders board, live: a tablet's paid order arrives with a chime, a flash and a highlight, the kitchen moves it along, the tablet follows.
import { fetchMenu } from '../support/menu.js'
import { saveScreenshot } from '../support/screenshots.js'
import { addDish, onlyOrderOf, placeOrderForQr, scanWithPhone, startOrder } from '../support/tablet-actions.js'
import { apiOrder, apiTablet, consoleDishes, expect, test } from './staff-support.js'

test('a tablet\'s paid order arrives on the board; preparing, then ready, reach the tablet', async ({ openTablet, console: open, staff, browser }) => {
  // Three browsers and a whole service walk-through: near the default minute on a busy 2-core machine.
  test.slow()
  const { ordered } = consoleDishes(await fetchMenu(staff))
  const tablet = await openTablet()
  const { page } = await open('/staff/orders')
  const board = page.getByTestId('staff-orders')
  await expect(board).toHaveAttribute('data-state', 'ready')
  const counter = async (name: 'chimes' | 'flashes') => Number(await page.getByTestId('staff-console').getAttribute(`data-${name}`))
  const [chimes, flashes] = [await counter('chimes'), await counter('flashes')]

  await startOrder(tablet.page)
  await addDish(tablet.page, ordered.id, { note: 'Extra vinegar' })
  const qr = await placeOrderForQr(tablet.page)
  const order = await onlyOrderOf(staff, tablet.table.id)

  // Placed, not paid yet: it waits in the first column.
  const card = page.locator(`[data-testid="staff-order"][data-order-id="${order.id}"]`)
  await expect(page.getByTestId('staff-column-placed').locator(`[data-order-id="${order.id}"]`)).toBeVisible()
  await expect(card.getByTestId('staff-order-payment')).toHaveText('Paying now')

  await scanWithPhone(browser, qr, 'pay')
  await expect(tablet.page.getByTestId('thanks-screen')).toBeVisible()
  const fresh = page.getByTestId('staff-column-paid').locator(`[data-order-id="${order.id}"]`)
  await expect(fresh).toBeVisible()
  await expect(fresh).toHaveAttribute('data-highlighted', 'true')
  await expect(fresh).toContainText(tablet.table.label)
  await expect(fresh).toContainText(ordered.names.en)
  await expect(fresh).toContainText('Extra vinegar')
  await expect(fresh.getByTestId('staff-order-payment')).toHaveText('Paid · Alipay')
  // A new kitchen ticket when the diner paid: a chime and a flash (other specs' orders may add theirs: the server is shared).
  await expect.poll(() => counter('chimes')).toBeGreaterThanOrEqual(chimes + 1)
  await expect.poll(() => counter('flashes')).toBeGreaterThanOrEqual(flashes + 1)
  // The navigation counts paid orders nobody has started (the phone's bottom bar is hidden on a desktop).
  await expect(page.locator('[data-testid="staff-nav-orders"]:visible')).toContainText(/paid orders? waiting to be started/)
  await saveScreenshot(page, 'staff-orders-arrived-desktop')

  await fresh.getByTestId('staff-order-next').click()
  await expect(page.getByTestId('staff-column-preparing').locator(`[data-order-id="${order.id}"]`)).toBeVisible()
  await expect(tablet.page.getByTestId('order-status')).toHaveAttribute('data-status', 'preparing')

  await card.getByTestId('staff-order-next').click()
  await expect(page.getByTestId('staff-column-ready').locator(`[data-order-id="${order.id}"]`)).toBeVisible()
  await expect(tablet.page.getByTestId('order-status')).toHaveAttribute('data-status', 'ready')

  await card.getByTestId('staff-order-next').click()
  await expect(card).toHaveCount(0)
  await page.getByTestId('staff-orders-filter-done').click()
  await expect(card).toHaveAttribute('data-status', 'served')
})

test('payment at the counter, and cancelling with a reason, from a phone', async ({ console: open, staff }) => {
  const { ordered } = consoleDishes(await fetchMenu(staff))
  const tablet = await apiTablet(staff)
  const first = await apiOrder(tablet, ordered)
  const second = await apiOrder(tablet, ordered, 2)
  const { page } = await open('/staff/orders', { viewport: { width: 390, height: 844 } })

  await page.getByTestId('staff-orders-filter-placed').click()
  const counter = page.locator(`[data-order-id="${first.id}"]`)
  await counter.getByTestId('staff-order-next').click()
  await expect(page.getByTestId('staff-counter-dialog')).toContainText('Only confirm once you have the money')
  await page.getByTestId('staff-counter-dialog-ok').click()
  await expect(counter).toHaveCount(0)
  await page.getByTestId('staff-orders-filter-paid').click()
  await expect(counter.getByTestId('staff-order-payment')).toHaveText('Paid at counter')

  await page.getByTestId('staff-orders-filter-placed').click()
  const cancelled = page.locator(`[data-order-id="${second.id}"]`)
  await cancelled.getByTestId('staff-order-cancel').click()
  await page.getByTestId('staff-cancel-confirm').click()
  await expect(page.getByTestId('staff-cancel-dialog')).toContainText('Please give a reason.')
  await page.getByTestId('staff-cancel-reason').fill('Diner left before paying')
  await page.getByTestId('staff-cancel-confirm').click()
  await expect(page.getByTestId('staff-cancel-dialog')).toBeHidden()
  const after = await tablet.device.get(`/api/orders/${second.id}`)
  expect(await after.json()).toMatchObject({ status: 'cancelled', cancelReason: 'Diner left before paying' })
  await tablet.device.dispose()
})
