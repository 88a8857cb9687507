// Test helpers: an app on a fresh temporary DATA_DIR (and, with TEST_DATABASE=postgres, a PostgreSQL database of
// its own), closed and removed after the test.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'
import { buildApp, type App } from '../src/app.js'
import { ConfigError, loadConfig, type AppConfig } from '../src/config.js'
import { appDatabase } from './pg-app-database.js'

export const TEST_STAFF_PIN = '246810'

export function tempDataDir (): string {
  const dir = mkdtempSync(join(tmpdir(), 'tablepad-test-'))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

/** The Alipay protocol the suite runs against: `openapi`, or `global` in the server-global project (vite.config.ts). */
export const TEST_ALIPAY_PROTOCOL = process.env.TEST_ALIPAY_PROTOCOL === 'global' ? 'global' : 'openapi'

/**
 * The database the apps of this run use: `postgres` in the server-pg project (vite.config.ts) or whenever
 * TEST_DATABASE=postgres is set, else SQLite under each app's DATA_DIR.
 */
export const TEST_DATABASE: 'sqlite' | 'postgres' = process.env.TEST_DATABASE === 'postgres' ? 'postgres' : 'sqlite'

/** The PostgreSQL database of each DATA_DIR an app of the current test ran on: a restart finds its data again. */
const databaseOfDataDir = new Map<string, string>()

/**
 * The configuration of an app to build, on TEST_DATABASE: with PostgreSQL, the DATA_DIR's database (a fresh one the
 * first time), handed back after the test. A DATABASE_URL in `env` is used as given.
 */
export async function testAppConfig (env: Record<string, string> = {}): Promise<AppConfig> {
  if (TEST_DATABASE === 'sqlite' || env.DATABASE_URL !== undefined) return testConfig(env)
  const dataDir = env.DATA_DIR ?? tempDataDir()
  let url = databaseOfDataDir.get(dataDir)
  if (url === undefined) {
    const database = await appDatabase()
    url = database.url
    databaseOfDataDir.set(dataDir, url)
    // Runs after the apps built on it have closed (cleanups run newest first).
    cleanups.push(() => {
      databaseOfDataDir.delete(dataDir)
      database.release()
    })
  }
  return testConfig({ DATABASE_POOL_MAX: '5', ...env, DATA_DIR: dataDir, DATABASE_URL: url })
}

/** Configuration only (no database is made): on PostgreSQL only when `env` names a DATABASE_URL. */
export function testConfig (env: Record<string, string> = {}): AppConfig {
  return loadConfig({
    ALIPAY_PROTOCOL: TEST_ALIPAY_PROTOCOL,
    DATA_DIR: env.DATA_DIR ?? tempDataDir(),
    HOST: '127.0.0.1',
    PORT: '0',
    PUBLIC_URL: 'http://127.0.0.1:8080',
    STAFF_PIN: TEST_STAFF_PIN,
    LOG_LEVEL: 'silent',
    ...env,
  })
}

/** The ConfigError loadConfig throws for `env`; fails the test when it throws none. */
export function configFailure (env: Record<string, string>): ConfigError {
  try {
    loadConfig(env)
  } catch (error) {
    if (error instanceof ConfigError) return error
    throw error
  }
  throw new Error(`no ConfigError for ${JSON.stringify(env)}`)
}

const cleanups: Array<() => unknown> = []

afterEach(async () => {
  // Apps close before their data directory is removed.
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** A ready app on its own data directory; pass `env` to override configuration. */
export async function buildTestApp (env: Record<string, string> = {}): Promise<App> {
  const app = await buildApp({ config: await testAppConfig(env) })
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
