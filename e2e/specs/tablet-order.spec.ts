// The diner's whole path on a 10" landscape tablet: browse, choose options, order, pay by scanning, follow the kitchen.
import { expect, test } from '../support/tablet.js'
import { dishWithRequiredAndExtra, fetchMenu, money, plainDishes } from '../support/menu.js'
import { addDish, onlyOrderOf, scanWithPhone, startOrder, waitForQr } from '../support/tablet-actions.js'
import { setOrderStatus } from '../support/staff-api.js'
import { saveScreenshot } from '../support/screenshots.js'

/** "m:ss" → seconds. */
function seconds (label: string): number {
  const [minutes, rest] = label.split(':')
  return Number(minutes) * 60 + Number(rest)
}

test('browse, choose options, order, pay with the phone and follow the kitchen live', async ({ openTablet, staff, browser }) => {
  const menu = await fetchMenu(staff)
  const { item: dish, required, extras } = dishWithRequiredAndExtra(menu)
  const [plain] = plainDishes(menu)
  if (!plain) throw new Error('no plain dish')
  const { page, table } = await openTablet()
  await saveScreenshot(page, 'attract')

  await startOrder(page)
  await expect(page.getByTestId('table-label')).toHaveText(table.label)
  await expect(page.getByTestId('cart-empty')).toBeVisible()
  await saveScreenshot(page, 'menu')

  // The category bar jumps: the chosen category's heading lands at the top of the list and its chip is current.
  const bar = page.getByRole('navigation', { name: 'Menu categories' })
  for (const categoryId of [menu.categories.at(-2)?.id, dish.categoryId]) {
    const chip = page.getByTestId(`category-${categoryId}`)
    await chip.click()
    await expect(chip).toHaveAttribute('aria-current', 'true')
    const heading = page.locator(`#heading-${categoryId}`)
    await expect.poll(async () => {
      const [chips, title] = await Promise.all([bar.boundingBox(), heading.boundingBox()])
      return chips && title ? Math.abs(title.y - (chips.y + chips.height)) : Infinity
    }, { message: `heading of ${categoryId} at the top of the list` }).toBeLessThan(40)
  }

  // The dish sheet: rules in words, Add refused until the required choice is made.
  await page.getByTestId(`dish-${dish.id}`).click()
  const sheet = page.getByTestId('dish-sheet')
  await expect(sheet).toBeVisible()
  const requiredGroup = sheet.getByTestId(`option-group-${required.id}`)
  const extrasGroup = sheet.getByTestId(`option-group-${extras.id}`)
  const extrasLimit = Math.min(extras.max, extras.options.length)
  await expect(requiredGroup).toContainText('Required · choose 1')
  await expect(extrasGroup).toContainText(extrasLimit === 1 ? 'Optional · choose up to 1' : `Optional · choose up to ${extrasLimit}`)
  await expect(sheet).toContainText(`Still to choose: ${required.names.en}`)
  const total = sheet.getByTestId('dish-total')
  await expect(total).toHaveText(money(menu, dish.price))

  await sheet.getByTestId('dish-add').click()
  await expect(requiredGroup.getByRole('alert')).toHaveText(`Please choose: ${required.names.en}`)
  await expect(sheet).toBeVisible()
  await expect(page.getByTestId('cart-line')).toHaveCount(0)

  const choice = required.options[0]
  const [extra, secondExtra] = [...extras.options].filter(option => option.available).sort((a, b) => b.priceDelta - a.priceDelta)
  if (!choice || !extra) throw new Error('dish without options')
  await sheet.getByTestId(`option-${choice.id}`).click()
  await expect(sheet.getByTestId(`option-${choice.id}`)).toHaveAttribute('aria-checked', 'true')
  await expect(sheet).not.toContainText('Still to choose')
  const unitPrice = dish.price + choice.priceDelta + extra.priceDelta
  await sheet.getByTestId(`option-${extra.id}`).click()
  await expect(total).toHaveText(money(menu, unitPrice))

  // At the group's maximum the remaining extras are blocked; taking one back frees them.
  if (secondExtra && extras.options.length > extras.max && extras.max === 2) {
    await sheet.getByTestId(`option-${secondExtra.id}`).click()
    const blocked = extras.options.find(option => option.id !== extra.id && option.id !== secondExtra.id)
    await expect(sheet.getByTestId(`option-${blocked?.id}`)).toHaveAttribute('aria-disabled', 'true')
    await sheet.getByTestId(`option-${secondExtra.id}`).click()
    await expect(sheet.getByTestId(`option-${blocked?.id}`)).toHaveAttribute('aria-disabled', 'false')
    await expect(total).toHaveText(money(menu, unitPrice))
  }

  await sheet.getByTestId('dish-quantity-increase').click()
  await expect(total).toHaveText(money(menu, unitPrice * 2))
  await sheet.getByTestId('dish-note').fill('No coriander, please')
  // The sheet as a diner first reads it: name and price at the top.
  await sheet.getByRole('heading', { name: dish.names.en }).scrollIntoViewIfNeeded()
  await saveScreenshot(page, 'dish-sheet')
  await sheet.getByTestId('dish-add').click()
  await expect(sheet).toBeHidden()

  await addDish(page, plain.id)
  const lines = page.getByTestId('cart-line')
  await expect(lines).toHaveCount(2)
  await expect(lines.nth(0)).toHaveAttribute('data-item-id', dish.id)
  await expect(lines.nth(0)).toContainText('No coriander, please')
  await expect(lines.nth(0).getByTestId('cart-line-quantity-value')).toHaveText('2')
  await expect(lines.nth(1)).toHaveAttribute('data-item-id', plain.id)
  const expectedTotal = unitPrice * 2 + plain.price
  await expect(page.getByTestId('cart-total')).toHaveText(money(menu, expectedTotal))
  await saveScreenshot(page, 'cart')

  // The server prices the order; the tablet's total must be the same, and so must the amount to pay.
  await page.getByTestId('place-order').click()
  const qrUrl = await waitForQr(page)
  const order = await onlyOrderOf(staff, table.id)
  expect(order.total).toBe(expectedTotal)
  expect(order.lines.map(line => [line.itemId, line.quantity, line.options.map(option => option.id).sort(), line.note]))
    .toEqual([[dish.id, 2, [choice.id, extra.id].sort(), 'No coriander, please'], [plain.id, 1, [], null]])
  await expect(page.getByTestId('pay-amount')).toHaveText(money(menu, order.total))
  // Large enough to scan at arm's length, and whole on screen.
  await expect(page.getByTestId('pay-qr')).toBeInViewport({ ratio: 1 })
  expect((await page.getByTestId('pay-qr').boundingBox())?.width, 'QR width in CSS px').toBeGreaterThanOrEqual(300)

  // The countdown counts down.
  const countdown = page.getByTestId('pay-countdown')
  await expect(countdown).toHaveText(/^\d+:\d\d$/)
  const first = seconds(await countdown.innerText())
  await expect.poll(async () => seconds(await countdown.innerText()), { message: 'the countdown goes down' }).toBeLessThan(first)
  await saveScreenshot(page, 'payment')

  await scanWithPhone(browser, qrUrl, 'pay')
  await expect(page.getByTestId('thanks-screen')).toBeVisible()
  await expect(page.getByTestId('order-number')).toHaveText(String(order.number))
  await expect(page.getByTestId('thanks-paid')).toContainText(money(menu, order.total))
  await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'paid')
  await saveScreenshot(page, 'thanks')

  await setOrderStatus(staff, order.id, 'preparing')
  await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'preparing')
  await expect(page.getByTestId('order-status')).toContainText('The kitchen is preparing your order.')
  await setOrderStatus(staff, order.id, 'ready')
  await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'ready')
  await expect(page.getByTestId('order-status')).toContainText('Your order is ready')
})
