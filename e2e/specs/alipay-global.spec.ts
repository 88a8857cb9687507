// Alipay Global (ALIPAY_PROTOCOL=global, on a server of this spec's own priced in yen): the tablet's QR and the
// diner's phone both pay through the emulator's MAPI gateway, and every amount is whole yen.
import { expect, test, type APIRequestContext } from '@playwright/test'
import { addDish, openPairedTablet, staffOf } from '../support/offline-tablet.js'
import { ServerProcess } from '../support/server-process.js'
import { fetchMenu, money, plainDishes } from '../support/menu.js'
import { openPhone, orderOnPhone, payInCashier } from '../support/phone.js'
import { onlyOrderOf, placeOrderForQr, scanWithPhone, startOrder } from '../support/tablet-actions.js'

let server: ServerProcess
let staff: APIRequestContext

test.beforeAll(async () => {
  server = await ServerProcess.start({ env: { ALIPAY_PROTOCOL: 'global', STORE_CURRENCY: 'JPY' } })
  staff = await staffOf(server)
})

test.afterAll(async () => {
  await staff?.dispose()
  await server?.dispose()
})

test('a yen restaurant on Alipay Global: the tablet QR and the phone both pay, in whole yen', async ({ browser }) => {
  test.info().setTimeout(120_000)
  const menu = await fetchMenu(staff)
  expect(menu.currency).toBe('JPY')
  const [first, second] = plainDishes(menu)
  if (!first || !second) throw new Error('the demo menu needs two plain dishes')
  // The demo menu is priced the way a menu in Japan is printed: whole yen, in tens.
  expect(first.price % 10).toBe(0)
  const { context, page: tablet, tableId } = await openPairedTablet(browser, server, staff)
  const tables = await (await staff.get('/api/staff/tables')).json() as { id: string, code: string }[]
  const code = tables.find(table => table.id === tableId)?.code ?? ''
  try {
    // The tablet: the QR comes from alipay.acquire.precreate, the emulator's MAPI answer.
    await startOrder(tablet)
    await addDish(tablet, first.id)
    await expect(tablet.getByTestId('cart-total')).toHaveText(money(menu, first.price))
    await expect(tablet.getByTestId('cart-total')).not.toContainText('.')
    const qrUrl = await placeOrderForQr(tablet)
    await scanWithPhone(browser, qrUrl, 'pay')
    await expect(tablet.getByTestId('thanks-screen')).toBeVisible()
    await expect(tablet.getByTestId('thanks-paid')).toContainText(money(menu, first.price))
    expect((await onlyOrderOf(staff, tableId)).status).toBe('paid')

    // The phone: signed in through the Open Platform, paid with alipay.acquire.create and tradePay.
    const phone = await openPhone(browser, server.baseUrl, code)
    try {
      await orderOnPhone(phone.page, [second.id])
      await phone.page.getByTestId('phone-pay-mine').click()
      await payInCashier(phone.page)
      // Everything at the table is paid now: the check settles and closes itself (pay-first).
      await expect(phone.page.getByTestId('phone-check')).toHaveAttribute('data-state', 'closed')
      await expect(phone.page.getByTestId('phone-check')).toContainText(money(menu, second.price))
    } finally {
      await phone.context.close()
    }

    // What Alipay was asked for: the trades of both, in JPY, without decimals.
    const trades = await (await staff.get(`${server.baseUrl}/sandbox/trades`)).json() as Array<{ protocol?: string, currency?: string, totalAmount?: string }>
    const ours = trades.filter(trade => trade.protocol === 'mapi')
    expect(ours.length).toBeGreaterThanOrEqual(2)
    for (const trade of ours) expect(trade).toMatchObject({ currency: 'JPY', totalAmount: expect.stringMatching(/^\d+$/) })
  } finally {
    await context.close()
  }
})
