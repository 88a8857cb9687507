// Test helpers: an app on a fresh temporary DATA_DIR, closed and removed after the test.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'
import { buildApp, type App } from '../src/app.js'
import { loadConfig, type AppConfig } from '../src/config.js'

export const TEST_STAFF_PIN = '246810'

export function tempDataDir (): string {
  const dir = mkdtempSync(join(tmpdir(), 'tablepad-test-'))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

export function testConfig (env: Record<string, string> = {}): AppConfig {
  return loadConfig({
    DATA_DIR: env.DATA_DIR ?? tempDataDir(),
    HOST: '127.0.0.1',
    PORT: '0',
    PUBLIC_URL: 'http://127.0.0.1:8080',
    STAFF_PIN: TEST_STAFF_PIN,
    LOG_LEVEL: 'silent',
    ...env,
  })
}

const cleanups: Array<() => unknown> = []

afterEach(async () => {
  // Apps close before their data directory is removed.
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** A ready app on its own data directory; pass `env` to override configuration. */
export async function buildTestApp (env: Record<string, string> = {}): Promise<App> {
  const app = await buildApp({ config: testConfig(env) })
  cleanups.push(() => app.close())
  await app.ready()
  return app
}

/** The `name=value` pair of a Set-Cookie header, for sending it back. */
export function cookieFrom (setCookie: string | string[] | undefined, name: string): string {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []
  const found = all.find(cookie => cookie.startsWith(`${name}=`))
  if (!found) throw new Error(`no ${name} cookie in ${JSON.stringify(all)}`)
  return found.split(';')[0]!
}
