// Shared by the bare baselines: listen on a free loopback port, announce it on stdout, stop cleanly on SIGTERM.
import type { FastifyInstance } from 'fastify'
import type { AddressInfo } from 'node:net'

/** The line the bench waits for (see processes.ts waitForLine). */
export const READY_PATTERN = /^BENCH_READY (\d+)$/m

export async function listenAndAnnounce (app: FastifyInstance, onClose?: () => void): Promise<void> {
  await app.listen({ port: 0, host: '127.0.0.1' })
  process.stdout.write(`BENCH_READY ${(app.server.address() as AddressInfo).port}\n`)
  process.once('SIGTERM', () => {
    void app.close().finally(() => {
      onClose?.()
      process.exit(0)
    })
  })
}

export function env (name: string): string {
  const value = process.env[name]
  if (!value) throw new Error(`${name} is required`)
  return value
}
