// The diner's screens and the emulator's "Alipay app" pass axe's WCAG 2.1 A/AA rules; a dish with nothing to choose
// goes in with one tap; a sold-out warning in the cart leaves the other lines their buttons and prices.
import { expect, test } from '../support/tablet.js'
import { expectAccessible } from '../support/accessibility.js'
import { dishWithRequiredAndExtra, fetchMenu, plainDishes, soldOutCandidate } from '../support/menu.js'
import { addDish, placeOrderForQr, startOrder } from '../support/tablet-actions.js'
import { setDishAvailable } from '../support/staff-api.js'

test('menu, dish sheet, cart, payment, thank-you and the sandbox pages have no accessibility violations', async ({ browser, openTablet, staff }) => {
  // Eight screens audited by axe, a payment made on the way: close to the default minute on a busy 2-core machine.
  test.setTimeout(150_000)
  const menu = await fetchMenu(staff)
  const [plain] = plainDishes(menu)
  const { item: withChoices, required } = dishWithRequiredAndExtra(menu)
  if (!plain) throw new Error('no plain dish')
  const { page } = await openTablet()
  await startOrder(page)
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1)
  await expectAccessible(page, 'the menu', { kiosk: true })

  await page.getByTestId(`dish-${withChoices.id}`).click()
  await expect(page.getByTestId('dish-sheet')).toBeVisible()
  await expectAccessible(page, 'the dish sheet', { kiosk: true })
  await page.getByTestId('dish-close').click()
  await addDish(page, withChoices.id, { optionIds: [required.options[0]!.id] })

  // One tap adds a dish with nothing to choose, and says so for a moment.
  await page.getByTestId(`dish-${plain.id}`).click()
  await expect(page.getByTestId('dish-sheet')).toBeHidden()
  await expect(page.getByTestId('dish-added')).toContainText(plain.names.en)
  await expect(page.getByTestId('cart-line')).toHaveCount(2)
  // The line's button is named by the words it shows.
  const edit = page.locator(`[data-testid="cart-line"][data-item-id="${plain.id}"]`).getByTestId('cart-line-edit')
  await expect(edit).toHaveAccessibleName(new RegExp(`^Change ${plain.names.en}`))
  await expectAccessible(page, 'the cart', { kiosk: true })

  const qr = await placeOrderForQr(page)
  await expectAccessible(page, 'the payment screen', { kiosk: true })

  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true })
  try {
    const alipay = await phone.newPage()
    await alipay.goto(qr)
    await expect(alipay.getByTestId('sandbox-confirm')).toBeVisible()
    await expectAccessible(alipay, 'the sandbox payment page')
    await alipay.getByTestId('sandbox-pay').click()
    await expect(alipay.getByTestId('sandbox-result')).toHaveAttribute('data-result', 'paid')
    await expectAccessible(alipay, 'the sandbox result page')
    await alipay.goto(new URL('/sandbox/', qr).href)
    await expect(alipay.getByTestId('sandbox-trade').first()).toBeVisible()
    await expect(alipay.locator('body')).not.toContainText('LOCKED')
    await expectAccessible(alipay, 'the sandbox front page')
  } finally {
    await phone.close()
  }

  await expect(page.getByTestId('thanks-screen')).toBeVisible()
  await expectAccessible(page, 'the thank-you screen', { kiosk: true })
})

test('a sold-out warning in the cart leaves the next line its buttons and price', async ({ openTablet, staff }) => {
  const menu = await fetchMenu(staff)
  const soldOut = soldOutCandidate(menu)
  const [first, second] = plainDishes(menu)
  if (!first || !second) throw new Error('menu too small')
  const { page } = await openTablet()
  await startOrder(page)
  for (const dish of [soldOut, first, second]) await addDish(page, dish.id)
  try {
    await setDishAvailable(staff, soldOut.id, false)
    const lines = page.getByTestId('cart-line')
    await expect(lines.first()).toContainText('Sold out')
    // The line right after the warning shows its whole stepper and price without scrolling.
    const next = lines.nth(1)
    await expect(next.getByTestId('cart-line-total')).toBeInViewport({ ratio: 1 })
    await expect(next.getByRole('button', { name: /^Add one/ })).toBeInViewport({ ratio: 1 })
    await expectAccessible(page, 'the cart with a sold-out dish', { kiosk: true })
  } finally {
    await setDishAvailable(staff, soldOut.id, true)
  }
})
