// The diner's sitting on the tablet: an order saved offline shows itself (not an earlier one) with the offline line
// above the screen, never over it; and a reload keeps the thank-you screen, the language and the earlier orders.
import { expect, test } from '../support/tablet.js'
import { fetchMenu, money, plainDishes } from '../support/menu.js'
import { addDish, onlyOrderOf, placeOrderForQr, scanWithPhone, startOrder, waitForQr } from '../support/tablet-actions.js'
import { setTabletOnline } from '../support/offline-tablet.js'
import { setOrderStatus } from '../support/staff-api.js'
import type { Locator } from '@playwright/test'

async function box (locator: Locator): Promise<{ top: number, bottom: number }> {
  const found = await locator.boundingBox()
  if (!found) throw new Error('not on screen')
  return { top: found.y, bottom: found.y + found.height }
}

test('an order saved offline after a payment was given up shows what was saved, under the offline line', async ({ openTablet, staff }) => {
  const menu = await fetchMenu(staff)
  const [first, second, third] = plainDishes(menu)
  if (!first || !second || !third) throw new Error('menu too small')
  const { page, context } = await openTablet()
  await startOrder(page)
  await addDish(page, first.id)
  await placeOrderForQr(page)
  await page.getByTestId('pay-cancel').click()
  await expect(page.getByTestId('menu-screen')).toBeVisible()

  await page.locator(`[data-testid="cart-line"][data-item-id="${first.id}"]`).getByRole('button', { name: /^Remove/ }).click()
  await addDish(page, second.id)
  await addDish(page, third.id)
  await setTabletOnline(context, false)
  try {
    await page.getByTestId('place-order').click()
    await expect(page.getByTestId('pay-screen')).toHaveAttribute('data-view', 'queued')
    const summary = page.getByTestId('order-summary')
    await expect(summary.getByTestId('order-summary-title')).toHaveText('Your order (not sent yet)')
    await expect(summary.getByTestId('order-summary-line')).toHaveCount(2)
    await expect(summary).toContainText(second.names.en)
    await expect(summary).toContainText(third.names.en)
    await expect(summary).not.toContainText(first.names.en)
    await expect(summary.getByTestId('order-total')).toHaveText(money(menu, second.price + third.price))

    // The offline line sits above the screen: the summary's title and the screen's words start below it.
    const banner = page.getByTestId('offline-banner')
    await expect(banner).toBeVisible()
    const line = await box(banner)
    expect((await box(summary.getByTestId('order-summary-title'))).top).toBeGreaterThanOrEqual(line.bottom)
    expect((await box(page.getByTestId('pay-screen'))).top).toBeGreaterThanOrEqual(line.bottom)
    await page.getByTestId('pay-back').click()
    const header = page.getByTestId('menu-screen').locator('header').first()
    expect((await box(header)).top).toBeGreaterThanOrEqual(line.bottom)
  } finally {
    await setTabletOnline(context, true)
  }
  // Back online, the saved order goes out and its payment follows by itself.
  await page.getByTestId('place-order').click()
  await waitForQr(page)
})

test('a reload keeps the thank-you screen, the language and the earlier orders with their kitchen status', async ({ browser, openTablet, staff }) => {
  const menu = await fetchMenu(staff)
  const [dish, more] = plainDishes(menu)
  if (!dish || !more) throw new Error('menu too small')
  const { page, table } = await openTablet()
  await page.getByTestId('lang-zh-CN').click()
  await startOrder(page)
  await addDish(page, dish.id)
  await scanWithPhone(browser, await placeOrderForQr(page), 'pay')
  await expect(page.getByTestId('thanks-screen')).toBeVisible()
  const order = await onlyOrderOf(staff, table.id)

  await setOrderStatus(staff, order.id, 'preparing')
  await page.reload()
  await expect(page.getByTestId('thanks-screen')).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')
  await expect(page.getByTestId('order-number')).toHaveText(String(order.number))
  await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'preparing')

  // "Order more": the earlier order and its status are a tap away, and stay so through another reload.
  await page.getByTestId('thanks-order-more').click()
  await expect(page.getByTestId('menu-screen')).toBeVisible()
  await addDish(page, more.id)
  await page.reload()
  await expect(page.getByTestId('menu-screen')).toBeVisible()
  await expect(page.getByTestId('cart-line')).toHaveCount(1)
  await page.getByTestId('sitting-orders-open').click()
  const listed = page.getByTestId('sitting-orders').getByTestId('sitting-order')
  await expect(listed).toHaveCount(1)
  await expect(listed).toHaveAttribute('data-order-id', order.id)
  await expect(listed).toHaveAttribute('data-status', 'preparing')
  // The kitchen moves on: the list follows live.
  await setOrderStatus(staff, order.id, 'ready')
  await expect(listed).toHaveAttribute('data-status', 'ready')
})
