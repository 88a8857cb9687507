// The real server (server/src/server.ts run by tsx, no build) as a child process on a test's DATA_DIR,
// optionally told to die at a crash point (TABLEPAD_CRASH_POINT), and started again on the same data.
import { spawn, type ChildProcess } from 'node:child_process'
import { join, resolve } from 'node:path'
import { TEST_ALIPAY_PROTOCOL, TEST_STAFF_PIN } from '../helper.js'
import type { CrashPoint } from '../../src/lib/crash-points.js'
import { freePort } from '../../src/lib/free-port.js'

const ROOT = resolve(import.meta.dirname, '../../..')

export interface ChildExit {
  code: number | null
  signal: NodeJS.Signals | null
}

export class ServerChild {
  /** Settles when the process has ended, however it ended. */
  readonly exited: Promise<ChildExit>
  private stderr = ''

  private constructor (private readonly child: ChildProcess, readonly baseUrl: string) {
    child.stderr!.on('data', (chunk: Buffer) => { this.stderr = (this.stderr + chunk.toString('utf8')).slice(-4000) })
    this.exited = new Promise(resolveExit => child.once('exit', (code, signal) => resolveExit({ code, signal })))
  }

  get running (): boolean {
    return this.child.exitCode === null && this.child.signalCode === null
  }

  /** Starts the server on `dataDir` (sandbox-local mode, the built-in emulator) and waits until it answers. */
  static async start (dataDir: string, crashPoint: CrashPoint | null = null): Promise<ServerChild> {
    const port = await freePort()
    const baseUrl = `http://127.0.0.1:${port}`
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: baseUrl,
      DATA_DIR: dataDir,
      STAFF_PIN: TEST_STAFF_PIN,
      ALIPAY_MODE: 'sandbox-local',
      // The child speaks the protocol the suite runs against (the server-global project sets only TEST_ALIPAY_PROTOCOL).
      ALIPAY_PROTOCOL: TEST_ALIPAY_PROTOCOL,
      LOG_LEVEL: 'warn',
    }
    delete env.TABLEPAD_CRASH_POINT
    if (crashPoint !== null) env.TABLEPAD_CRASH_POINT = crashPoint
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server/src/server.ts')], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] })
    const server = new ServerChild(child, baseUrl)
    const deadline = Date.now() + 60_000
    for (;;) {
      if (!server.running) throw new Error(`the server exited before it was ready: ${server.stderr}`)
      try {
        if ((await fetch(`${baseUrl}/api/health`)).ok) return server
      } catch {
        // Not listening yet.
      }
      if (Date.now() > deadline) {
        await server.kill()
        throw new Error(`the server was not ready within 60 s: ${server.stderr}`)
      }
      await new Promise(resolveWait => setTimeout(resolveWait, 100))
    }
  }

  /** How the process ended, failing if it is still running after `timeoutMs`. */
  async exitWithin (timeoutMs: number): Promise<ChildExit> {
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`the server was still running after ${timeoutMs} ms: ${this.stderr}`)), timeoutMs)
    })
    try {
      return await Promise.race([this.exited, timeout])
    } finally {
      clearTimeout(timer)
    }
  }

  async kill (): Promise<void> {
    if (this.running) this.child.kill('SIGKILL')
    await this.exited
  }
}
