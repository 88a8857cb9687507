// A server process of a spec's own (its port, DATA_DIR and kiosk build), to stop, kill and start again mid-test.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { freePort } from '../../server/src/lib/free-port.js'

const ROOT = resolve(import.meta.dirname, '../..')
const STAFF_PIN = '515151'

async function waitForHealth (url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before it was healthy`)
    try {
      if ((await fetch(`${url}/api/health`)).ok) return
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`server at ${url} did not become healthy`)
    await new Promise(resolveWait => setTimeout(resolveWait, 100))
  }
}

export interface ServerProcessOptions {
  /** The kiosk build to serve (KIOSK_DIST_DIR); defaults to E2E_KIOSK_DIR or dist/kiosk. */
  kioskDir?: string
  /** More environment for the server (PAYMENT_MODE=tab, say). */
  env?: Record<string, string>
}

/** One server: same port and DATA_DIR across restarts, so tablets and their cookies survive a "deploy". */
export class ServerProcess {
  readonly staffPin = STAFF_PIN
  readonly dataDir = mkdtempSync(join(tmpdir(), 'tablepad-offline-'))
  private child: ChildProcess | null = null
  private constructor (readonly port: number) {}

  static async start (options: ServerProcessOptions = {}): Promise<ServerProcess> {
    const server = new ServerProcess(await freePort())
    await server.start(options)
    return server
  }

  get baseUrl (): string {
    return `http://127.0.0.1:${this.port}`
  }

  get running (): boolean {
    return this.child !== null
  }

  /** Starts (again) on the same port and DATA_DIR, optionally serving another kiosk build. */
  async start (options: ServerProcessOptions = {}): Promise<void> {
    if (this.child) throw new Error('already running')
    const kioskDir = options.kioskDir ?? process.env.E2E_KIOSK_DIR
    const child = spawn(process.execPath, [join(ROOT, 'dist/server/src/server.js')], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        PUBLIC_URL: this.baseUrl,
        DATA_DIR: this.dataDir,
        STAFF_PIN,
        LOG_LEVEL: 'warn',
        ...(kioskDir ? { KIOSK_DIST_DIR: kioskDir } : {}),
        ...options.env,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    })
    this.child = child
    try {
      await waitForHealth(this.baseUrl, child, 20_000)
    } catch (error) {
      child.kill('SIGKILL')
      this.child = null
      throw error
    }
  }

  /** Stops the process: SIGTERM for a clean shutdown, SIGKILL for a crash or a pulled plug. */
  async stop (signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
    const child = this.child
    if (!child) return
    this.child = null
    if (child.exitCode !== null) return
    const exited = new Promise(resolveExit => child.once('exit', resolveExit))
    child.kill(signal)
    await exited
  }

  /** Stops for good and removes the DATA_DIR. */
  async dispose (): Promise<void> {
    await this.stop('SIGKILL')
    rmSync(this.dataDir, { recursive: true, force: true })
  }
}
