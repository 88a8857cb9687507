// What a diner (and the diner's phone) does on the tablet, step by step, waiting for the screen each time.
import { expect, type APIRequestContext, type Browser, type Page } from '@playwright/test'
import type { Order } from '../../shared/src/schemas/order.js'

export interface DishChoice {
  optionIds?: readonly string[]
  /** How many times to tap + in the sheet (the sheet starts at one). */
  more?: number
  note?: string
}

/** "Tap to order" on the attract screen. */
export async function startOrder (page: Page): Promise<void> {
  await page.getByTestId('start-order').click()
  await expect(page.getByTestId('menu-screen')).toBeVisible()
}

/**
 * Adds a dish. One with nothing to choose goes in with one tap (the card says so: data-quick-add), confirmed by a
 * short note; others open the sheet, where the choice is made and added, and the sheet must close.
 */
export async function addDish (page: Page, itemId: string, choice: DishChoice = {}): Promise<void> {
  const card = page.getByTestId(`dish-${itemId}`)
  if (await card.getAttribute('data-quick-add') === 'true') {
    await card.click()
    await expect(page.getByTestId('dish-added')).toHaveAttribute('data-item-id', itemId)
    for (let tap = 0; tap < (choice.more ?? 0); tap++) await card.click()
    if (choice.optionIds?.length) throw new Error(`dish ${itemId} has no options`)
    // A note goes on the way a diner adds one: "Change" the cart line, which opens the dish sheet.
    if (choice.note) {
      await page.locator(`[data-testid="cart-line"][data-item-id="${itemId}"]`).getByTestId('cart-line-edit').click()
      const sheet = page.getByTestId('dish-sheet')
      await sheet.getByTestId('dish-note').fill(choice.note)
      await sheet.getByTestId('dish-add').click()
      await expect(sheet).toBeHidden()
    }
    return
  }
  await card.click()
  const sheet = page.getByTestId('dish-sheet')
  await expect(sheet).toBeVisible()
  for (const optionId of choice.optionIds ?? []) {
    const option = sheet.getByTestId(`option-${optionId}`)
    await option.click()
    await expect(option).toHaveAttribute('aria-checked', 'true')
  }
  for (let tap = 0; tap < (choice.more ?? 0); tap++) await sheet.getByTestId('dish-quantity-increase').click()
  if (choice.note) await sheet.getByTestId('dish-note').fill(choice.note)
  await sheet.getByTestId('dish-add').click()
  await expect(sheet).toBeHidden()
}

/** The cart as the kiosk saved it in IndexedDB (kiosk/src/db: database tablepad-kiosk, store cart, key current). */
export async function savedCart (page: Page): Promise<{ lines: unknown[], note: string } | null> {
  return await page.evaluate(() => new Promise<{ lines: unknown[], note: string } | null>((resolve, reject) => {
    const open = indexedDB.open('tablepad-kiosk')
    open.onerror = () => reject(open.error)
    open.onsuccess = () => {
      const db = open.result
      const read = db.transaction('cart').objectStore('cart').get('current')
      read.onsuccess = () => {
        db.close()
        resolve((read.result as { lines: unknown[], note: string } | undefined) ?? null)
      }
      read.onerror = () => reject(read.error)
    }
  }))
}

/** "Place order", then the payment screen with its QR; answers the QR's URL. */
export async function placeOrderForQr (page: Page): Promise<string> {
  await page.getByTestId('place-order').click()
  return await waitForQr(page)
}

export async function waitForQr (page: Page): Promise<string> {
  await expect(page.getByTestId('pay-screen')).toHaveAttribute('data-view', 'scan')
  const qr = page.getByTestId('pay-qr')
  await expect(qr).toHaveAttribute('data-qr-value', /\/sandbox\/scan\//)
  // The QR is drawn (not only its value set): a diner needs the picture.
  await expect(qr.locator('svg')).toBeVisible()
  return await qr.getAttribute('data-qr-value') ?? ''
}

/** The diner's phone: opens the scanned QR in the emulator's "Alipay app" and pays or declines. */
export async function scanWithPhone (browser: Browser, qrUrl: string, action: 'pay' | 'decline'): Promise<void> {
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true })
  try {
    const page = await phone.newPage()
    await page.goto(qrUrl)
    await page.getByTestId(`sandbox-${action}`).click()
    await expect(page.getByTestId('sandbox-result')).toHaveAttribute('data-result', action === 'pay' ? 'paid' : 'declined')
  } finally {
    await phone.close()
  }
}

/** The phone opens a QR that can no longer be paid: the "Alipay app" refuses it and offers no Pay button. */
export async function expectQrRefused (browser: Browser, qrUrl: string): Promise<void> {
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true })
  try {
    const page = await phone.newPage()
    await page.goto(qrUrl)
    await expect(page.getByTestId('sandbox-result')).toHaveAttribute('data-result', /^(invalid|closed)$/)
    await expect(page.getByTestId('sandbox-pay')).toHaveCount(0)
  } finally {
    await phone.close()
  }
}

/** The orders of one table, newest first, as staff see them. */
export async function ordersOfTable (staff: APIRequestContext, tableId: string): Promise<Order[]> {
  const response = await staff.get('/api/staff/orders', { params: { limit: 500 } })
  if (!response.ok()) throw new Error(`orders not readable: ${response.status()} ${await response.text()}`)
  return (await response.json() as Order[]).filter(order => order.tableId === tableId)
}

/** The table's only order: fails when there is none or more than one. */
export async function onlyOrderOf (staff: APIRequestContext, tableId: string): Promise<Order> {
  const orders = await ordersOfTable(staff, tableId)
  expect(orders, 'orders of the table').toHaveLength(1)
  return orders[0] as Order
}
