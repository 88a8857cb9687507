// Payments that do not go through: a diner who declines in Alipay, and a QR left to expire.
import { expect, test } from '../support/tablet.js'
import { fetchMenu, plainDishes } from '../support/menu.js'
import { addDish, expectQrRefused, onlyOrderOf, placeOrderForQr, scanWithPhone, startOrder, waitForQr } from '../support/tablet-actions.js'

test.describe.configure({ mode: 'parallel' })

test('declined in Alipay, cancelled on the tablet: back to the order, and paying again shows a new QR for the same order', async ({ openTablet, staff, browser }) => {
  const [dish] = plainDishes(await fetchMenu(staff))
  if (!dish) throw new Error('no plain dish')
  const { page, table } = await openTablet()
  await startOrder(page)
  await addDish(page, dish.id)
  const firstQr = await placeOrderForQr(page)

  await scanWithPhone(browser, firstQr, 'decline')
  // Alipay tells the merchant nothing about a decline: the tablet keeps waiting and never says paid.
  await expect(page.getByTestId('pay-screen')).toHaveAttribute('data-view', 'scan')
  await expect(page.getByTestId('thanks-screen')).toBeHidden()

  // Cancel stops the payment and gives the diner their order back, untouched, to pay again or change.
  await page.getByTestId('pay-cancel').click()
  await expect(page.getByTestId('menu-screen')).toBeVisible()
  await expect(page.getByTestId('cart-line')).toHaveCount(1)
  await expect(page.getByTestId('cart-line')).toHaveAttribute('data-item-id', dish.id)
  await expect.poll(async () => (await onlyOrderOf(staff, table.id)).payments.map(payment => payment.status))
    .toEqual(['cancelled'])
  await expectQrRefused(browser, firstQr)

  await page.getByTestId('place-order').click()
  const secondQr = await waitForQr(page)
  expect(secondQr).not.toBe(firstQr)

  const order = await onlyOrderOf(staff, table.id)
  expect(order.payments.map(payment => payment.status).sort()).toEqual(['cancelled', 'waiting'])
})

test('a QR left unpaid expires: a plain message, nothing charged, and Try again gives a new QR', async ({ openTablet, staff, browser }) => {
  // global-setup runs the server with PAYMENT_QR_TIMEOUT_S=30 (the minimum); the reconciler then cancels the trade.
  test.setTimeout(120_000)
  const [, dish] = plainDishes(await fetchMenu(staff))
  if (!dish) throw new Error('no plain dish')
  const { page, table } = await openTablet()
  await startOrder(page)
  await addDish(page, dish.id)
  const firstQr = await placeOrderForQr(page)

  await expect(page.getByTestId('pay-screen')).toHaveAttribute('data-view', 'expired', { timeout: 75_000 })
  await expect(page.getByTestId('pay-qr')).toHaveCount(0)
  await expect(page.getByTestId('pay-message')).toHaveText('Nothing was charged. You can get a new code and try again.')
  await expectQrRefused(browser, firstQr)

  await page.getByTestId('pay-retry').click()
  const secondQr = await waitForQr(page)
  expect(secondQr).not.toBe(firstQr)
  const order = await onlyOrderOf(staff, table.id)
  expect(order.status).toBe('placed')
  expect(order.payments.map(payment => payment.status).sort()).toEqual(['cancelled', 'waiting'])
})
