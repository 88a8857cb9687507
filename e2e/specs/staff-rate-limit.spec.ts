// Wrong PINs are rate-limited: after five, the console says how long to wait and counts it down.
//
// The server counts wrong PINs per client address (server/src/lib/failure-limiter.ts, keyed by
// request.ip in routes/api/staff/session) and every spec shares one server, reached from
// 127.0.0.1. Blocking 127.0.0.1 for a minute would lock every other spec out of logging in. So this
// browser's login requests are passed on by the test from an address of its own on the loopback
// network (127.x.y.z, all local on Linux): the server's real limiter blocks that address only.
import { request as httpRequest } from 'node:http'
import type { Route } from '@playwright/test'
import { apiSession, expect, test } from './staff-support.js'

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding'])

/** A loopback address no other spec uses (never 127.0.0.1). */
function ownAddress (): string {
  const part = () => 1 + Math.floor(Math.random() * 250)
  return `127.${part()}.${part()}.${part()}`
}

/** Sends the intercepted request to the server from `localAddress` and answers the page with the server's reply. */
async function forwardFrom (localAddress: string, route: Route): Promise<void> {
  const original = route.request()
  const url = new URL(original.url())
  const headers = await original.allHeaders()
  const reply = await new Promise<{ status: number, headers: Record<string, string>, body: Buffer }>((resolve, reject) => {
    const outgoing = httpRequest({
      host: url.hostname, port: url.port, path: url.pathname + url.search, method: original.method(), headers, localAddress,
    }, (incoming) => {
      const chunks: Buffer[] = []
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
      incoming.on('end', () => {
        const flat = Object.fromEntries(Object.entries(incoming.headers)
          .filter(([key]) => !HOP_BY_HOP.has(key))
          .map(([key, value]) => [key, Array.isArray(value) ? value.join('\n') : String(value)]))
        resolve({ status: incoming.statusCode ?? 502, headers: flat, body: Buffer.concat(chunks) })
      })
    })
    outgoing.on('error', reject)
    outgoing.end(original.postDataBuffer() ?? undefined)
  })
  await route.fulfill(reply)
}

test('five wrong PINs, then the wait with a countdown; other clients can still log in', async ({ console: open }) => {
  const address = ownAddress()
  const { page } = await open('/staff', { session: null })
  await page.route('**/api/staff/session', route => route.request().method() === 'POST' ? forwardFrom(address, route) : route.continue())
  const message = page.getByTestId('staff-login-error')

  for (let attempt = 1; attempt <= 5; attempt++) {
    await page.getByTestId('staff-pin').fill(`000${attempt}`)
    await page.getByTestId('staff-login-submit').click()
    await expect(message).toHaveAttribute('data-code', 'INVALID_PIN')
    await expect(message).toHaveText('That PIN is not right. Please try again.')
    // Cleared for the next try.
    await expect(page.getByTestId('staff-pin')).toHaveValue('')
  }

  await page.getByTestId('staff-pin').fill('0006')
  await page.getByTestId('staff-login-submit').click()
  await expect(message).toHaveAttribute('data-code', 'RATE_LIMITED')
  await expect(message).toHaveText(/^Too many wrong PINs\. Try again in \d+ seconds?\.$/)
  const wait = Number(await message.getAttribute('data-wait'))
  expect(wait).toBeGreaterThan(0)
  expect(wait).toBeLessThanOrEqual(60)
  await expect(page.getByTestId('staff-login-submit')).toBeDisabled()
  await expect(page.getByRole('button', { name: '5', exact: true })).toBeDisabled()
  await expect.poll(async () => Number(await message.getAttribute('data-wait')), { message: 'the wait counts down' }).toBeLessThan(wait)

  // The block is this client's alone: the address every other spec uses still logs in.
  const other = await apiSession(process.env.E2E_STAFF_PIN ?? '')
  expect((await other.get('/api/staff/session')).ok()).toBe(true)
  await other.dispose()
})
