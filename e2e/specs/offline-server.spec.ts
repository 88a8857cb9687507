// The server process gone instead of the network (a crash, a restart, the mini-PC unplugged): the tablet still starts
// from its own storage, the order waits, and once the server is back it is sent once and payment follows by itself.
import { expect, test, type APIRequestContext } from '@playwright/test'
import { addDish, openPairedTablet, ordersOfTable, simpleDish, staffOf, visiblePicturesDrawn, waitUntilOfflineReady } from '../support/offline-tablet.js'
import { ServerProcess } from '../support/server-process.js'

let server: ServerProcess
let staff: APIRequestContext

test.beforeAll(async () => {
  server = await ServerProcess.start()
  staff = await staffOf(server)
})

test.afterAll(async () => {
  await staff?.dispose()
  await server?.dispose()
})

test('an order placed while the server is down survives a killed tab and goes out once when the server is back', async ({ browser }) => {
  test.info().setTimeout(90_000)
  const { context, page, tableId } = await openPairedTablet(browser, server, staff)
  await waitUntilOfflineReady(page)
  await addDish(page, await simpleDish(page))

  await server.stop('SIGKILL')
  // navigator.onLine still says online: the banner comes from the dropped event stream.
  await expect(page.getByTestId('offline-banner')).toBeVisible()
  await page.getByTestId('place-order').click()
  const pay = page.getByTestId('pay-screen')
  await expect(pay).toHaveAttribute('data-view', 'queued')

  // The tab is killed and opened again while the server is still down: the worker starts the app, storage has the order.
  await page.close()
  const reopened = await context.newPage()
  await reopened.goto('/')
  await expect(reopened.getByTestId('pay-screen')).toHaveAttribute('data-view', 'queued')
  await expect(reopened.getByTestId('offline-waiting')).toBeVisible()

  await server.start()
  await expect(reopened.getByTestId('pay-screen')).toHaveAttribute('data-view', 'scan', { timeout: 45_000 })
  await expect(reopened.getByTestId('offline-banner')).toBeHidden()
  expect(await ordersOfTable(staff, tableId)).toHaveLength(1)
  await context.close()
})

test('with the server down, a reload still shows the menu and its pictures from the tablet', async ({ browser }) => {
  if (!server.running) await server.start()
  const { context, page } = await openPairedTablet(browser, server, staff)
  await waitUntilOfflineReady(page)
  await addDish(page, await simpleDish(page))

  await server.stop('SIGKILL')
  await page.reload()
  await expect(page.getByTestId('menu-screen')).toBeVisible()
  await expect.poll(() => visiblePicturesDrawn(page, '[data-testid^="dish-"] img')).toBe(true)
  await expect(page.getByTestId('cart-line')).toHaveCount(1)
  await expect(page.getByTestId('offline-banner')).toBeVisible()
  await context.close()
  await server.start()
})
