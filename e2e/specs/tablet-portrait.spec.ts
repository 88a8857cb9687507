// An 8" tablet held upright (800×1280): the cart is a bar and a sheet, and the payment QR stays large and whole.
import { expect, PORTRAIT, test } from '../support/tablet.js'
import { fetchMenu, money, plainDishes } from '../support/menu.js'
import { addDish, startOrder, waitForQr } from '../support/tablet-actions.js'
import { saveScreenshot } from '../support/screenshots.js'

test('portrait: order through the cart bar and sheet, pay from a large QR', async ({ openTablet, staff }) => {
  const menu = await fetchMenu(staff)
  const [dish] = plainDishes(menu)
  if (!dish) throw new Error('no plain dish')
  const { page } = await openTablet({ viewport: PORTRAIT })
  await startOrder(page)
  const bar = page.getByTestId('cart-open')
  await expect(bar).toBeVisible()
  await expect(bar).toContainText('Your order is empty')
  // No side panel upright: the cart lives in the sheet the bar opens.
  await expect(page.getByTestId('cart-panel')).toBeHidden()
  await saveScreenshot(page, 'menu-portrait')

  await addDish(page, dish.id)
  await expect(bar).toContainText('View order (1 item)')
  await expect(bar).toContainText(money(menu, dish.price))
  await bar.click()
  const sheet = page.getByTestId('cart-sheet')
  await expect(sheet.getByTestId('cart-line')).toHaveAttribute('data-item-id', dish.id)
  await sheet.getByTestId('place-order').click()
  await waitForQr(page)

  const qr = page.getByTestId('pay-qr')
  await expect(qr).toBeInViewport({ ratio: 1 })
  const box = await qr.boundingBox()
  expect(box?.width, 'QR width in CSS px').toBeGreaterThanOrEqual(300)
  await expect(page.getByTestId('pay-amount')).toHaveText(money(menu, dish.price))
  await expect(page.getByTestId('pay-cancel')).toBeInViewport()
  await saveScreenshot(page, 'payment-portrait')
})
