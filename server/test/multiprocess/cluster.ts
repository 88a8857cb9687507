// Several real server processes (server/src/server.ts run by tsx, no build) on ONE PostgreSQL database, each on
// its own loopback port and its own DATA_DIR, all talking to ONE Alipay emulator that runs in the test process:
// what a chain runs behind a load balancer. Nothing is shared between them but the database and the emulator.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { APP_ID, SELLER_ID, type Emulator } from '../alipay/emulator-fixture.js'
import { TEST_STAFF_PIN } from '../helper.js'
import { freePort } from '../../src/lib/free-port.js'

const ROOT = resolve(import.meta.dirname, '../../..')

/** How long a child may take to answer /api/health: tsx compiles the server on first start (slow on 2 shared cores). */
const START_TIMEOUT_MS = 90_000

export interface ProcessExit {
  code: number | null
  signal: NodeJS.Signals | null
}

/** One server process of the cluster. */
export class ClusterProcess {
  readonly exited: Promise<ProcessExit>
  private output = ''

  constructor (readonly name: string, private readonly child: ChildProcess, readonly baseUrl: string, private readonly dataDir: string) {
    const keep = (chunk: Buffer): void => { this.output = (this.output + chunk.toString('utf8')).slice(-8000) }
    child.stdout!.on('data', keep)
    child.stderr!.on('data', keep)
    this.exited = new Promise(resolveExit => child.once('exit', (code, signal) => resolveExit({ code, signal })))
    void this.exited.then(() => rmSync(dataDir, { recursive: true, force: true }))
  }

  get running (): boolean {
    return this.child.exitCode === null && this.child.signalCode === null
  }

  get pid (): number {
    return this.child.pid!
  }

  /** The last lines the process logged (LOG_LEVEL=warn: its warnings and errors), for failure messages. */
  get log (): string {
    return this.output
  }

  /**
   * The PIN the process's start-up banner showed for `who` (`manager of "riverside"`, `every store`: the demo
   * chain's generated PINs, shown once by the process that seeded it); null when it showed none.
   */
  bannerPin (who: string): string | null {
    const escaped = who.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    return new RegExp(`PIN \\(${escaped}, shown once\\): (\\d+)`).exec(this.output)?.[1] ?? null
  }

  /** A pulled plug: no shutdown hooks, leases not handed back. */
  async kill (): Promise<ProcessExit> {
    if (this.running) this.child.kill('SIGKILL')
    return this.exited
  }

  /** Freezes the process (SIGSTOP): it keeps its connections but does nothing, its reconciler included. */
  pause (): void {
    this.child.kill('SIGSTOP')
  }

  resume (): void {
    if (this.running) this.child.kill('SIGCONT')
  }

  /** A graceful stop (SIGTERM: leases handed back), SIGKILL if it has not ended after `graceMs`. */
  async stop (graceMs = 12_000): Promise<ProcessExit> {
    if (!this.running) return this.exited
    // A paused process must run again to handle SIGTERM.
    this.child.kill('SIGCONT')
    this.child.kill('SIGTERM')
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs)
    try {
      return await this.exited
    } finally {
      clearTimeout(timer)
    }
  }

  async waitUntilReady (): Promise<void> {
    const deadline = Date.now() + START_TIMEOUT_MS
    for (;;) {
      if (!this.running) throw new Error(`${this.name} exited before it was ready:\n${this.output}`)
      try {
        if ((await fetch(`${this.baseUrl}/api/health`)).ok) return
      } catch {
        // Not listening yet.
      }
      if (Date.now() > deadline) {
        await this.kill()
        throw new Error(`${this.name} was not ready within ${START_TIMEOUT_MS} ms:\n${this.output}`)
      }
      await new Promise(resolveWait => setTimeout(resolveWait, 100))
    }
  }
}

export interface ClusterOptions {
  databaseUrl: string
  emulator: Emulator
  /** Extra environment for every process (a short lease, say). */
  env?: Record<string, string>
}

/**
 * The environment of one process: PostgreSQL, its own port and DATA_DIR, and the shared emulator as a remote
 * Alipay (ALIPAY_MODE=alipay-sandbox + ALIPAY_GATEWAY, as the drill does): in sandbox-local every process
 * would run an emulator of its own, and a trade made through one would be unknown to the others.
 */
function processEnv (port: number, dataDir: string, options: ClusterOptions): NodeJS.ProcessEnv {
  const baseUrl = `http://127.0.0.1:${port}`
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: options.databaseUrl,
    DATABASE_POOL_MAX: '5',
    PORT: String(port),
    HOST: '127.0.0.1',
    // Alipay notifies the process that created the trade (its own notify URL), as behind a load balancer
    // each process would give the balancer's address and any process could receive it.
    PUBLIC_URL: baseUrl,
    DATA_DIR: dataDir,
    STAFF_PIN: TEST_STAFF_PIN,
    LOG_LEVEL: 'warn',
    ALIPAY_MODE: 'alipay-sandbox',
    ALIPAY_PROTOCOL: 'openapi',
    ALIPAY_GATEWAY: options.emulator.gatewayUrl,
    ALIPAY_APP_ID: APP_ID,
    ALIPAY_SELLER_ID: SELLER_ID,
    ALIPAY_PRIVATE_KEY: options.emulator.merchant.privateKey,
    ALIPAY_PUBLIC_KEY: options.emulator.alipay.publicKey,
    ALIPAY_TIMEOUT_MS: '1500',
    ...options.env,
  }
  // Whatever the test runner's own environment says, these processes are not the suite's in-process apps.
  for (const name of ['TABLEPAD_CRASH_POINT', 'TEST_DATABASE', 'ALIPAY_PRIVATE_KEY_FILE', 'ALIPAY_PUBLIC_KEY_FILE', 'ALIPAY_NOTIFY_URL', 'ALIPAY_MD5_KEY']) {
    if (options.env?.[name] === undefined) delete env[name]
  }
  return env
}

/** Starts one more process on the cluster's database and waits until it answers. */
export async function startProcess (name: string, options: ClusterOptions): Promise<ClusterProcess> {
  const port = await freePort()
  const dataDir = mkdtempSync(join(tmpdir(), `tablepad-${name}-`))
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server/src/server.ts')], {
    cwd: ROOT,
    env: processEnv(port, dataDir, options),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const started = new ClusterProcess(name, child, `http://127.0.0.1:${port}`, dataDir)
  await started.waitUntilReady()
  return started
}

export interface Cluster {
  processes: ClusterProcess[]
  /** Stops every process still running (gracefully, then by force). */
  stop: () => Promise<void>
}

/**
 * `count` processes named A, B, C…. The first starts alone (it migrates, seeds the demo menu and the first
 * manager on the empty database); the others then start together, as a scaled-out deployment adds them.
 */
export async function startCluster (count: number, options: ClusterOptions): Promise<Cluster> {
  const names = Array.from({ length: count }, (_, i) => String.fromCharCode(65 + i))
  const processes: ClusterProcess[] = []
  const stop = async (): Promise<void> => { await Promise.all(processes.map(async p => p.stop())) }
  try {
    processes.push(await startProcess(names[0]!, options))
    const rest = await Promise.allSettled(names.slice(1).map(async name => startProcess(name, options)))
    for (const result of rest) if (result.status === 'fulfilled') processes.push(result.value)
    const failed = rest.find(result => result.status === 'rejected')
    if (failed) throw failed.reason
  } catch (error) {
    await stop()
    throw error
  }
  return { processes, stop }
}
