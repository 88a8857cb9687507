// Refunds from the console: part of a paid order, then the rest, each with a reason and its outcome; the list shows the trade number.
import { fetchMenu } from '../support/menu.js'
import { saveScreenshot } from '../support/screenshots.js'
import type { Payment } from '../../shared/src/schemas/payment.js'
import { apiOrder, apiPay, apiTablet, consoleDishes, expect, test } from './staff-support.js'

test('refund a paid order partially, then the rest', async ({ console: open, staff }) => {
  const { ordered } = consoleDishes(await fetchMenu(staff))
  const tablet = await apiTablet(staff)
  const order = await apiOrder(tablet, ordered, 2)
  const { id } = await apiPay(tablet, order)
  const total = order.total
  const paid = await (await staff.get(`/api/staff/payments/${id}`)).json() as { payment: Payment }
  expect(paid.payment.tradeNo).toBeTruthy()

  const { page } = await open('/staff/payments')
  const row = page.locator(`[data-testid="staff-payment-row"][data-payment-id="${id}"]`)
  await expect(row).toHaveAttribute('data-status', 'paid')
  await expect(row).toContainText(paid.payment.tradeNo!)
  await expect(row).toContainText(`Order ${order.number}`)
  await row.click()

  const detail = page.getByTestId('staff-payment-detail')
  await expect(detail).toHaveAttribute('data-status', 'paid')
  const amount = page.getByTestId('staff-refund-amount')
  await expect(amount).toHaveValue((total / 100).toFixed(2))

  // Part of it: ¥5.00 for a dish that never came.
  await amount.fill('5')
  await page.getByTestId('staff-refund-submit').click()
  await expect(page.getByTestId('staff-refund')).toContainText('Please give a reason.')
  await page.getByRole('button', { name: 'A dish never came' }).click()
  await expect(page.getByTestId('staff-refund-reason')).toHaveValue('A dish never came')
  await page.getByTestId('staff-refund-submit').click()
  await expect(page.getByTestId('staff-refund-confirm')).toContainText('Give ¥5.00 back to the diner?')
  await page.getByTestId('staff-refund-confirm-ok').click()
  const outcome = page.getByTestId('staff-refund-outcome')
  await expect(outcome).toHaveAttribute('data-status', 'succeeded')
  await expect(outcome).toContainText('¥5.00 refunded')
  await expect(detail).toHaveAttribute('data-status', 'partially_refunded')
  await expect(page.getByTestId('staff-payment-refunded')).toHaveAttribute('data-fen', '500')
  await expect(page.getByTestId('staff-refund-row')).toHaveCount(1)
  await saveScreenshot(page, 'staff-refund-partial-desktop')

  // The rest: the amount field now offers what is left.
  const rest = total - 500
  await expect(amount).toHaveValue((rest / 100).toFixed(2))
  await page.getByTestId('staff-refund-full').click()
  await page.getByTestId('staff-refund-reason').fill('Table closed early')
  await page.getByTestId('staff-refund-submit').click()
  await page.getByTestId('staff-refund-confirm-ok').click()
  await expect(outcome).toContainText(`¥${(rest / 100).toFixed(2)} refunded`)
  await expect(detail).toHaveAttribute('data-status', 'refunded')
  await expect(page.getByTestId('staff-payment-refunded')).toHaveAttribute('data-fen', String(total))
  await expect(page.getByTestId('staff-refund-none')).toHaveText('Everything has been refunded.')
  await expect(page.getByTestId('staff-refund-row')).toHaveCount(2)
  await expect(page.getByTestId('staff-payment-events')).toContainText('Refunded')

  const after = await (await staff.get(`/api/staff/payments/${id}`)).json() as { payment: Payment, refunds: { amount: number, reason: string, status: string }[] }
  expect(after.refunds.map(refund => [refund.amount, refund.reason, refund.status]).sort()).toEqual([
    [500, 'A dish never came', 'succeeded'],
    [rest, 'Table closed early', 'succeeded'],
  ].sort())
  await tablet.device.dispose()
})
