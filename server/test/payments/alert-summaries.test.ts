// Summary alerts: one row per sender and window with a running count, a cap on senders, and a throttled live update.
import { afterEach, describe, expect, it } from 'vitest'
import { buildEmptyApp } from '../auth-helpers.js'
import { recordEvents } from '../fixtures/orders.js'
import { until } from './fixtures.js'
import type { App } from '../../src/app.js'
import {
  AlertSummaries, MAX_SOURCES_PER_WINDOW, SUMMARY_WINDOW_MS,
} from '../../src/payments/alert-summaries.js'
import { ALERT_SOURCE_MANY, AlertKindEnum, type Alert } from '#shared/schemas/alert.js'

const KIND = AlertKindEnum.NOTIFICATION_BAD_SIGNATURE
const made: AlertSummaries[] = []

afterEach(async () => { for (const summaries of made.splice(0)) await summaries.close() })

function summariesOf (app: App, options: ConstructorParameters<typeof AlertSummaries>[3] = {}): AlertSummaries {
  const summaries = new AlertSummaries(app.db, app.events, app.log, options)
  made.push(summaries)
  return summaries
}

async function details (app: App): Promise<Array<Record<string, unknown>>> {
  const rows = await app.db.selectFrom('alerts').select('detail').where('kind', '=', KIND).orderBy('created_at').execute()
  return rows.map(row => JSON.parse(row.detail) as Record<string, unknown>)
}

describe('AlertSummaries', () => {
  it('opens a new row after the window, and after staff acknowledged the open one', async () => {
    const app = await buildEmptyApp()
    let now = Date.parse('2030-01-01T12:00:00.000Z')
    const counter = summariesOf(app, { now: () => now })
    await counter.record({ kind: KIND, source: '10.0.0.1' })
    now += SUMMARY_WINDOW_MS - 1
    await counter.record({ kind: KIND, source: '10.0.0.1' })
    expect((await details(app)).map(detail => detail.count)).toEqual([2])
    now += 2
    const second = await counter.record({ kind: KIND, source: '10.0.0.1' })
    expect((await details(app)).map(detail => detail.count)).toEqual([2, 1])
    await app.alerts.acknowledge(second.id, 'stf_test')
    await counter.record({ kind: KIND, source: '10.0.0.1' })
    expect((await details(app)).map(detail => detail.count)).toEqual([2, 1, 1])
  })

  it(`keeps at most ${MAX_SOURCES_PER_WINDOW} senders apart per window; the rest share one row`, async () => {
    const app = await buildEmptyApp()
    const counter = summariesOf(app)
    for (let i = 0; i < MAX_SOURCES_PER_WINDOW + 30; i++) await counter.record({ kind: KIND, source: `2001:db8:${i}::` })
    const all = await details(app)
    expect(all).toHaveLength(MAX_SOURCES_PER_WINDOW + 1)
    expect(all.find(detail => detail.source === ALERT_SOURCE_MANY)).toMatchObject({ count: 30 })
    // A sender already counted keeps its own row.
    await counter.record({ kind: KIND, source: '2001:db8:0::' })
    expect((await details(app)).find(detail => detail.source === '2001:db8:0::')).toMatchObject({ count: 2 })
  })

  it('counts every one of many concurrent occurrences, from two processes\' counters, into one row', async () => {
    const app = await buildEmptyApp()
    // Two counters on one database stand for two server processes: neither's memory can order the writes.
    const counters = [summariesOf(app), summariesOf(app)]
    await Promise.all(Array.from({ length: 200 }, (_, i) =>
      counters[i % 2]!.record({ kind: KIND, source: '10.0.0.1', sample: { outTradeNo: `pay_${i}` } })))
    const all = await details(app)
    expect(all).toHaveLength(1)
    expect(all[0]).toMatchObject({ source: '10.0.0.1', count: 200, outTradeNo: expect.stringMatching(/^pay_\d+$/) })
  })

  it(`keeps the cap of ${MAX_SOURCES_PER_WINDOW} senders when they all arrive at once`, async () => {
    const app = await buildEmptyApp()
    const counter = summariesOf(app)
    const senders = MAX_SOURCES_PER_WINDOW + 15
    await Promise.all(Array.from({ length: senders }, (_, i) => counter.record({ kind: KIND, source: `10.1.0.${i}` })))
    const all = await details(app)
    expect(all).toHaveLength(MAX_SOURCES_PER_WINDOW + 1)
    expect(all.find(detail => detail.source === ALERT_SOURCE_MANY)).toMatchObject({ count: 15 })
    expect(all.reduce((sum, detail) => sum + Number(detail.count), 0)).toBe(senders)
  })

  it('tells the staff stream once when a summary opens, then at most once per interval, ending with the last count', async () => {
    const app = await buildEmptyApp()
    const events = await recordEvents(app)
    const counter = summariesOf(app, { publishIntervalMs: 200 })
    const started = Date.now()
    for (let i = 0; i < 50; i++) await counter.record({ kind: KIND, source: '10.0.0.1', sample: { outTradeNo: `pay_${i}` } })
    // On PostgreSQL events reach this process's subscribers through the log, a moment after publication.
    await app.events.settled()
    expect(events.filter(event => event.event === 'alert.raised')).toHaveLength(1)
    const last = await until(async () => events.map(event => event.data as Alert)
      .find(alert => alert.detail.count === 50), 5000, 'the final count on the stream')
    // The facts the console words the summary from: how many, and from where.
    expect(last.detail).toMatchObject({ outTradeNo: 'pay_49', source: '10.0.0.1', count: 50 })
    // However slow the machine, one update per interval at most (plus the trailing one).
    const updates = events.filter(event => event.event === 'alert.updated').length
    expect(updates).toBeLessThanOrEqual(Math.ceil((Date.now() - started) / 200) + 1)
  })

  it('publishes the count still waiting for its interval when the app closes, rather than dropping it', async () => {
    const app = await buildEmptyApp()
    const events = await recordEvents(app)
    // An interval no test waits for: only the close can publish the second count.
    const counter = summariesOf(app, { publishIntervalMs: 3_600_000 })
    await counter.record({ kind: KIND, source: '10.0.0.2' })
    await counter.record({ kind: KIND, source: '10.0.0.2' })
    await app.events.settled()
    expect(events.filter(event => event.event === 'alert.updated')).toEqual([])
    await counter.close()
    await app.events.settled()
    expect(events.filter(event => event.event === 'alert.updated').map(event => (event.data as Alert).detail.count)).toEqual([2])
  })
})
