// A port nobody listens on right now, for the tools that start servers of their own (bench, drill, browser tests).
import { createServer } from 'node:net'

export async function freePort (): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no free port')))
    })
  })
}
