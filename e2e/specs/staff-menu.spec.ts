// Menu editing by a manager: a category, dishes with prices in ¥, an option group checked for min/max, a picture, their order; the tablet follows.
import { fetchMenu, type Menu } from '../support/menu.js'
import { saveScreenshot } from '../support/screenshots.js'
import { startOrder } from '../support/tablet-actions.js'
import { expect, test } from './staff-support.js'

/** A 1×1 PNG: the server checks the picture's signature, not its size. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')

function byName (menu: Menu, en: string) {
  return menu.items.find(item => item.names.en === en)
}

test('a manager adds a category and dishes, checks an option group, uploads a picture, reorders, and the tablet follows', async ({ console: open, openTablet, staff }) => {
  test.setTimeout(120_000)
  const tag = Math.random().toString(36).slice(2, 7)
  const category = { en: `Specials ${tag}`, zh: `今日特色${tag}` }
  const first = { en: `Clay pot fish ${tag}`, zh: `砂锅鱼${tag}` }
  const second = { en: `Cold noodles ${tag}`, zh: `凉面${tag}` }
  const { page } = await open('/staff/menu')

  await page.getByTestId('staff-category-add').click()
  await page.getByTestId('staff-category-dialog-save').click()
  await expect(page.getByTestId('staff-category-dialog')).toContainText('Please enter the name in both languages.')
  await page.getByTestId('staff-category-name-en').fill(category.en)
  await page.getByTestId('staff-category-name-zh-CN').fill(category.zh)
  await page.getByTestId('staff-category-dialog-save').click()
  const section = page.getByTestId('staff-menu-category').filter({ hasText: category.en })
  await expect(section).toContainText('no dishes')

  // The first dish: price typed in yuan, an option group whose numbers must fit its options.
  await section.getByTestId('staff-dish-add').click()
  const editor = page.getByTestId('staff-item-editor')
  await editor.getByTestId('staff-item-name-en').fill(first.en)
  await editor.getByTestId('staff-item-name-zh-CN').fill(first.zh)
  await editor.getByTestId('staff-item-description-en').fill('Fish slices braised in a clay pot.')
  await editor.getByTestId('staff-item-description-zh-CN').fill('砂锅焖鱼片。')
  await editor.getByTestId('staff-item-price').fill('12.5')
  await editor.getByTestId('staff-group-add').click()
  const group = editor.getByTestId('staff-group')
  await group.getByTestId('staff-group-name-en').fill('Size')
  await group.getByTestId('staff-group-name-zh-CN').fill('份量')
  await group.getByTestId('staff-group-max').fill('3')
  await expect(group.getByTestId('staff-group-errors')).toHaveText('"At most" (3) cannot be more than the number of options (2).')
  await group.getByTestId('staff-group-max').fill('1')
  await expect(group.getByTestId('staff-group-errors')).toHaveText('')
  const options = group.getByTestId('staff-option')
  await options.nth(0).getByTestId('staff-option-name-en').fill('Regular')
  await options.nth(0).getByTestId('staff-option-name-zh-CN').fill('标准')
  await options.nth(1).getByTestId('staff-option-name-en').fill('Large')
  await options.nth(1).getByTestId('staff-option-name-zh-CN').fill('大份')
  await options.nth(1).getByTestId('staff-option-delta').fill('6')
  await editor.getByTestId('staff-item-image').setInputFiles({ name: 'fish.png', mimeType: 'image/png', buffer: PNG })
  await saveScreenshot(page, 'staff-menu-editor-desktop')
  await editor.getByTestId('staff-item-save').click()
  await expect(editor).toBeHidden()
  await expect(section.getByTestId('staff-menu-dish')).toHaveCount(1)
  await expect(section).toContainText('¥12.50')

  let menu = await fetchMenu(staff)
  const fish = byName(menu, first.en)
  expect(fish).toMatchObject({ price: 1250, names: { en: first.en, 'zh-CN': first.zh }, available: true })
  expect(fish?.image).not.toMatch(/\.svg$/)
  expect(fish?.optionGroups.map(entry => [entry.names.en, entry.min, entry.max, entry.options.map(option => [option.names.en, option.priceDelta])])).toEqual([
    ['Size', 1, 1, [['Regular', 0], ['Large', 600]]],
  ])

  // The tablet shows it, with its picture and price.
  const tablet = await openTablet()
  await startOrder(tablet.page)
  const tabletDish = tablet.page.getByTestId(`dish-${fish!.id}`)
  await expect(tabletDish).toContainText(first.en)
  await expect(tabletDish).toContainText('¥12.50')

  // A second dish, then the order of the two: "down" on the first puts it last.
  await section.getByTestId('staff-dish-add').click()
  await editor.getByTestId('staff-item-name-en').fill(second.en)
  await editor.getByTestId('staff-item-name-zh-CN').fill(second.zh)
  await editor.getByTestId('staff-item-price').fill('8')
  await editor.getByTestId('staff-item-save').click()
  await expect(section.getByTestId('staff-menu-dish')).toHaveCount(2)
  await section.getByTestId('staff-menu-dish').first().getByTestId('staff-dish-down').click()
  await expect(section.getByTestId('staff-menu-dish').first()).toContainText(second.en)
  await expect.poll(async () => {
    const current = await fetchMenu(staff)
    return current.items.filter(item => item.categoryId === fish!.categoryId).sort((a, b) => a.sort - b.sort).map(item => item.names.en)
  }, { message: 'the server keeps the new order' }).toEqual([second.en, first.en])

  // A new price reaches the tablet live.
  await section.getByTestId('staff-menu-dish').filter({ hasText: first.en }).getByTestId('staff-dish-edit').click()
  await editor.getByTestId('staff-item-price').fill('13.80')
  await editor.getByTestId('staff-item-save').click()
  await expect(editor).toBeHidden()
  await expect(tabletDish).toContainText('¥13.80')

  // A category with dishes cannot go; empty, it can.
  await section.getByTestId('staff-category-delete').click()
  await page.getByTestId('staff-category-delete-dialog-ok').click()
  await expect(page.getByTestId('staff-category-problem')).toContainText('It still has 2 dishes.')
  await page.getByTestId('staff-category-delete-dialog').getByRole('button', { name: 'Back' }).click()
  for (const name of [first.en, second.en]) {
    await section.getByTestId('staff-menu-dish').filter({ hasText: name }).getByTestId('staff-dish-edit').click()
    await editor.getByTestId('staff-item-delete').click()
    await page.getByTestId('staff-item-delete-dialog-ok').click()
    await expect(editor).toBeHidden()
  }
  await expect(tabletDish).toHaveCount(0)
  await section.getByTestId('staff-category-delete').click()
  await page.getByTestId('staff-category-delete-dialog-ok').click()
  await expect(section).toHaveCount(0)
  menu = await fetchMenu(staff)
  expect(menu.categories.map(entry => entry.names.en)).not.toContain(category.en)
})
