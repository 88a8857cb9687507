// Stalled uploads are cut by the request timeout; live event streams are not.
import { connect, type Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { buildEmptyApp, loginStaff, pairedTablet } from './auth-helpers.js'
import { SseClient } from './sse-client.js'
import { StaffEventEnum, TabletEventEnum } from '#shared/schemas/events.js'

const REQUEST_TIMEOUT_MS = 1000

const opened: Array<{ close: () => void }> = []
afterEach(() => {
  // Open streams and sockets would keep the app from closing.
  for (const client of opened.splice(0)) client.close()
})

async function streamOf (url: string, cookie: string): Promise<SseClient> {
  const client = await SseClient.open(url, { cookie })
  opened.push(client)
  return client
}

/** A POST that announces 1000 bytes of body and sends only 10 of them, then goes quiet. */
function stalledUpload (port: number, cookie: string): Promise<{ socket: Socket, closed: Promise<string> }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.write([
        'POST /api/orders HTTP/1.1',
        `Host: 127.0.0.1:${port}`,
        'Content-Type: application/json',
        'Content-Length: 1000',
        `Cookie: ${cookie}`,
        '', '{"clientOr',
      ].join('\r\n'))
      resolve({ socket, closed })
    })
    opened.push({ close: () => socket.destroy() })
    let answer = ''
    socket.setEncoding('utf8')
    socket.on('data', (chunk: string) => { answer += chunk })
    const closed = new Promise<string>(resolveClosed => socket.on('close', () => resolveClosed(answer)))
    socket.once('error', reject)
  })
}

function within<T> (promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, new Promise<never>((_resolve, reject) => setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms).unref())])
}

describe('request timeouts', () => {
  it('closes a socket whose body stops arriving, while event streams opened before it stay live', async () => {
    const app = await buildEmptyApp({ REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS) })
    const base = await app.listen({ port: 0, host: '127.0.0.1' })
    const port = Number(new URL(base).port)
    const staff = await loginStaff(app)
    const tablet = await pairedTablet(app, staff)

    const staffStream = await streamOf(`${base}/api/staff/events`, staff)
    const tabletStream = await streamOf(`${base}/api/events`, tablet.cookie)
    const streamsOpenedAt = Date.now()
    await staffStream.next(message => message.event === 'ready')
    await tabletStream.next(message => message.event === 'ready')

    const upload = await stalledUpload(port, tablet.cookie)
    // Without a request timeout the server would wait for the missing 990 bytes forever.
    const answer = await within(upload.closed, 10 * REQUEST_TIMEOUT_MS, 'closing the stalled upload')
    expect(answer).toMatch(/^HTTP\/1\.1 408 /)
    expect(Date.now() - streamsOpenedAt).toBeGreaterThan(REQUEST_TIMEOUT_MS)

    // Both streams outlived the timeout and still deliver what is published now.
    const staffHears = staffStream.next(message => message.event === StaffEventEnum.MENU_CHANGED)
    const tabletHears = tabletStream.next(message => message.event === TabletEventEnum.MENU_CHANGED)
    app.events.publish({ kind: 'staff' }, StaffEventEnum.MENU_CHANGED, { version: 'after-timeout' })
    app.events.publish({ kind: 'tablets' }, TabletEventEnum.MENU_CHANGED, { version: 'after-timeout' })
    expect((await staffHears).data).toEqual({ version: 'after-timeout' })
    expect((await tabletHears).data).toEqual({ version: 'after-timeout' })
  })
})
