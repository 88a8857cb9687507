// A local HTTP server on 127.0.0.1 (a free port) that reads each request's query and form body: the ground under the
// fake Open Platform and MAPI gateways of the client tests.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ReceivedForm {
  method: string
  query: Record<string, string>
  form: Record<string, string>
  contentType: string | undefined
}

export interface FormServer {
  /** `http://127.0.0.1:<port>/gateway.do` */
  url: string
  close: () => Promise<void>
}

export async function startFormServer (handle: (request: ReceivedForm, res: ServerResponse) => void): Promise<FormServer> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1')
      handle({
        method: req.method ?? '',
        query: Object.fromEntries(url.searchParams),
        form: Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))),
        contentType: req.headers['content-type'],
      }, res)
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/gateway.do`,
    close: async () => {
      server.closeAllConnections()
      await new Promise<void>(resolve => server.close(() => resolve()))
    },
  }
}
