// Issue 15, printers: a manager sees each printer and whether it prints, prints a test page on a printer listening on
// loopback, and the board warns of one that cannot be reached; every view passes axe. Printers are removed at the end
// (the server is shared: removing one drops its waiting jobs and resolves its alert).
import { createServer, type AddressInfo, type Server } from 'node:net'
import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import iconv from 'iconv-lite'
import type { APIRequestContext } from '@playwright/test'
import { expectAccessible } from '../support/accessibility.js'
import type { Printer } from '../../shared/src/schemas/printer.js'
import { DESKTOP, expect, test } from './staff-support.js'
import { SCREENSHOT_DIR } from '../support/screenshots.js'

// Pictures for people (git-ignored, beside the other screenshots); never an assertion.
const SHOTS = SCREENSHOT_DIR

/** A networked receipt printer: keeps what each connection sent. */
async function fakePrinter (): Promise<{ server: Server, port: number, jobs: Buffer[] }> {
  const jobs: Buffer[] = []
  const server = createServer(socket => {
    const chunks: Buffer[] = []
    socket.on('data', chunk => { chunks.push(chunk) })
    socket.on('end', () => { jobs.push(Buffer.concat(chunks)); socket.end() })
    socket.on('error', () => {})
  })
  await new Promise<void>(done => { server.listen(0, '127.0.0.1', done) })
  return { server, port: (server.address() as AddressInfo).port, jobs }
}

/** A loopback port nothing listens on: a printer that is off. */
async function deadPort (): Promise<number> {
  const server = createServer()
  await new Promise<void>(done => { server.listen(0, '127.0.0.1', done) })
  const { port } = server.address() as AddressInfo
  await new Promise<void>(done => { server.close(() => { done() }) })
  return port
}

async function addPrinter (staff: APIRequestContext, data: object): Promise<Printer> {
  const response = await staff.post('/api/staff/printers', { data })
  expect(response.status(), await response.text()).toBe(201)
  return await response.json() as Printer
}

test('printers: their state, a test page, the board\'s warning for one that is off, all accessible', async ({ console: open, staff }) => {
  test.setTimeout(120_000)
  const printer = await fakePrinter()
  const added: Printer[] = []
  try {
    added.push(await addPrinter(staff, { name: '厨房 Kitchen', host: '127.0.0.1', port: printer.port, language: 'zh-CN', routing: 'none' }))
    const bar = await addPrinter(staff, { name: 'Bar', host: '127.0.0.1', port: await deadPort(), language: 'en', routing: 'categories', categoryIds: ['cat_drinks'] })
    added.push(bar)
    // A test page for the bar, which is off: it waits, and the board is told.
    expect((await staff.post(`/api/staff/printers/${bar.id}/test`, { data: {} })).status()).toBe(202)
    await expect.poll(async () => {
      const printers = await (await staff.get('/api/staff/printers')).json() as Printer[]
      return printers.find(candidate => candidate.id === bar.id)?.state.failingSince ?? null
    }).not.toBeNull()

    const { page } = await open('/staff/printers', { viewport: DESKTOP })
    await expect(page.getByTestId('staff-printers')).toBeVisible()
    const barRow = page.locator(`[data-printer-id="${bar.id}"]`)
    await expect(barRow).toHaveAttribute('data-failing', 'true')
    await expect(barRow.getByTestId('staff-printer-state')).toContainText('Cannot be reached since')
    await expectAccessible(page, 'printers', { landmarks: true })
    mkdirSync(SHOTS, { recursive: true })
    await page.screenshot({ path: resolve(SHOTS, 'issue-15-printers-after.png'), animations: 'disabled' })

    // A test page on the printer that is on: GB18030 Chinese on the wire.
    await page.locator(`[data-printer-id="${added[0]!.id}"]`).getByTestId('staff-printer-test').click()
    await expect.poll(() => printer.jobs.length).toBeGreaterThan(0)
    expect(printer.jobs[0]!.includes(iconv.encode('打印测试', 'gb18030'))).toBe(true)

    await page.getByTestId('staff-printer-add').click()
    await expect(page.getByTestId('staff-printer-dialog')).toBeVisible()
    await page.getByTestId('staff-printer-routing-categories').click()
    await expectAccessible(page, 'add printer dialog', { landmarks: true })
    await page.screenshot({ path: resolve(SHOTS, 'issue-15-printers-dialog-after.png'), animations: 'disabled' })
    await page.keyboard.press('Escape')

    await page.goto('/staff/orders')
    await expect(page.getByTestId('staff-printer-alert').first()).toContainText('The printer Bar')
    await expectAccessible(page, 'orders board with a printer warning', { landmarks: true })
    await page.screenshot({ path: resolve(SHOTS, 'issue-15-printers-board-after.png'), animations: 'disabled' })
  } finally {
    for (const one of added) await staff.delete(`/api/staff/printers/${one.id}`)
    await new Promise<void>(done => { printer.server.close(() => { done() }) })
  }
})
