// Kiosk behaviour between diners: the language choice, the idle reset (never during a payment), the staff exit.
import { readFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { resolve } from 'node:path'
import { expect, test } from '../support/tablet.js'
import { fetchMenu, plainDishes } from '../support/menu.js'
import { addDish, placeOrderForQr, savedCart, startOrder, waitForQr } from '../support/tablet-actions.js'
import { saveScreenshot } from '../support/screenshots.js'

test.describe.configure({ mode: 'parallel' })

type Messages = Record<string, Record<string, string>>
const readMessages = (file: string): Messages =>
  JSON.parse(readFileSync(resolve(import.meta.dirname, `../../kiosk/src/tablet/i18n/${file}`), 'utf8')) as Messages
/** The tablet's words in one language: its start words (tablet/i18n/start) and its screens' words. */
const messages = (locale: string): Messages => ({ ...readMessages(`start/${locale}.json`), ...readMessages(`${locale}.json`) })
const EN = messages('en')
const ZH = messages('zh-CN')

const IDLE = '?idle=3&idleCountdown=3'
/** Long enough that "Still there?" never interrupts the steps that build a cart on a busy machine. */
const SETUP = '?idle=600'

/**
 * Switches a tablet to short idle timings: a reload with other query parameters. The cart (IndexedDB)
 * and an open payment (the server) survive it, so the steps before ran without a 3-second timer racing them.
 */
async function useIdleTimings (page: Page, query: string): Promise<void> {
  await expect.poll(async () => (await savedCart(page))?.lines.length ?? 0, { message: 'cart saved' }).toBeGreaterThan(0)
  await page.goto(`/${query}`)
}

test('简体中文 on the attract screen: Chinese menu and UI, then back to English', async ({ openTablet, staff }) => {
  const menu = await fetchMenu(staff)
  const [dish] = plainDishes(menu)
  const category = menu.categories[0]
  if (!dish || !category) throw new Error('menu too small')
  const { page } = await openTablet()

  await page.getByTestId('lang-zh-CN').click()
  await expect(page.getByTestId('lang-zh-CN')).toHaveAttribute('aria-pressed', 'true')
  await expect(page.getByTestId('start-order')).toHaveText(ZH.attract?.start ?? '')
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')
  await startOrder(page)
  await expect(page.getByTestId(`category-${category.id}`)).toHaveText(category.names['zh-CN'])
  await expect(page.getByTestId(`dish-${dish.id}`)).toContainText(dish.names['zh-CN'])
  await expect(page.getByTestId('cart-panel')).toContainText(ZH.cart?.title ?? '')
  await expect(page.getByTestId('place-order')).toHaveText(ZH.cart?.placeOrder ?? '')
  await saveScreenshot(page, 'menu-zh-CN')

  await page.getByTestId('lang-en').click()
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await expect(page.getByTestId(`category-${category.id}`)).toHaveText(category.names.en)
  await expect(page.getByTestId(`dish-${dish.id}`)).toContainText(dish.names.en)
  await expect(page.getByTestId('place-order')).toHaveText(EN.cart?.placeOrder ?? '')
})

test('idle: "Still there?" keeps the diner on "I\'m still here", and its countdown resets the tablet for the next diner', async ({ openTablet, staff }) => {
  const [dish] = plainDishes(await fetchMenu(staff))
  if (!dish) throw new Error('no plain dish')
  const { page } = await openTablet({ query: SETUP })
  await startOrder(page)
  await addDish(page, dish.id, { note: 'Extra napkins' })
  // A countdown long enough for the screenshot and the tap on a busy runner (3 s ran out before the tap once),
  // which the second half then waits out in full.
  test.setTimeout(90_000)
  await useIdleTimings(page, '?idle=3&idleCountdown=10')
  await expect(page.getByTestId('cart-line')).toHaveCount(1)

  const dialog = page.getByTestId('idle-dialog')
  await expect(dialog).toBeVisible()
  await saveScreenshot(page, 'idle-dialog')
  await page.getByTestId('idle-stay').click()
  await expect(dialog).toBeHidden()
  await expect(page.getByTestId('cart-line')).toHaveCount(1)

  await page.getByTestId('lang-zh-CN').click()
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')
  await expect(dialog).toBeVisible()
  // The countdown runs down on screen, then the tablet starts over.
  const countdown = page.getByTestId('idle-countdown')
  const first = Number(await countdown.innerText())
  await expect.poll(async () => Number(await countdown.innerText() || 0)).toBeLessThan(first)
  await expect(page.getByTestId('attract-screen')).toBeVisible()
  await expect(dialog).toBeHidden()
  await expect(page.getByTestId('lang-en')).toHaveAttribute('aria-pressed', 'true')
  await expect(page.getByTestId('start-order')).toHaveText(EN.attract?.start ?? '')
  await startOrder(page)
  await expect(page.getByTestId('cart-empty')).toBeVisible()
  await expect(page.getByTestId('cart-line')).toHaveCount(0)
})

test('idle: "Start over now" resets at once', async ({ openTablet, staff }) => {
  const [dish] = plainDishes(await fetchMenu(staff))
  if (!dish) throw new Error('no plain dish')
  const { page } = await openTablet({ query: SETUP })
  await startOrder(page)
  await addDish(page, dish.id)
  // A long countdown: only the button can bring the attract screen back within the test.
  await useIdleTimings(page, '?idle=3&idleCountdown=120')
  await expect(page.getByTestId('idle-dialog')).toBeVisible()
  await page.getByTestId('idle-reset').click()
  await expect(page.getByTestId('attract-screen')).toBeVisible()
  await startOrder(page)
  await expect(page.getByTestId('cart-line')).toHaveCount(0)
})

test('idle: never while the payment screen is open, and again once the diner leaves it', async ({ openTablet, staff }) => {
  const [dish] = plainDishes(await fetchMenu(staff))
  if (!dish) throw new Error('no plain dish')
  const { page } = await openTablet({ query: SETUP })
  await startOrder(page)
  await addDish(page, dish.id)
  const qrUrl = await placeOrderForQr(page)
  // After the reload the tablet finds its open payment again: the same QR, not a new order.
  await useIdleTimings(page, IDLE)
  expect(await waitForQr(page)).toBe(qrUrl)

  // Watch the payment screen, hands off, well past idle + countdown (6 s): the QR's countdown keeps ticking
  // and "Still there?" never shows. Nine different countdown values span at least eight seconds.
  const seen = new Set<string>()
  let idleShown = false
  await expect.poll(async () => {
    if (await page.getByTestId('idle-dialog').isVisible()) idleShown = true
    seen.add(await page.getByTestId('pay-countdown').innerText())
    return seen.size
  }, { timeout: 20_000, intervals: [250] }).toBeGreaterThanOrEqual(9)
  expect(idleShown, '"Still there?" during a payment').toBe(false)
  await expect(page.getByTestId('pay-screen')).toHaveAttribute('data-view', 'scan')
  await expect(page.getByTestId('idle-dialog')).toBeHidden()

  // Out of the payment, the idle timer runs again: the check above could have failed.
  await page.getByTestId('pay-cancel').click()
  await expect(page.getByTestId('menu-screen')).toBeVisible()
  await expect(page.getByTestId('idle-dialog')).toBeVisible()
})

test('staff exit: five taps in the corner and the staff PIN open the device panel', async ({ openTablet }) => {
  const { page, table } = await openTablet()
  const corner = page.getByTestId('staff-corner')
  await expect(corner).toBeAttached()
  // The gesture is five taps within 3 s; Playwright's per-click checks can take longer than that on a
  // busy machine, so the taps go straight to the corner's pointerdown handler.
  for (let tap = 0; tap < 5; tap++) await corner.dispatchEvent('pointerdown')
  await page.getByTestId('staff-pin-input').fill('000000')
  await page.getByTestId('staff-pin-submit').click()
  await expect(page.getByTestId('staff-pin-error')).toBeVisible()
  await expect(page.getByTestId('staff-panel')).toBeHidden()

  await page.getByTestId('staff-pin-input').fill(process.env.E2E_STAFF_PIN ?? '')
  await page.getByTestId('staff-pin-submit').click()
  await expect(page.getByTestId('staff-panel')).toBeVisible()
  await expect(page.getByTestId('staff-table')).toContainText(table.label)
  await page.getByTestId('staff-close').click()
  await expect(page.getByTestId('staff-panel')).toBeHidden()
  await expect(page.getByTestId('attract-screen')).toBeVisible()
})
