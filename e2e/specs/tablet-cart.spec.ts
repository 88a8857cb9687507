// The cart a diner relies on: a double tap orders once, and a reload (or crash) keeps every line and note.
import { expect, test } from '../support/tablet.js'
import { dishWithRequiredAndExtra, fetchMenu, money, plainDishes } from '../support/menu.js'
import { addDish, onlyOrderOf, savedCart, startOrder, waitForQr } from '../support/tablet-actions.js'

test.describe.configure({ mode: 'parallel' })

test('a double tap on "Place order" makes one order, and paying again reuses it', async ({ openTablet, staff }) => {
  const [dish] = plainDishes(await fetchMenu(staff))
  if (!dish) throw new Error('no plain dish')
  const { page, table } = await openTablet()
  await startOrder(page)
  await addDish(page, dish.id)

  // Two taps in the same frame, before the app can re-render the button as busy: the hardest double tap.
  await page.getByTestId('place-order').evaluate((button: HTMLElement) => {
    button.click()
    button.click()
  })
  await waitForQr(page)
  const order = await onlyOrderOf(staff, table.id)
  expect(order.lines).toHaveLength(1)
  expect(order.lines[0]?.quantity).toBe(1)

  // Back to the order and "Place order" again (a second chance to duplicate it): still the same order.
  await page.getByTestId('pay-cancel').click()
  await expect(page.getByTestId('menu-screen')).toBeVisible()
  await page.getByTestId('place-order').dblclick()
  await waitForQr(page)
  expect((await onlyOrderOf(staff, table.id)).id).toBe(order.id)
})

test('a reload in the middle of ordering keeps the lines, quantities and notes', async ({ openTablet, staff }) => {
  const menu = await fetchMenu(staff)
  const { item: dish, required } = dishWithRequiredAndExtra(menu)
  const [, , plain] = plainDishes(menu)
  const choice = required.options.at(-1)
  if (!plain || !choice) throw new Error('menu too small')
  const { page } = await openTablet()
  await startOrder(page)
  await addDish(page, dish.id, { optionIds: [choice.id], note: 'Sauce on the side' })
  await addDish(page, plain.id)
  const lines = page.getByTestId('cart-line')
  await lines.nth(1).getByTestId('cart-line-quantity-increase').click()
  await lines.nth(1).getByTestId('cart-line-quantity-increase').click()
  await page.getByTestId('cart-note-toggle').click()
  await page.getByTestId('cart-note').fill('We are sharing everything')
  const total = money(menu, dish.price + choice.priceDelta + plain.price * 3)
  await expect(page.getByTestId('cart-total')).toHaveText(total)
  // The cart is written at each change; wait until the last one (the note) is on disk before pulling the plug.
  await expect.poll(async () => (await savedCart(page))?.note).toBe('We are sharing everything')

  await page.reload()
  await expect(page.getByTestId('menu-screen')).toBeVisible()
  await expect(lines).toHaveCount(2)
  await expect(lines.nth(0)).toHaveAttribute('data-item-id', dish.id)
  await expect(lines.nth(0)).toContainText(choice.names.en)
  await expect(lines.nth(0)).toContainText('Sauce on the side')
  await expect(lines.nth(0).getByTestId('cart-line-quantity-value')).toHaveText('1')
  await expect(lines.nth(1)).toHaveAttribute('data-item-id', plain.id)
  await expect(lines.nth(1).getByTestId('cart-line-quantity-value')).toHaveText('3')
  await expect(page.getByTestId('cart-note')).toHaveValue('We are sharing everything')
  await expect(page.getByTestId('cart-total')).toHaveText(total)
})
