// Child processes of a drill: the Alipay emulator on its own port and the Tablepad server run from its
// TypeScript source with tsx (no build needed), each logging to a file in the drill's directory.
import { spawn, type ChildProcess } from 'node:child_process'
import { createWriteStream } from 'node:fs'
import { join, resolve } from 'node:path'
import { send } from './http-client.js'
import { freePort } from '../src/lib/free-port.js'

export const ROOT = resolve(import.meta.dirname, '../..')

function tsxProcess (entry: string, env: Record<string, string>, logFile: string): ChildProcess {
  const log = createWriteStream(logFile, { flags: 'a' })
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, entry)], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout!.pipe(log, { end: false })
  child.stderr!.pipe(log, { end: false })
  child.once('exit', () => setTimeout(() => log.end(), 100))
  return child
}

async function waitUntil (what: string, child: ChildProcess, ready: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${what} exited (${child.exitCode ?? child.signalCode}) before it was ready`)
    if (await ready()) return
    if (Date.now() > deadline) throw new Error(`${what} was not ready within ${timeoutMs} ms`)
    await new Promise(resolveWait => setTimeout(resolveWait, 100))
  }
}

export interface Emulator {
  baseUrl: string
  gateway: string
  appId: string
  sellerId: string
  merchantPrivateKeyFile: string
  alipayPublicKeyFile: string
  stop: () => Promise<void>
}

/** `npm run sandbox` on a free port; it generates both key pairs and prints where it wrote them. */
export async function startEmulator (logFile: string): Promise<Emulator> {
  const port = await freePort()
  const child = tsxProcess('server/sandbox/main.ts', { SANDBOX_PORT: String(port), SANDBOX_HOST: '127.0.0.1', LOG_LEVEL: 'warn' }, logFile)
  let out = ''
  child.stdout!.on('data', (chunk: Buffer) => { out += chunk.toString('utf8') })
  const field = (pattern: RegExp): string | undefined => pattern.exec(out)?.[1]?.trim()
  await waitUntil('the emulator', child, async () => field(/Alipay public key:\s+(\S+)/) !== undefined, 60_000)
  const baseUrl = `http://127.0.0.1:${port}`
  return {
    baseUrl,
    gateway: `${baseUrl}/sandbox/gateway.do`,
    appId: field(/app id:\s+(\d+)/)!,
    sellerId: field(/seller id:\s+(\d+)/)!,
    merchantPrivateKeyFile: field(/merchant private key:\s+(\S+)/)!,
    alipayPublicKeyFile: field(/Alipay public key:\s+(\S+)/)!,
    stop: () => stopChild(child, 'SIGTERM'),
  }
}

async function stopChild (child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise(resolveExit => child.once('exit', resolveExit))
  child.kill(signal)
  await exited
}

export interface ServerExit {
  code: number | null
  signal: NodeJS.Signals | null
  /** The crash point this run was started with, if any. */
  crashPoint: string | null
}

/** The Tablepad server: same port and DATA_DIR across every (re)start, as after a power cut. */
export class ServerProcess {
  private child: ChildProcess | null = null
  private crashPoint: string | null = null
  private deliberate = false
  /** Called when the process ends without the drill having stopped it. */
  onUnexpectedExit: (exit: ServerExit) => void = () => {}

  constructor (readonly port: number, private readonly env: Record<string, string>, private readonly logFile: string) {}

  get baseUrl (): string {
    return `http://127.0.0.1:${this.port}`
  }

  get running (): boolean {
    return this.child !== null
  }

  async start (crashPoint: string | null = null): Promise<void> {
    if (this.child) throw new Error('server already running')
    const env = { ...this.env, ...(crashPoint === null ? {} : { TABLEPAD_CRASH_POINT: crashPoint }) }
    const child = tsxProcess('server/src/server.ts', env, this.logFile)
    this.child = child
    this.crashPoint = crashPoint
    this.deliberate = false
    child.once('exit', (code, signal) => {
      if (this.child !== child) return
      this.child = null
      if (!this.deliberate) this.onUnexpectedExit({ code, signal, crashPoint })
    })
    await waitUntil('the server', child, async () => {
      const health = await send({ method: 'GET', url: `${this.baseUrl}/api/health`, timeoutMs: 2000 })
      return health.ok && health.status === 200
    }, 90_000)
  }

  get startedWithCrashPoint (): string | null {
    return this.crashPoint
  }

  /** SIGKILL: no shutdown hooks, no flushing — a pulled plug. */
  async kill (): Promise<void> {
    await this.stopWith('SIGKILL')
  }

  async stop (): Promise<void> {
    await this.stopWith('SIGTERM')
  }

  private async stopWith (signal: NodeJS.Signals): Promise<void> {
    const child = this.child
    if (!child) return
    this.deliberate = true
    this.child = null
    await stopChild(child, signal)
  }
}
