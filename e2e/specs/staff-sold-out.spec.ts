// Sold-out from the console: found by its Chinese name, switched off, greyed on the tablet at once; an option likewise.
import { dishWithRequiredAndExtra, fetchMenu, type Menu, type MenuItem } from '../support/menu.js'
import { saveScreenshot } from '../support/screenshots.js'
import { setDishAvailable } from '../support/staff-api.js'
import { startOrder } from '../support/tablet-actions.js'
import { consoleDishes, expect, test } from './staff-support.js'

/** A dish with options no other spec orders: not the tablet specs' option dish, not the offline specs' first optional one. */
function optionDish (menu: Menu): MenuItem {
  const taken = new Set([
    dishWithRequiredAndExtra(menu).item.id,
    menu.items.find(item => item.available && item.optionGroups.every(group => group.min === 0))?.id,
  ])
  const dish = [...menu.items].reverse().find(item => item.available && !taken.has(item.id) && item.optionGroups.some(group => group.options.length > 1))
  if (!dish) throw new Error('the demo menu has no spare dish with options')
  return dish
}

test('switch a dish off by its Chinese name and see it greyed on the tablet, then back on', async ({ openTablet, console: open, staff }) => {
  const menu = await fetchMenu(staff)
  const { switched } = consoleDishes(menu)
  const tablet = await openTablet()
  await startOrder(tablet.page)
  const tabletDish = tablet.page.getByTestId(`dish-${switched.id}`)
  await expect(tabletDish).toHaveAttribute('data-available', 'true')

  const { page } = await open('/staff/sold-out')
  await page.getByTestId('staff-soldout-search').fill(switched.names['zh-CN'])
  const rows = page.getByTestId('staff-soldout-item')
  await expect(rows).toHaveCount(1)
  await expect(rows).toHaveAttribute('data-item-id', switched.id)

  const toggle = page.getByTestId(`staff-soldout-toggle-${switched.id}`)
  await expect(toggle).toHaveAttribute('aria-checked', 'true')
  try {
    const started = Date.now()
    await toggle.click()
    await expect(toggle).toHaveAttribute('aria-checked', 'false')
    await expect(tabletDish).toHaveAttribute('data-available', 'false')
    await expect(tabletDish).toContainText('Sold out')
    // "Within a second" on a restaurant's network; a loaded test machine gets some slack.
    expect(Date.now() - started, 'ms until the tablet greyed the dish').toBeLessThan(5_000)
    await expect(page.getByTestId('staff-notice').filter({ hasText: 'is sold out on every tablet' })).toBeVisible()

    await page.getByTestId('staff-soldout-search').fill('')
    await page.getByTestId('staff-soldout-only').click()
    await expect(page.getByTestId('staff-soldout-item').filter({ hasText: switched.names.en })).toHaveAttribute('data-available', 'false')
    await saveScreenshot(page, 'staff-sold-out-filtered-desktop')

    await toggle.click()
    await expect(tabletDish).toHaveAttribute('data-available', 'true')
  } finally {
    await setDishAvailable(staff, switched.id, true)
  }
})

test('switch one option off: the tablet shows it sold out in the dish sheet', async ({ openTablet, console: open, staff }) => {
  const dish = optionDish(await fetchMenu(staff))
  const option = dish.optionGroups.find(group => group.options.length > 1)!.options.at(-1)!
  const { page } = await open('/staff/sold-out')
  // A search by an option's name finds its dish with the options open.
  await page.getByTestId('staff-soldout-search').fill(option.names.en)
  const row = page.locator(`[data-testid="staff-soldout-item"][data-item-id="${dish.id}"]`)
  const toggle = row.getByTestId(`staff-soldout-option-${option.id}`)
  await expect(toggle).toBeVisible()
  try {
    await toggle.click()
    await expect(toggle).toHaveAttribute('aria-checked', 'false')
    await expect(row).toContainText('1 sold out')

    const tablet = await openTablet()
    await startOrder(tablet.page)
    await tablet.page.getByTestId(`dish-${dish.id}`).click()
    const choice = tablet.page.getByTestId('dish-sheet').getByTestId(`option-${option.id}`)
    await expect(choice).toContainText('Sold out')
    await expect(choice).toHaveAttribute('aria-disabled', 'true')
  } finally {
    const restored = await staff.patch(`/api/staff/menu/options/${option.id}`, { data: { available: true } })
    expect(restored.ok()).toBe(true)
  }
})
