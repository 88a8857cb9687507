// A dish sold out by staff while a diner has it in the cart: greyed live, explained and taken out at "Place order".
import { expect, test } from '../support/tablet.js'
import { fetchMenu, money, plainDishes, soldOutCandidate } from '../support/menu.js'
import { addDish, onlyOrderOf, ordersOfTable, startOrder, waitForQr } from '../support/tablet-actions.js'
import { setDishAvailable } from '../support/staff-api.js'

test('staff sell out a dish in the cart: the menu greys it live, the order explains and corrects the cart', async ({ openTablet, staff }) => {
  const menu = await fetchMenu(staff)
  const soldOut = soldOutCandidate(menu)
  const [kept] = plainDishes(menu)
  if (!kept) throw new Error('no plain dish')
  const { page, table } = await openTablet()
  await startOrder(page)
  await addDish(page, kept.id)
  await addDish(page, soldOut.id)
  await expect(page.getByTestId('cart-line')).toHaveCount(2)

  try {
    await setDishAvailable(staff, soldOut.id, false)
    const card = page.getByTestId(`dish-${soldOut.id}`)
    await expect(card).toHaveAttribute('data-available', 'false')
    await expect(card).toContainText('Sold out')
    await expect(page.getByTestId('cart-line').nth(1)).toContainText('Sold out')
    // A sold-out card is marked disabled for assistive tech, and a tap on it opens nothing.
    await expect(card).toBeDisabled()
    await card.click({ force: true })
    await expect(page.getByTestId('dish-sheet')).toBeHidden()

    await page.getByTestId('place-order').click()
    const refusal = page.getByTestId('refusal-dialog')
    await expect(refusal).toBeVisible()
    await expect(refusal).toContainText(soldOut.names.en)
    await expect(refusal).not.toContainText(kept.names.en)
    await page.getByTestId('refusal-ok').click()
    await expect(refusal).toBeHidden()
    await expect(page.getByTestId('cart-line')).toHaveCount(1)
    await expect(page.getByTestId('cart-line')).toHaveAttribute('data-item-id', kept.id)
    await expect(page.getByTestId('cart-total')).toHaveText(money(menu, kept.price))

    await page.getByTestId('place-order').click()
    await waitForQr(page)
    const order = await onlyOrderOf(staff, table.id)
    expect(order.lines.map(line => line.itemId)).toEqual([kept.id])
  } finally {
    // The server is shared by every spec: put the dish back on the menu.
    await setDishAvailable(staff, soldOut.id, true)
  }
})

test('a dish sold out as the order leaves: the server refuses it, the tablet explains and corrects the cart', async ({ openTablet, staff }) => {
  const staleMenu = await fetchMenu(staff)
  const soldOut = soldOutCandidate(staleMenu)
  const [, kept] = plainDishes(staleMenu)
  if (!kept) throw new Error('no plain dish')
  const { page, table } = await openTablet()
  await startOrder(page)
  await addDish(page, soldOut.id)
  await addDish(page, kept.id)

  // The tablet hears menu.changed but its refresh still gets the old menu: the race the server must catch.
  await page.route('**/api/menu', route => route.fulfill({ json: staleMenu, headers: { etag: `"${staleMenu.version}"` } }))
  try {
    const refreshed = page.waitForRequest('**/api/menu')
    await setDishAvailable(staff, soldOut.id, false)
    await refreshed
    await expect(page.getByTestId(`dish-${soldOut.id}`)).toHaveAttribute('data-available', 'true')

    await page.getByTestId('place-order').click()
    const refusal = page.getByTestId('refusal-dialog')
    await expect(refusal).toContainText(soldOut.names.en)
    await expect(page.getByTestId('menu-screen')).toBeVisible()
    await page.getByTestId('refusal-ok').click()
    await expect(page.getByTestId('cart-line')).toHaveCount(1)
    await expect(page.getByTestId('cart-line')).toHaveAttribute('data-item-id', kept.id)
    expect(await ordersOfTable(staff, table.id), 'no order made of the refused cart').toHaveLength(0)

    await page.unroute('**/api/menu')
    await page.getByTestId('place-order').click()
    await waitForQr(page)
    expect((await onlyOrderOf(staff, table.id)).lines.map(line => line.itemId)).toEqual([kept.id])
  } finally {
    await setDishAvailable(staff, soldOut.id, true)
  }
})
