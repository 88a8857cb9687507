// Hostile requests written byte for byte on a socket: paths, headers and bodies a well-behaved HTTP
// client would refuse to send are exactly what this drill needs.
import { connect } from 'node:net'
import type { HostileRequest } from './attacks.js'

export type RawResult = { status: number } | { status: null, error: string }

const sleep = (ms: number): Promise<void> => new Promise(resolveSleep => setTimeout(resolveSleep, ms))

export function sendRaw (port: number, request: HostileRequest, localAddress: string, timeoutMs = 20_000): Promise<RawResult> {
  return new Promise((resolve) => {
    const body = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8')
    const lines = [`${request.method} ${request.path} HTTP/1.1`, `host: 127.0.0.1:${port}`, 'connection: close']
    for (const [name, value] of Object.entries(request.headers)) lines.push(`${name}: ${value}`)
    if (body !== undefined) lines.push(`content-length: ${body.length}`)
    const head = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'utf8')

    let received = Buffer.alloc(0)
    let status: number | null = null
    let settled = false
    const finish = (result: RawResult): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      socket.destroy()
      resolve(result)
    }
    const socket = connect({ host: '127.0.0.1', port, localAddress })
    const timer = setTimeout(() => finish(status === null ? { status: null, error: 'timeout' } : { status }), timeoutMs)
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk])
      const text = received.toString('latin1')
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(text)
      if (match) status = Number(match[1])
      // A live event stream never ends: its headers are the answer.
      const headEnd = text.indexOf('\r\n\r\n')
      if (status !== null && headEnd >= 0 && /\r\ncontent-type: text\/event-stream/i.test(text.slice(0, headEnd))) finish({ status })
    })
    socket.on('error', (error: NodeJS.ErrnoException) => finish(status === null ? { status: null, error: error.code ?? error.message } : { status }))
    socket.on('close', () => finish(status === null ? { status: null, error: 'closed without an answer' } : { status }))
    socket.on('connect', () => {
      void (async () => {
        socket.write(head)
        if (body === undefined) return
        if (!request.slow) {
          socket.write(body)
          return
        }
        // A slow client: the body in small pieces over a few seconds.
        const pieces = 8
        const size = Math.ceil(body.length / pieces)
        for (let i = 0; i < pieces && !settled; i++) {
          await sleep(400)
          if (!socket.destroyed) socket.write(body.subarray(i * size, (i + 1) * size))
        }
      })()
    })
  })
}
