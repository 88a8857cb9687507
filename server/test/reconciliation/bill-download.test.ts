// Fetching the bill: only http(s), never more than the cap, never longer than the time limit.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { downloadBill } from '../../src/reconciliation/bill-download.js'
import { BillError } from '../../src/reconciliation/errors.js'

const servers: Server[] = []
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections()
    await new Promise(resolve => server.close(resolve))
  }
})

async function serve (handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler)
  servers.push(server)
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/bill`
}

async function reason (promise: Promise<unknown>): Promise<string> {
  try {
    await promise
  } catch (error) {
    if (error instanceof BillError) return error.reason
    throw error
  }
  throw new Error('downloaded')
}

describe('downloadBill', () => {
  it('returns the bytes', async () => {
    const url = await serve((_request, response) => response.end(Buffer.from([1, 2, 3])))
    expect([...await downloadBill(url)]).toEqual([1, 2, 3])
  })

  it('refuses links that are not http(s), error statuses, and bills past the cap, declared or not', async () => {
    expect(await reason(downloadBill('file:///etc/passwd'))).toBe('download_failed')
    expect(await reason(downloadBill('not a url'))).toBe('download_failed')
    const missing = await serve((_request, response) => { response.statusCode = 404; response.end() })
    expect(await reason(downloadBill(missing))).toBe('download_failed')
    const declared = await serve((_request, response) => response.end(Buffer.alloc(2048)))
    expect(await reason(downloadBill(declared, { maxBytes: 1024 }))).toBe('download_too_large')
    const chunked = await serve((_request, response) => {
      response.write(Buffer.alloc(800))
      response.end(Buffer.alloc(800))
    })
    expect(await reason(downloadBill(chunked, { maxBytes: 1024 }))).toBe('download_too_large')
  })

  it('gives up after the time limit', async () => {
    const stalled = await serve((_request, response) => { response.write('PK') })
    expect(await reason(downloadBill(stalled, { timeoutMs: 100 }))).toBe('download_failed')
  })
})
