// Pinch-zoom is off only on the table tablet's face; the staff console and the diner's phone page keep it, also
// when the console is opened in a tab that showed the tablet.
import { expect, test } from '../support/tablet.js'
import type { Page } from '@playwright/test'

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } as const
const viewport = (page: Page) => page.locator('meta[name="viewport"]')
const LOCKED = /user-scalable=no|maximum-scale=1(\D|$)/

test('zoom is locked on the tablet only, never on the console or the phone page', async ({ browser, openTablet }) => {
  const { page, table } = await openTablet()
  await expect(viewport(page)).toHaveAttribute('content', LOCKED)

  // The same tab leaves the tablet for the console (no page load): the page's own zoom comes back.
  await page.evaluate(() => {
    history.pushState(null, '', '/staff')
    dispatchEvent(new PopStateEvent('popstate', { state: null }))
  })
  await expect(page.getByTestId('attract-screen')).toHaveCount(0)
  await expect(viewport(page)).not.toHaveAttribute('content', LOCKED)

  const phone = await browser.newContext({ baseURL: process.env.E2E_BASE_URL, ...PHONE })
  try {
    const staffPage = await phone.newPage()
    await staffPage.goto('/staff')
    await expect(staffPage.getByTestId('staff-login')).toBeVisible()
    await expect(viewport(staffPage)).toHaveAttribute('content', /width=device-width/)
    await expect(viewport(staffPage)).not.toHaveAttribute('content', LOCKED)

    const dinerPage = await phone.newPage()
    await dinerPage.goto(`/t/${table.code}`)
    await expect(viewport(dinerPage)).not.toHaveAttribute('content', LOCKED)
    await dinerPage.goto(`/t/${table.code}/menu`)
    await expect(viewport(dinerPage)).toHaveAttribute('content', /width=device-width/)
    await expect(viewport(dinerPage)).not.toHaveAttribute('content', LOCKED)
  } finally {
    await phone.close()
  }
})
