// Stores in the console, on the embedded SQLite database (one restaurant): the PIN screen never asks for a store, a
// manager has no Stores screen (only their own store to read), and the chain's owner sees the one store and is told,
// in English and in Chinese, that a second store needs PostgreSQL.
import { spawnSync } from 'node:child_process'
import { join, resolve } from 'node:path'
import { expect, request, test, type APIRequestContext, type Browser, type BrowserContext, type Page } from '@playwright/test'
import { expectAccessible } from '../support/accessibility.js'
import { ServerProcess } from '../support/server-process.js'

const ROOT = resolve(import.meta.dirname, '../..')
const OWNER_PIN = '737373'
const SECOND_STORE_REFUSED = {
  en: 'A second store needs the PostgreSQL database. This server runs on SQLite, which holds one restaurant.',
  zh: '添加第二家门店需要 PostgreSQL 数据库。这台服务器使用 SQLite，只能容纳一家餐厅。',
}

// A server of this file's own: the owner is made on its database (npm run owner), as an operator would.
let server: ServerProcess
let manager: APIRequestContext
let owner: APIRequestContext

/** `npm run owner -- --pin <pin>` against the server's DATA_DIR (the running server reads the new row at login). */
function addOwner (dataDir: string, pin: string): void {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir }
  delete env.DATABASE_URL
  const run = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), ['server/scripts/owner.ts', '--pin', pin, '--name', 'E2E Owner'], { cwd: ROOT, env, encoding: 'utf8' })
  if (run.status !== 0) throw new Error(`npm run owner failed (${run.status}): ${run.stderr}`)
}

async function session (pin: string): Promise<APIRequestContext> {
  const context = await request.newContext({ baseURL: server.baseUrl })
  const login = await context.post('/api/staff/session', { data: { pin } })
  if (!login.ok()) throw new Error(`login failed: ${login.status()} ${await login.text()}`)
  return context
}

/** A browser profile on this file's server, with a logged-in API context's cookie (or none: the PIN screen). */
async function openConsole (browser: Browser, path: string, as: APIRequestContext | null, locale = 'en-US'): Promise<{ context: BrowserContext, page: Page }> {
  const context = await browser.newContext({
    baseURL: server.baseUrl,
    viewport: { width: 1440, height: 900 },
    locale,
    timezoneId: 'Asia/Shanghai',
    ...(as ? { storageState: await as.storageState() } : {}),
  })
  const page = await context.newPage()
  await page.goto(path)
  await expect(page.getByTestId('staff-console')).toHaveAttribute('data-session', as ? 'in' : 'out')
  return { context, page }
}

test.beforeAll(async () => {
  server = await ServerProcess.start()
  addOwner(server.dataDir, OWNER_PIN)
  manager = await session(server.staffPin)
  owner = await session(OWNER_PIN)
})

test.afterAll(async () => {
  await manager?.dispose()
  await owner?.dispose()
  await server?.dispose()
})

test('the PIN screen of a single restaurant asks for no store, and the owner logs in with the PIN alone', async ({ browser }) => {
  const { context, page } = await openConsole(browser, '/staff', null)
  await expect(page.getByTestId('staff-pin')).toBeVisible()
  await expect(page.getByTestId('staff-login-store')).toHaveCount(0)
  await expectAccessible(page, 'console login (one store)', { landmarks: true })

  await page.getByTestId('staff-pin').fill(OWNER_PIN)
  await page.getByTestId('staff-login-submit').click()
  await expect(page.getByTestId('staff-console')).toHaveAttribute('data-session', 'in')
  await expect(page.getByTestId('staff-side').getByText('Owner', { exact: true })).toBeVisible()
  // Still no store to type: nothing was asked, nothing is remembered.
  expect(await page.evaluate(() => localStorage.getItem('tablepad-staff-store'))).toBeNull()
  await context.close()
})

test('a manager has no Stores screen, only their own store to read', async ({ browser }) => {
  const { context, page } = await openConsole(browser, '/staff/orders', manager)
  const side = page.getByTestId('staff-side')
  await expect(side.getByTestId('staff-nav-orders')).toBeVisible()
  await expect(side.getByTestId('staff-nav-stores')).toHaveCount(0)
  await expect(page.getByTestId('staff-store-switcher')).toHaveCount(0)

  // A link straight to the owner's screen explains instead of showing controls.
  await page.goto('/staff/stores')
  await expect(page.getByTestId('staff-owners-only')).toContainText('Only the chain\'s owner can add stores or change their settings.')
  await expect(page.getByTestId('staff-store-add')).toHaveCount(0)

  await side.getByTestId('staff-nav-store').click()
  const store = page.getByTestId('staff-store')
  await expect(store).toHaveCount(1)
  await expect(store).toHaveAttribute('data-store-id', 'default')
  await expect(store.getByTestId('staff-store-edit')).toHaveCount(0)
  await expectAccessible(page, 'console: a manager\'s own store', { landmarks: true })

  // The server agrees, whatever the screen shows.
  const refused = await manager.post('/api/stores', { data: { slug: 'lotus-east', name: 'Lotus East' } })
  expect(refused.status()).toBe(403)
  expect(await refused.json()).toMatchObject({ code: 'OWNER_ONLY' })
  await context.close()
})

test('the owner\'s Stores screen lists the one store and refuses a second on SQLite, in English and in Chinese', async ({ browser }) => {
  const { context, page } = await openConsole(browser, '/staff/orders', owner)
  const side = page.getByTestId('staff-side')
  // The header's switcher offers the one store there is.
  await expect(side.getByTestId('staff-store-select').locator('option')).toHaveCount(1)
  await side.getByTestId('staff-nav-stores').click()

  const stores = page.getByTestId('staff-store')
  await expect(stores).toHaveCount(1)
  await expect(stores).toHaveAttribute('data-slug', 'default')
  await expect(stores.getByTestId('staff-store-current')).toBeVisible()
  await expectAccessible(page, 'console: the owner\'s stores', { landmarks: true })

  await page.getByTestId('staff-store-add').click()
  const dialog = page.getByTestId('staff-store-dialog')
  await dialog.getByTestId('staff-store-slug-input').fill('lotus-east')
  await dialog.getByTestId('staff-store-name-input').fill('Lotus East')
  await dialog.getByTestId('staff-store-dialog-save').click()
  const refusal = dialog.getByTestId('staff-store-error')
  await expect(refusal).toHaveAttribute('data-code', 'STORES_NEED_POSTGRES')
  await expect(refusal).toHaveText(SECOND_STORE_REFUSED.en)
  await expectAccessible(page, 'console: adding a store, refused', { landmarks: true })

  // The same refusal in Chinese, once the console speaks it.
  await page.keyboard.press('Escape')
  await side.getByTestId('lang-zh-CN').click()
  await page.getByTestId('staff-store-add').click()
  await dialog.getByTestId('staff-store-slug-input').fill('lotus-east')
  await dialog.getByTestId('staff-store-name-input').fill('莲花东店')
  await dialog.getByTestId('staff-store-dialog-save').click()
  await expect(refusal).toHaveText(SECOND_STORE_REFUSED.zh)
  await page.keyboard.press('Escape')
  await expect(stores).toHaveCount(1)

  const listed = await owner.get('/api/stores')
  expect((await listed.json() as { slug: string }[]).map(store => store.slug)).toEqual(['default'])
  await context.close()
})
