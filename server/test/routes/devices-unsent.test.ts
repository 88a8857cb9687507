// Tablets report unsent orders and their app version; the staff device list shows them and hears changes at once.
import { afterEach, describe, expect, it } from 'vitest'
import { SseClient } from '../sse-client.js'
import { buildEmptyApp, loginStaff, pairedTablet, registerTablet } from '../auth-helpers.js'
import { recordEvents } from '../fixtures/orders.js'
import type { App } from '../../src/app.js'
import type { Device } from '#shared/schemas/device.js'

const clients: SseClient[] = []
afterEach(() => { for (const client of clients.splice(0)) client.close() })

async function staffView (app: App, staff: string, deviceId: string): Promise<Device> {
  const list = (await app.inject({ method: 'GET', url: '/api/staff/devices', headers: { cookie: staff } })).json<Device[]>()
  const device = list.find(candidate => candidate.id === deviceId)
  if (!device) throw new Error(`device ${deviceId} not listed`)
  return device
}

function me (app: App, cookie: string, headers: Record<string, string> = {}) {
  return app.inject({ method: 'GET', url: '/api/devices/me', headers: { cookie, ...headers } })
}

describe('x-unsent-orders and x-app-version', () => {
  it('are recorded from GET /api/devices/me; staff see them and hear device.changed at once, every change', async () => {
    const app = await buildEmptyApp()
    const staff = await loginStaff(app)
    // Paired: an outbox exists only on a tablet of a store (an unclaimed tablet's reports are listed, not pushed).
    const tablet = await pairedTablet(app, staff)
    expect(await staffView(app, staff, tablet.deviceId)).toMatchObject({ unsentOrders: null, appVersion: null })

    // On PostgreSQL events arrive through the shared log, a moment later: let them all arrive first.
    const events = await recordEvents(app)
    expect((await me(app, tablet.cookie, { 'x-unsent-orders': '3', 'x-app-version': '1.4.0' })).statusCode).toBe(200)
    expect(await staffView(app, staff, tablet.deviceId)).toMatchObject({ unsentOrders: 3, appVersion: '1.4.0' })
    await app.events.settled()
    expect(events.map(event => [event.event, event.audience.kind])).toEqual([['device.changed', 'staff']])
    expect(events[0]!.data).toMatchObject({ id: tablet.deviceId, unsentOrders: 3, appVersion: '1.4.0' })

    // Right after (well inside the last-seen throttle): the outbox drained, and staff must know now.
    expect((await me(app, tablet.cookie, { 'x-unsent-orders': '0' })).statusCode).toBe(200)
    expect(await staffView(app, staff, tablet.deviceId)).toMatchObject({ unsentOrders: 0, appVersion: '1.4.0' })
    await app.events.settled()
    expect(events.map(event => (event.data as Device).unsentOrders)).toEqual([3, 0])

    // The same report again, or none at all, changes nothing and tells no one.
    await me(app, tablet.cookie, { 'x-unsent-orders': '0', 'x-app-version': '1.4.0' })
    await me(app, tablet.cookie)
    await app.events.settled()
    expect(events).toHaveLength(2)
    expect(await staffView(app, staff, tablet.deviceId)).toMatchObject({ unsentOrders: 0, appVersion: '1.4.0' })
  })

  it('are refused with 400 on /api/devices/me when malformed, and ignored on routes that do not declare them', async () => {
    const app = await buildEmptyApp()
    const staff = await loginStaff(app)
    const tablet = await registerTablet(app)
    await me(app, tablet.cookie, { 'x-unsent-orders': '2' })
    const malformed: Array<Record<string, string>> = [
      { 'x-unsent-orders': '-1' }, { 'x-unsent-orders': '1000' }, { 'x-unsent-orders': 'many' },
      { 'x-unsent-orders': '1.5' }, { 'x-unsent-orders': '' }, { 'x-unsent-orders': '007' }, { 'x-app-version': 'v'.repeat(41) },
    ]
    for (const headers of malformed) {
      const response = await me(app, tablet.cookie, headers)
      expect(response.statusCode, JSON.stringify(headers)).toBe(400)
      expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED' })
    }
    // Ordering must never fail over a diagnostic header: the menu still answers, the value is not taken.
    const menu = await app.inject({ method: 'GET', url: '/api/menu', headers: { cookie: tablet.cookie, 'x-unsent-orders': 'lots' } })
    expect(menu.statusCode).toBe(200)
    expect((await staffView(app, staff, tablet.deviceId)).unsentOrders).toBe(2)
    // …while a well-formed report on any device request is taken.
    await app.inject({ method: 'GET', url: '/api/menu', headers: { cookie: tablet.cookie, 'x-unsent-orders': '999' } })
    expect((await staffView(app, staff, tablet.deviceId)).unsentOrders).toBe(999)
  })
})

describe('GET /api/events', () => {
  it('takes the report from its query (EventSource cannot set headers) or from headers', async () => {
    const app = await buildEmptyApp()
    const staff = await loginStaff(app)
    const tablet = await registerTablet(app)
    const base = await app.listen({ host: '127.0.0.1', port: 0 })

    const byQuery = await SseClient.open(`${base}/api/events?unsentOrders=4&appVersion=2.0.1`, { cookie: tablet.cookie })
    clients.push(byQuery)
    await byQuery.next(message => message.event === 'ready')
    expect(await staffView(app, staff, tablet.deviceId)).toMatchObject({ unsentOrders: 4, appVersion: '2.0.1', online: true })
    byQuery.close()

    const byHeader = await SseClient.open(`${base}/api/events`, { cookie: tablet.cookie, 'x-unsent-orders': '1' })
    clients.push(byHeader)
    await byHeader.next(message => message.event === 'ready')
    expect(await staffView(app, staff, tablet.deviceId)).toMatchObject({ unsentOrders: 1, appVersion: '2.0.1' })

    for (const query of ['unsentOrders=1000', 'unsentOrders=-2', 'unsentOrders=some', 'appVersion=', 'outbox=3']) {
      await expect(SseClient.open(`${base}/api/events?${query}`, { cookie: tablet.cookie }), query).rejects.toThrow('status 400')
    }
    expect((await staffView(app, staff, tablet.deviceId)).unsentOrders).toBe(1)
  })
})
