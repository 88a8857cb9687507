// Pairing from the console, with two browsers: the tablet shows a code, staff open its QR link, pick a table, and the tablet follows.
import { newTable } from '../support/staff-api.js'
import { saveScreenshot } from '../support/screenshots.js'
import { PHONE, expect, test } from './staff-support.js'

test('pair an unpaired tablet from its QR link, then rename, move and unpair it', async ({ openUnpaired, console: open, staff }) => {
  const tablet = await openUnpaired()
  const table = await newTable(staff, 'Pair')
  const other = await newTable(staff, 'Move')
  // The tablet's QR code holds this link: scanning it with a phone opens the console with the code filled in.
  const link = await tablet.page.getByTestId('pairing-qr').getAttribute('data-qr-value')
  expect(link).toMatch(new RegExp(`/staff/pair\\?code=${tablet.pairingCode}$`))
  const { page } = await open(new URL(link!).pathname + new URL(link!).search, { viewport: PHONE })

  const code = page.getByTestId('staff-pair-code')
  await expect(code).toHaveValue(tablet.pairingCode)
  await expect(page.getByTestId('staff-pair')).toContainText('Filled in from the tablet\'s QR code')
  // Nothing is sent until a table is chosen.
  await page.getByTestId('staff-pair-submit').click()
  await expect(page.getByTestId('staff-pair')).toContainText('Choose the table.')
  await page.getByTestId(`staff-pair-table-${table.id}`).click()
  await saveScreenshot(page, 'staff-pair-filled-phone')
  await page.getByTestId('staff-pair-submit').click()

  await expect(page.getByTestId('staff-pair-done')).toContainText(`Paired with ${table.label}`)
  await expect(tablet.page.getByTestId('attract-screen')).toBeVisible()
  await expect(tablet.page.getByTestId('table-label')).toHaveText(table.label)

  // Its table cannot be removed while the tablet stands on it; the console says why, in its words.
  await page.goto('/staff/tables')
  await page.locator(`[data-testid="staff-table"][data-table-id="${table.id}"]`).getByTestId('staff-table-remove').click()
  await page.getByTestId('staff-table-remove-dialog-ok').click()
  await expect(page.getByTestId('staff-table-remove-problem')).toContainText('This table still has a tablet:')
  await page.getByTestId('staff-table-remove-dialog').getByRole('button', { name: 'Back' }).click()

  // The tablets screen: at its table, online.
  await page.goto('/staff/devices')
  const card = page.getByTestId('staff-device').filter({ hasText: table.label })
  await expect(card.getByTestId('staff-device-online')).toHaveText('Online')

  await card.getByTestId('staff-device-rename').click()
  await page.getByTestId('staff-device-name-input').fill('Window tablet')
  await page.getByTestId('staff-device-rename-dialog-save').click()
  await expect(card.getByTestId('staff-device-name')).toHaveText('Window tablet')

  await card.getByTestId('staff-device-move').click()
  await page.getByTestId('staff-device-table').selectOption(other.id)
  await page.getByTestId('staff-device-move-dialog-save').click()
  await expect(tablet.page.getByTestId('table-label')).toHaveText(other.label)
  const moved = page.getByTestId('staff-device').filter({ hasText: other.label })
  await expect(moved.getByTestId('staff-device-name')).toHaveText('Window tablet')

  await moved.getByTestId('staff-device-unpair').click()
  await page.getByTestId('staff-device-unpair-dialog-ok').click()
  await expect(tablet.page.getByTestId('pairing-screen')).toBeVisible()
  await expect(page.getByTestId('staff-device').filter({ hasText: 'Window tablet' })).toContainText('Not paired')
})

test('a wrong pairing code is refused with a reason, and typing the right one pairs', async ({ openUnpaired, console: open, staff }) => {
  const tablet = await openUnpaired()
  const table = await newTable(staff, 'Typed')
  const { page } = await open('/staff/pair')
  // A code is 6 digits; anything else never reaches the field.
  await page.getByTestId('staff-pair-code').fill('12ab34')
  await expect(page.getByTestId('staff-pair-code')).toHaveValue('1234')
  const wrong = tablet.pairingCode === '000000' ? '000001' : '000000'
  await page.getByTestId('staff-pair-code').fill(wrong)
  await page.getByTestId(`staff-pair-table-${table.id}`).click()
  await page.getByTestId('staff-pair-submit').click()
  await expect(page.getByTestId('staff-pair-error')).toContainText('This code is unknown, already used or expired.')
  await expect(page.getByTestId('staff-pair-code')).toHaveAttribute('aria-invalid', 'true')

  await page.getByTestId('staff-pair-code').fill(tablet.pairingCode)
  await page.getByTestId('staff-pair-submit').click()
  await expect(page.getByTestId('staff-pair-done')).toBeVisible()
  await expect(tablet.page.getByTestId('attract-screen')).toBeVisible()
})
