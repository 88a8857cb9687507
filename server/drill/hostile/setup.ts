// The store hostile traffic is aimed at: the real app on a loopback port, a logged-in manager, a
// paired tablet with one order — the valid credentials and ids hostile requests borrow.
import { mkdtempSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildApp, type App } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { cookieFrom, jsonOf, send } from '../http-client.js'
import type { Credentials } from './attacks.js'
import type { KnownIds } from './payloads.js'

const STAFF_PIN = '135790'

export interface Target {
  app: App
  port: number
  dataDir: string
  credentials: Credentials
  ids: KnownIds
  /** Lines the server logged at error level or above while under attack. */
  errorLogs: string[]
}

export async function startTarget (): Promise<Target> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tablepad-hostile-'))
  const errorLogs: string[] = []
  // The configuration `npm start` runs with: built-in emulator, demo menu.
  const app = await buildApp({
    config: loadConfig({ DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: '0', PUBLIC_URL: 'http://127.0.0.1:8080', STAFF_PIN, DEMO_SEED: 'true' }),
    serveKiosk: true,
    logger: { level: 'error', stream: { write: (line: string) => { errorLogs.push(line) } } },
  })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const port = (app.server.address() as AddressInfo).port
  const base = `http://127.0.0.1:${port}`
  const json = (cookie: string, body: unknown) => ({ cookie, 'content-type': 'application/json', body: JSON.stringify(body) })
  const post = async (path: string, cookie: string, body: unknown) => {
    const { body: text, ...headers } = json(cookie, body)
    const result = await send({ method: 'POST', url: `${base}${path}`, headers, body: text, localAddress: '127.0.0.2' })
    if (!result.ok || result.status >= 300) throw new Error(`setup: POST ${path} failed: ${result.ok ? `${result.status} ${result.text}` : result.error}`)
    return result
  }

  const login = await post('/api/staff/session', '', { pin: STAFF_PIN })
  const staff = cookieFrom(login, 'tp_staff')!
  const staffId = jsonOf<{ staff: { id: string } }>(login)!.staff.id
  const registered = await post('/api/devices', '', { name: 'Hostile drill tablet' })
  const device = cookieFrom(registered, 'tp_device')!
  const { deviceId, pairingCode } = jsonOf<{ deviceId: string, pairingCode: string }>(registered)!
  const tables = jsonOf<Array<{ id: string }>>(await send({ method: 'GET', url: `${base}/api/staff/tables`, headers: { cookie: staff } }))!
  await post('/api/staff/devices/pair', staff, { pairingCode, tableId: tables[0]!.id })
  const menu = jsonOf<{ items: Array<{ id: string, available: boolean, optionGroups: Array<{ min: number }> }> }>(await send({ method: 'GET', url: `${base}/api/menu`, headers: { cookie: device } }))!
  const item = menu.items.find(candidate => candidate.available && candidate.optionGroups.every(group => group.min === 0))!
  const order = jsonOf<{ id: string }>(await post('/api/orders', device, { clientOrderId: crypto.randomUUID(), lines: [{ itemId: item.id, quantity: 1, optionIds: [] }] }))!
  return {
    app,
    port,
    dataDir,
    credentials: { device, staff },
    ids: { orderId: order.id, tableId: tables[0]!.id, deviceId, itemId: item.id, staffId },
    errorLogs,
  }
}
