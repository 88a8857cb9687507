// Shortcuts for tests: log staff in, register and pair tablets, send a cookie back.
import { expect } from 'vitest'
import type { App } from '../src/app.js'
import { createTable } from '../src/repositories/tables.js'
import { DEVICE_COOKIE, STAFF_COOKIE } from '../src/lib/cookies.js'
import type { Table } from '#shared/schemas/table.js'
import { TEST_STAFF_PIN, buildTestApp, cookieFrom } from './helper.js'

/** An app without the demo seed: these tests count the tables and tablets they create themselves. */
export function buildEmptyApp (env: Record<string, string> = {}): Promise<App> {
  return buildTestApp({ DEMO_SEED: 'false', ...env })
}

/**
 * The `tp_staff=…` cookie of a fresh session for the given PIN (the first manager's by default) in the default
 * store. Named, not omitted: on PostgreSQL the demo seeds a second store, and with two a login names its store.
 */
export async function loginStaff (app: App, pin = TEST_STAFF_PIN): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/api/staff/session', payload: { pin, store: 'default' } })
  expect(response.statusCode, response.body).toBe(200)
  return cookieFrom(response.headers['set-cookie'], STAFF_COOKIE)
}

/** Adds a member through the API as the first manager and returns their id and session cookie. */
export async function addStaff (app: App, member: { name: string, role: 'manager' | 'staff', pin: string }): Promise<{ id: string, cookie: string }> {
  const manager = await loginStaff(app)
  const response = await app.inject({ method: 'POST', url: '/api/staff/members', headers: { cookie: manager }, payload: member })
  expect(response.statusCode, response.body).toBe(201)
  return { id: response.json<{ id: string }>().id, cookie: await loginStaff(app, member.pin) }
}

export interface RegisteredTablet {
  deviceId: string
  cookie: string
  pairingCode: string
}

export async function registerTablet (app: App, payload?: object): Promise<RegisteredTablet> {
  const response = await app.inject({ method: 'POST', url: '/api/devices', ...(payload ? { payload } : {}) })
  expect(response.statusCode, response.body).toBe(201)
  const body = response.json<{ deviceId: string, pairingCode: string }>()
  return { deviceId: body.deviceId, pairingCode: body.pairingCode, cookie: cookieFrom(response.headers['set-cookie'], DEVICE_COOKIE) }
}

let autoTables = 0

/** A new tablet paired by staff to a new table (or the given one). */
export async function pairedTablet (app: App, staffCookie: string, table?: Table): Promise<RegisteredTablet & { table: Table }> {
  const target = table ?? await createTable(app.db, { label: `Auto ${++autoTables}` })
  const tablet = await registerTablet(app)
  const response = await app.inject({
    method: 'POST',
    url: '/api/staff/devices/pair',
    headers: { cookie: staffCookie },
    payload: { pairingCode: tablet.pairingCode, tableId: target.id },
  })
  expect(response.statusCode, response.body).toBe(200)
  return { ...tablet, table: target }
}
