// The staff console as a whole: PIN login that survives a reload, logout, and every main screen on a phone and a desktop.
import type { Page } from '@playwright/test'
import { saveScreenshot } from '../support/screenshots.js'
import { fetchMenu } from '../support/menu.js'
import { setOrderStatus } from '../support/staff-api.js'
import { DESKTOP, PHONE, apiOrder, apiPay, apiTablet, consoleDishes, expect, newMember, test } from './staff-support.js'

test('log in with a PIN, stay logged in across a reload, log out', async ({ console: open, staff }) => {
  // A member of its own: logging out ends this session only, not the worker's shared one.
  const member = await newMember(staff, 'manager')
  const { page } = await open('/staff/orders', { session: null })
  await expect(page.getByTestId('staff-login')).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Staff login' })).toBeVisible()

  // Keypad and keyboard both type into the same field.
  for (const digit of member.pin.slice(0, 3)) await page.getByRole('button', { name: digit, exact: true }).click()
  await page.getByTestId('staff-pin').press('End')
  await page.getByTestId('staff-pin').pressSequentially(member.pin.slice(3))
  await page.getByTestId('staff-login-submit').click()
  await expect(page.getByTestId('staff-console')).toHaveAttribute('data-session', 'in')
  await expect(page.getByTestId('staff-who')).toHaveText(member.name)
  await expect(page.getByTestId('staff-orders')).toBeVisible()

  await page.reload()
  await expect(page.getByTestId('staff-who')).toHaveText(member.name)
  await expect(page.getByTestId('staff-orders')).toBeVisible()

  await page.getByTestId('staff-logout').click()
  await expect(page.getByTestId('staff-login')).toBeVisible()
  await page.reload()
  await expect(page.getByTestId('staff-login')).toBeVisible()
  const session = await page.request.get('/api/staff/session')
  expect(session.status()).toBe(401)
  await staff.delete(`/api/staff/members/${member.id}`)
})

/** Fails when the screen scrolls sideways or a control is smaller than a fingertip (48 px). */
async function checkPhoneLayout (page: Page, screen: string): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  expect(overflow, `${screen}: sideways scroll`).toBeLessThanOrEqual(0)
  const small = await page.evaluate(() => [...document.querySelectorAll<HTMLElement>('#staff-main button, #staff-main select, #staff-main input:not(.sr-only), #staff-main a.btn, nav button, nav a')]
    .filter(element => element.offsetParent !== null)
    .map(element => ({ text: (element.textContent ?? element.getAttribute('aria-label') ?? '').trim().slice(0, 30), height: element.getBoundingClientRect().height }))
    .filter(target => target.height < 47.5))
  expect(small, `${screen}: touch targets under 48 px`).toEqual([])
}

test('every main screen, at phone and desktop sizes', async ({ console: open, staff }) => {
  test.setTimeout(180_000)
  const menu = await fetchMenu(staff)
  const { ordered } = consoleDishes(menu)
  // Something on the board: one order not paid yet, one new, one cooking, one ready.
  const tablet = await apiTablet(staff)
  await apiOrder(tablet, ordered)
  const orders = [await apiOrder(tablet, ordered, 2), await apiOrder(tablet, ordered), await apiOrder(tablet, ordered, 3)]
  const payments = []
  for (const order of orders) payments.push(await apiPay(tablet, order))
  await setOrderStatus(staff, orders[1]!.id, 'preparing')
  await setOrderStatus(staff, orders[2]!.id, 'preparing')
  await setOrderStatus(staff, orders[2]!.id, 'ready')

  const screens: [name: string, path: string, testid: string][] = [
    ['orders', '/staff/orders', 'staff-orders'],
    ['sold-out', '/staff/sold-out', 'staff-sold-out'],
    ['payments', '/staff/payments', 'staff-payments'],
    ['payment', `/staff/payments/${payments[0]!.id}`, 'staff-payment-detail'],
    ['alerts', '/staff/alerts', 'staff-alerts'],
    ['pair', '/staff/pair', 'staff-pair'],
    ['devices', '/staff/devices', 'staff-devices'],
    ['tables', '/staff/tables', 'staff-tables'],
    ['tables-print', '/staff/tables/print', 'staff-table-sheet'],
    ['menu', '/staff/menu', 'staff-menu'],
    ['members', '/staff/members', 'staff-members'],
  ]
  for (const [size, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
    const { page } = await open('/staff/orders', { viewport })
    for (const [name, path, testid] of screens) {
      await page.goto(path)
      await expect(page.getByTestId(testid)).toBeVisible()
      await expect(page.locator('[data-state="loading"]')).toHaveCount(0)
      if (name === 'orders') await expect(page.getByTestId('staff-order').first()).toBeVisible()
      if (size === 'phone') await checkPhoneLayout(page, name)
      await saveScreenshot(page, `staff-${name}-${size}`)
      if (name === 'tables-print') {
        // On paper: only the cards, no navigation or buttons.
        await page.emulateMedia({ media: 'print' })
        await expect(page.getByTestId('staff-print')).toBeHidden()
        await expect(page.locator('[data-testid="staff-nav-orders"]:visible')).toHaveCount(0)
        await expect(page.getByTestId('staff-table-card').first()).toBeVisible()
        await page.emulateMedia({ media: 'screen' })
      }
    }
    if (size === 'phone') {
      // Phones: the screens that do not fit the bottom bar are under "More".
      await page.getByTestId('staff-nav-more').click()
      await expect(page.getByTestId('staff-more')).toBeVisible()
      await saveScreenshot(page, 'staff-more-phone')
      await page.getByTestId('staff-more').getByTestId('staff-nav-devices').click()
      await expect(page.getByTestId('staff-devices')).toBeVisible()
      await expect(page.getByTestId('staff-more')).toBeHidden()
    }
  }
  const { page: login } = await open('/staff', { session: null, viewport: PHONE })
  await saveScreenshot(login, 'staff-login-phone')
  const { page: chinese } = await open('/staff/orders', { viewport: DESKTOP, locale: 'zh-CN' })
  await chinese.getByTestId('lang-zh-CN').click()
  await expect(chinese.getByRole('heading', { name: '订单', exact: true })).toBeVisible()
  await saveScreenshot(chinese, 'staff-orders-desktop-zh')
  await chinese.getByTestId('lang-en').click()
  await tablet.device.dispose()
})
