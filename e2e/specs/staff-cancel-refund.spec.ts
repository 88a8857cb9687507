// Issue 15, item 4: a manager cancels a paid order and refunds it in one confirmed step, and sees the refund end live; staff are
// told only a manager can refund.
import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { fetchMenu } from '../support/menu.js'
import { apiOrder, apiPay, apiSession, apiTablet, consoleDishes, expect, newMember, test } from './staff-support.js'
import { SCREENSHOT_DIR } from '../support/screenshots.js'

// Pictures for people (git-ignored, beside the other screenshots); never an assertion.
const SHOTS = SCREENSHOT_DIR

test('cancel and refund a paid order in one step, with the outcome live', async ({ console: open, staff }) => {
  const { ordered } = consoleDishes(await fetchMenu(staff))
  const tablet = await apiTablet(staff)
  const order = await apiOrder(tablet, ordered, 2)
  const payment = await apiPay(tablet, order)
  const amount = `¥${(order.total / 100).toFixed(2)}`

  // Staff first: the dialog says why there is no refund, and whom to ask.
  const member = await newMember(staff, 'staff')
  const waiter = await apiSession(member.pin)
  const { page: staffPage } = await open('/staff/orders', { session: waiter })
  await staffPage.locator(`[data-testid="staff-order"][data-order-id="${order.id}"]`).getByTestId('staff-order-cancel').click()
  await expect(staffPage.getByTestId('staff-cancel-refund-managers')).toHaveText('Only a manager can refund — ask a manager.')
  await expect(staffPage.getByTestId('staff-cancel-refund')).toHaveCount(0)

  const { page } = await open('/staff/orders')
  await page.locator(`[data-testid="staff-order"][data-order-id="${order.id}"]`).getByTestId('staff-order-cancel').click()
  const dialog = page.getByTestId('staff-cancel-dialog')
  await dialog.getByRole('button', { name: 'The diner left' }).click()
  const refund = dialog.getByTestId('staff-cancel-refund')
  await expect(refund).toHaveText(`Cancel and refund ${amount}`)
  mkdirSync(SHOTS, { recursive: true })
  await page.screenshot({ path: resolve(SHOTS, 'issue-15-4-after.png'), animations: 'disabled' })
  await refund.click()
  await expect(dialog).toBeHidden()

  await page.getByTestId('staff-orders-filter-done').click()
  const card = page.locator(`[data-testid="staff-order"][data-order-id="${order.id}"]`)
  await expect(card).toHaveAttribute('data-status', 'cancelled')
  // The sandbox answers the refund at once: payment.updated brings the outcome.
  await expect(card.getByTestId('staff-cancel-refund-state')).toHaveAttribute('data-outcome', 'succeeded', { timeout: 20_000 })
  await expect(card.getByTestId('staff-order-payment')).toHaveText('Refunded')
  const after = await (await staff.get(`/api/staff/payments/${payment.id}`)).json() as { payment: { status: string, refundedAmount: number } }
  expect(after.payment).toMatchObject({ status: 'refunded', refundedAmount: order.total })

  await waiter.dispose()
  await staff.delete(`/api/staff/members/${member.id}`)
  await tablet.device.dispose()
})
