// Roles: a manager adds a staff-role member in the console; that member cannot refund or edit the menu (screens and API agree).
import { fetchMenu } from '../support/menu.js'
import { saveScreenshot } from '../support/screenshots.js'
import { PHONE, apiOrder, apiPay, apiTablet, consoleDishes, expect, test } from './staff-support.js'

test('a staff-role member cannot refund or edit the menu; managers change and remove members', async ({ console: open, staff }) => {
  const { ordered } = consoleDishes(await fetchMenu(staff))
  const tablet = await apiTablet(staff)
  const { id: paymentId } = await apiPay(tablet, await apiOrder(tablet, ordered))
  const name = `Waiter ${Math.random().toString(36).slice(2, 7)}`
  const pin = String(100_000 + Math.floor(Math.random() * 900_000))

  // The manager adds the member, with a PIN, as staff.
  const manager = await open('/staff/members')
  await manager.page.getByTestId('staff-member-add').click()
  await manager.page.getByTestId('staff-member-name').fill(name)
  await manager.page.getByTestId('staff-member-pin').fill(pin)
  await expect(manager.page.getByTestId('staff-member-role-staff').locator('input')).toBeChecked()
  await manager.page.getByTestId('staff-member-dialog-save').click()
  const row = manager.page.getByTestId('staff-member').filter({ hasText: name })
  await expect(row).toHaveAttribute('data-role', 'staff')
  const memberId = await row.getAttribute('data-member-id')

  // The member logs in on a phone of their own.
  const member = await open('/staff', { session: null, viewport: PHONE })
  await member.page.getByTestId('staff-pin').fill(pin)
  await member.page.getByTestId('staff-login-submit').click()
  await expect(member.page.getByTestId('staff-console')).toHaveAttribute('data-session', 'in')

  // Menu editing and staff accounts are not offered…
  await member.page.getByTestId('staff-nav-more').click()
  await expect(member.page.getByTestId('staff-more').getByTestId('staff-nav-pair')).toBeVisible()
  await expect(member.page.getByTestId('staff-more').getByTestId('staff-nav-menu')).toHaveCount(0)
  await expect(member.page.getByTestId('staff-more').getByTestId('staff-nav-members')).toHaveCount(0)
  await member.page.keyboard.press('Escape')
  // …and a link straight to them explains instead of showing controls.
  await member.page.goto('/staff/menu')
  await expect(member.page.getByTestId('staff-managers-only')).toContainText('Only managers can edit the menu.')
  await expect(member.page.getByTestId('staff-dish-edit')).toHaveCount(0)

  // A payment: everything to see, and why refunding is not theirs.
  await member.page.goto(`/staff/payments/${paymentId}`)
  await expect(member.page.getByTestId('staff-payment-detail')).toHaveAttribute('data-status', 'paid')
  await expect(member.page.getByTestId('staff-refund-locked')).toContainText('Only managers can give money back')
  await expect(member.page.getByTestId('staff-refund-submit')).toHaveCount(0)
  await saveScreenshot(member.page, 'staff-refund-locked-phone')

  // The server agrees, whatever the screen shows.
  const refund = await member.page.request.post(`/api/staff/payments/${paymentId}/refunds`, { data: { amount: 100, reason: 'try' } })
  expect(refund.status()).toBe(403)
  expect(await refund.json()).toMatchObject({ code: 'STAFF_FORBIDDEN' })
  const category = await member.page.request.post('/api/staff/menu/categories', { data: { names: { en: 'Nope', 'zh-CN': '不行' } } })
  expect(category.status()).toBe(403)
  const price = await member.page.request.patch(`/api/staff/menu/items/${ordered.id}`, { data: { price: 1 } })
  expect(price.status()).toBe(403)

  // Promoted, the member gets the manager's screens on the next load.
  await row.getByTestId('staff-member-edit').click()
  await manager.page.getByTestId('staff-member-role-manager').click()
  await manager.page.getByTestId('staff-member-dialog-save').click()
  await expect(row).toHaveAttribute('data-role', 'manager')
  await member.page.goto('/staff/menu')
  await expect(member.page.getByTestId('staff-menu-category').first()).toBeVisible()

  // Removed, the member's console is back at the PIN screen.
  await row.getByTestId('staff-member-remove').click()
  await manager.page.getByTestId('staff-member-remove-dialog-ok').click()
  await expect(manager.page.getByTestId('staff-member').filter({ hasText: name })).toHaveCount(0)
  await member.page.reload()
  await expect(member.page.getByTestId('staff-login')).toBeVisible()
  const gone = await staff.get('/api/staff/members')
  expect((await gone.json() as { id: string }[]).map(entry => entry.id)).not.toContain(memberId)
  await tablet.device.dispose()
})
