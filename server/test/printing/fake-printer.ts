// A networked thermal printer for tests: a TCP server on 127.0.0.1 that keeps each connection's bytes as one
// job (a raw-9100 printer prints a connection's data and closes when the sender does). It can be switched off
// (connections refused) and on again on the same port.
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net'
import { afterEach } from 'vitest'
import { decodeEscPos, type DecodedJob } from './escpos-decoder.js'

const printers: FakePrinter[] = []
afterEach(async () => {
  for (const printer of printers.splice(0)) await printer.off()
})

export class FakePrinter {
  readonly jobs: Buffer[] = []
  private server: Server | null = null
  private waiters: Array<() => void> = []
  private readonly open = new Set<Socket>()
  port = 0

  /** `holdOpen`: the printer never closes its side after a job (some do), so the sender's close-wait runs out. */
  private constructor (private readonly holdOpen: boolean) {}

  static async start (options: { holdOpen?: boolean } = {}): Promise<FakePrinter> {
    const printer = new FakePrinter(options.holdOpen ?? false)
    printers.push(printer)
    await printer.on()
    return printer
  }

  get decoded (): DecodedJob[] {
    return this.jobs.map(decodeEscPos)
  }

  /** Listening (again, on the same port once it had one). */
  async on (): Promise<void> {
    // Half-open allowed only when holding: otherwise Node ends our side as soon as the sender ends its own.
    const server = createServer({ allowHalfOpen: this.holdOpen }, socket => {
      const chunks: Buffer[] = []
      this.open.add(socket)
      socket.on('close', () => { this.open.delete(socket) })
      socket.on('data', chunk => { chunks.push(chunk) })
      socket.on('end', () => {
        this.jobs.push(Buffer.concat(chunks))
        if (!this.holdOpen) socket.end()
        for (const wake of this.waiters.splice(0)) wake()
      })
      socket.on('error', () => {})
    })
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(this.port, '127.0.0.1', () => { resolve() })
    })
    this.port = (server.address() as AddressInfo).port
    this.server = server
  }

  /** Switched off: new connections are refused. */
  async off (): Promise<void> {
    const server = this.server
    this.server = null
    // A held connection would keep close() waiting for ever.
    for (const socket of this.open) socket.destroy()
    if (server) await new Promise<void>(resolve => { server.close(() => { resolve() }) })
  }

  /** Resolves once `count` jobs arrived in all (fails after `timeoutMs`). */
  async waitForJobs (count: number, timeoutMs = 5000): Promise<DecodedJob[]> {
    const deadline = Date.now() + timeoutMs
    while (this.jobs.length < count) {
      const left = deadline - Date.now()
      if (left <= 0) throw new Error(`expected ${count} print jobs, got ${this.jobs.length}`)
      await new Promise<void>(resolve => {
        const timer = setTimeout(resolve, left)
        this.waiters.push(() => { clearTimeout(timer); resolve() })
      })
    }
    return this.decoded
  }
}
