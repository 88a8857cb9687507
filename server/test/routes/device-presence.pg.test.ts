// Presence across processes (PostgreSQL): two apps on one database stand for two server processes behind a load
// balancer. A tablet streaming from process A is listed online by process B's staff device list — at once, and for
// as long as it streams — and offline once its stream closed and the grace passed (B's clock is moved, not waited).
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { loginStaff, pairedTablet } from '../auth-helpers.js'
import { testAppConfig } from '../helper.js'
import { freshPgDatabase } from '../pg.js'
import { pollUntil } from '../poll.js'
import { SseClient, type SseMessage } from '../sse-client.js'
import { buildApp, type App } from '../../src/app.js'
import { ONLINE_GRACE_MS } from '../../src/lib/device-presence.js'
import type { DevicePresencePluginOptions } from '../../src/plugins/app/device-presence.js'
import type { Device } from '#shared/schemas/device.js'

let databaseUrl: string
const apps: App[] = []
const clients: SseClient[] = []

beforeAll(async () => {
  databaseUrl = (await freshPgDatabase()).url
})

afterEach(async () => {
  // Open streams would keep the apps from closing.
  for (const client of clients.splice(0)) client.close()
  for (const app of apps.splice(0)) await app.close()
})

/** One "process" on the shared database, with its own clock and refresh period when given. */
async function processOnSharedDatabase (devicePresence: DevicePresencePluginOptions = {}): Promise<App> {
  const app = await buildApp({ config: await testAppConfig({ DATABASE_URL: databaseUrl, DEMO_SEED: 'false' }), devicePresence })
  apps.push(app)
  await app.ready()
  return app
}

async function streamFrom (app: App, cookie: string): Promise<SseClient> {
  const base = await app.listen({ port: 0, host: '127.0.0.1' })
  const client = await SseClient.open(`${base}/api/events`, { cookie })
  clients.push(client)
  await client.next((message: SseMessage) => message.event === 'ready')
  return client
}

/** Whether `app`'s staff device list shows the device online. */
async function onlineOn (app: App, staff: string, deviceId: string): Promise<boolean> {
  const response = await app.inject({ method: 'GET', url: '/api/staff/devices', headers: { cookie: staff } })
  expect(response.statusCode, response.body).toBe(200)
  return response.json<Device[]>().find(device => device.id === deviceId)!.online
}

/** As if the tablet was last seen an hour ago: only a write made after this makes it online on another process. */
async function forgetSeen (app: App, deviceId: string): Promise<void> {
  await app.db.updateTable('devices').set({ last_seen_at: new Date(Date.now() - 3_600_000).toISOString() }).where('id', '=', deviceId).execute()
}

describe('device presence across processes (PostgreSQL)', () => {
  it('lists a tablet online on B as soon as its stream opens on A', async () => {
    const a = await processOnSharedDatabase()
    const b = await processOnSharedDatabase()
    const staffOnB = await loginStaff(b)
    const tablet = await pairedTablet(a, await loginStaff(a))
    // A request just now: A's request-time last_seen_at write is throttled when the stream opens.
    expect((await a.inject({ method: 'GET', url: '/api/devices/me', headers: { cookie: tablet.cookie } })).statusCode).toBe(200)
    await forgetSeen(a, tablet.deviceId)
    expect(await onlineOn(b, staffOnB, tablet.deviceId)).toBe(false)

    await streamFrom(a, tablet.cookie)
    expect(b.devicePresence.isStreaming(tablet.deviceId)).toBe(false)
    // Well before A's first periodic refresh (PRESENCE_REFRESH_MS).
    await pollUntil(() => onlineOn(b, staffOnB, tablet.deviceId), { what: 'B to list the tablet online' })
  })

  it('keeps it online on B while it streams from A, and offline once the stream closed and the grace passed', async () => {
    const a = await processOnSharedDatabase({ refreshMs: 50 })
    let bAheadMs = 0
    const b = await processOnSharedDatabase({ now: () => Date.now() + bAheadMs })
    const staffOnB = await loginStaff(b)
    const tablet = await pairedTablet(a, await loginStaff(a))
    const stream = await streamFrom(a, tablet.cookie)
    await pollUntil(() => onlineOn(b, staffOnB, tablet.deviceId), { what: 'B to list the tablet online' })

    // An hour of streaming without a single request: A's refresh alone keeps last_seen_at fresh.
    await forgetSeen(a, tablet.deviceId)
    await pollUntil(() => onlineOn(b, staffOnB, tablet.deviceId), { what: 'A to refresh last_seen_at' })

    stream.close()
    await pollUntil(() => !a.devicePresence.isStreaming(tablet.deviceId), { what: 'A to see the stream closed' })
    // Within the grace: a tablet reconnecting does not flicker offline.
    expect(await onlineOn(b, staffOnB, tablet.deviceId)).toBe(true)
    bAheadMs = ONLINE_GRACE_MS + 1_000
    expect(await onlineOn(b, staffOnB, tablet.deviceId)).toBe(false)
  })
})
