// The Tablepad production server as a child process, and its setup through the public APIs: staff, tables, tablets.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { cookieValue, expectStatus, http, loopbackAddresses, mapLimit } from './http.js'
import { freePort } from '../src/lib/free-port.js'
import { onCleanup, startNode, waitForHttp, type Child } from './processes.js'

export const STAFF_PIN = '246813'

export interface Tablet {
  deviceId: string
  tableId: string
  /** The Cookie header value that identifies this tablet. */
  cookie: string
}

export interface Tablepad {
  child: Child
  base: string
  dataDir: string
  staffCookie: string
}

interface StartSettings {
  /** The V8 flags (package.json `config.nodeFlags`). */
  flags: string[]
  /** glibc malloc's environment (package.json `config.mallocEnv`, `NAME=value` pairs). */
  mallocEnv: Record<string, string>
}

/** How `npm start` runs the server (package.json `config`), so the bench measures what runs. */
function startSettings (root: string): StartSettings {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { config?: { nodeFlags?: string, mallocEnv?: string } }
  const words = (text: string | undefined): string[] => (text ?? '').split(/\s+/).filter(Boolean)
  const mallocEnv = Object.fromEntries(words(manifest.config?.mallocEnv).map(pair => pair.split('=', 2) as [string, string]))
  return { flags: words(manifest.config?.nodeFlags), mallocEnv }
}

/**
 * `node dist/server/src/server.js` as `npm start` runs it (same V8 flags, same malloc settings) on a free port with a
 * fresh DATA_DIR (or `dataDir`, already filled, e.g. by the demo history; the caller removes it), the built-in
 * Alipay emulator and no logs; `env` adds to (or overrides) that environment.
 */
export async function startTablepad (root: string, options: { dataDir?: string, env?: Record<string, string> } = {}): Promise<Tablepad> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'tablepad-bench-'))
  if (options.dataDir === undefined) onCleanup(() => rmSync(dataDir, { recursive: true, force: true }))
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const settings = startSettings(root)
  const child = startNode(join(root, 'dist/server/src/server.js'), {
    DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: base,
    STAFF_PIN,
    LOG_LEVEL: 'silent',
    ALIPAY_MODE: 'sandbox-local',
    NODE_ENV: 'production',
    // SQLite, whatever the shell running the bench has in DATABASE_URL; the PostgreSQL scenarios
    // (scenarios-postgres.ts) set it through `env`.
    DATABASE_URL: '',
    ...settings.mallocEnv,
    ...options.env,
  }, settings.flags)
  await waitForHttp(`${base}/api/health`, child)
  const login = expectStatus(await http(`${base}/api/staff/session`, {
    // The default store by name: on PostgreSQL the demo is a chain of two stores, where a login names its store.
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pin: STAFF_PIN, store: 'default' }),
  }), 200, 'staff login')
  return { child, base, dataDir, staffCookie: `tp_staff=${cookieValue(login, 'tp_staff')}` }
}

/** The emulator's credentials (sandbox-local): Alipay's private key signs notifications as the emulator does. */
export function sandboxCredentials (tablepad: Tablepad): { appId: string, sellerId: string, alipayPrivateKey: string, alipayPublicKey: string } {
  return JSON.parse(readFileSync(join(tablepad.dataDir, 'alipay-sandbox', 'credentials.json'), 'utf8')) as ReturnType<typeof sandboxCredentials>
}

const nextAddress = loopbackAddresses()

/**
 * Tablets registered and paired as a real one is: the tablet registers (and shows a code), staff create a table
 * and pair the code to it. Each tablet registers from an address of its own, as real ones do.
 */
export async function pairTablets (tablepad: Tablepad, count: number, labelPrefix: string, concurrency = 16): Promise<Tablet[]> {
  const staff = { cookie: tablepad.staffCookie, 'content-type': 'application/json' }
  return mapLimit(Array.from({ length: count }, (_, i) => i), concurrency, async (i) => {
    const address = nextAddress()
    const registered = expectStatus(await http(`${tablepad.base}/api/devices`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: `${labelPrefix} ${i + 1}` }), localAddress: address,
    }), 201, 'tablet registration')
    const device = registered.json<{ deviceId: string, pairingCode: string }>()
    const cookie = `tp_device=${cookieValue(registered, 'tp_device')}`
    const table = expectStatus(await http(`${tablepad.base}/api/staff/tables`, {
      method: 'POST', headers: staff, body: JSON.stringify({ label: `${labelPrefix} ${i + 1}` }), localAddress: address,
    }), 201, 'table creation').json<{ id: string }>()
    expectStatus(await http(`${tablepad.base}/api/staff/devices/pair`, {
      method: 'POST', headers: staff, body: JSON.stringify({ pairingCode: device.pairingCode, tableId: table.id }), localAddress: address,
    }), 200, 'pairing')
    return { deviceId: device.deviceId, tableId: table.id, cookie }
  })
}

export interface MenuDish {
  id: string
  price: number
  available: boolean
  optionGroups: { min: number }[]
}

/** The menu as a tablet gets it: raw bytes (uncompressed), its ETag, and a dish orderable without choices. */
export async function readMenu (tablepad: Tablepad, tablet: Tablet): Promise<{ bytes: Buffer, etag: string, dish: MenuDish }> {
  const answer = expectStatus(await http(`${tablepad.base}/api/menu`, { headers: { cookie: tablet.cookie } }), 200, 'menu')
  const menu = answer.json<{ items: MenuDish[] }>()
  const dish = menu.items.find(item => item.available && item.optionGroups.every(group => group.min === 0))
  if (!dish) throw new Error('the demo menu has no dish without required choices')
  const etag = answer.headers.etag
  if (typeof etag !== 'string') throw new Error('the menu has no ETag')
  return { bytes: answer.body, etag, dish }
}
