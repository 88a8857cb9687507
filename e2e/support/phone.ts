// A diner's own phone inside the Alipay app: signing in through Alipay's authorization page (the emulator's in
// sandbox-local mode), ordering from the table's menu, and paying with tradePay in the emulator's cashier.
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test'

/** Alipay's in-app browser says `AlipayClient` in its user agent; that is how /t/<code> knows where it runs. */
export const ALIPAY_USER_AGENT = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) ' +
  'Version/4.0 Chrome/126.0.6478.134 Mobile Safari/537.36 AlipayClient/10.6.58.8000 Language/zh-Hans'

export interface Phone { context: BrowserContext, page: Page }

/** Scans the table's code with a new phone, allows Alipay's sign-in, and waits for the phone's menu. */
export async function openPhone (browser: Browser, baseURL: string, tableCode: string, locale: 'en-US' | 'zh-CN' = 'en-US'): Promise<Phone> {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 390, height: 844 },
    userAgent: ALIPAY_USER_AGENT,
    locale,
    timezoneId: 'Asia/Shanghai',
    hasTouch: true,
    isMobile: true,
  })
  const page = await context.newPage()
  await page.goto(`/t/${tableCode}`)
  await expect(page.getByTestId('sandbox-oauth')).toBeVisible()
  await page.getByTestId('sandbox-oauth-allow').click()
  await expect(page).toHaveURL(new RegExp(`/t/${tableCode}/menu$`))
  await expect(page.getByTestId('phone-menu')).toBeVisible()
  return { context, page }
}

/**
 * Adds each dish (dishes without required choices) and sends the cart with the button worded `sendLabel` ("Order"
 * when paying first, "Send to kitchen" on a tab); the phone then shows the bill.
 */
export async function orderOnPhone (page: Page, itemIds: readonly string[], sendLabel?: string): Promise<void> {
  for (const itemId of itemIds) {
    await page.getByTestId(`dish-${itemId}`).click()
    const sheet = page.getByTestId('dish-sheet')
    await expect(sheet).toBeVisible()
    await sheet.getByTestId('dish-add').click()
    await expect(sheet).toBeHidden()
  }
  await page.getByTestId('phone-cart-open').click()
  await expect(page.getByTestId('cart-line')).toHaveCount(itemIds.length)
  if (sendLabel) await expect(page.getByTestId('phone-send')).toContainText(sendLabel)
  await page.getByTestId('phone-send').click()
  await expect(page.getByTestId('phone-check')).toHaveAttribute('data-state', 'open')
}

/** In the emulator's cashier that tradePay opened over the page: Pay, then back on the page. */
export async function payInCashier (page: Page): Promise<void> {
  await expect(page.getByTestId('sandbox-cashier')).toBeVisible()
  const cashier = page.frameLocator('iframe[name="sandbox-cashier"]')
  await cashier.getByTestId('sandbox-pay').click()
  // The cashier shows its result briefly, then closes and answers tradePay: wait for it to be gone.
  await expect(page.getByTestId('sandbox-cashier')).toBeHidden()
}
