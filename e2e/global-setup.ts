// Starts the built server once for all specs: a free port, a fresh DATA_DIR, a known staff PIN.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { freePort } from '../server/src/lib/free-port.js'

export const E2E_STAFF_PIN = '424242'

async function waitForHealth (url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      const response = await fetch(`${url}/api/health`)
      if (response.ok) return
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`server at ${url} did not become healthy`)
    await new Promise(resolveWait => setTimeout(resolveWait, 100))
  }
}

export default async function globalSetup (): Promise<() => Promise<void>> {
  const root = resolve(import.meta.dirname, '..')
  const port = await freePort()
  const dataDir = mkdtempSync(join(tmpdir(), 'tablepad-e2e-'))
  const baseUrl = `http://127.0.0.1:${port}`
  const server = spawn(process.execPath, [join(root, 'dist/server/src/server.js')], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: baseUrl,
      DATA_DIR: dataDir,
      STAFF_PIN: E2E_STAFF_PIN,
      LOG_LEVEL: 'warn',
      PAYMENT_QR_TIMEOUT_S: process.env.E2E_QR_TIMEOUT_S ?? '30',
      // One server serves the whole run (about ten minutes): an unpaid order a spec left on the board must not be
      // cancelled by the sweep under a later spec's feet. The sweep has its own server tests.
      UNPAID_ORDER_TTL_S: '0',
      // Several builds can coexist (parallel work, update tests): E2E_KIOSK_DIR picks one.
      ...(process.env.E2E_KIOSK_DIR ? { KIOSK_DIST_DIR: process.env.E2E_KIOSK_DIR } : {}),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  await waitForHealth(baseUrl, 20_000)
  process.env.E2E_BASE_URL = baseUrl
  process.env.E2E_STAFF_PIN = E2E_STAFF_PIN
  return async () => {
    server.kill('SIGTERM')
    await new Promise(resolveExit => server.once('exit', resolveExit))
    rmSync(dataDir, { recursive: true, force: true })
  }
}
