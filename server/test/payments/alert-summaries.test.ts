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
let summaries: AlertSummaries | undefined

afterEach(() => { summaries?.close() })

function summariesOf (app: App, options: ConstructorParameters<typeof AlertSummaries>[3] = {}): AlertSummaries {
  summaries = new AlertSummaries(app.db, app.events, app.log, options)
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

  it('tells the staff stream once when a summary opens, then at most once per interval, ending with the last count', async () => {
    const app = await buildEmptyApp()
    const events = recordEvents(app)
    const counter = summariesOf(app, { publishIntervalMs: 200 })
    const started = Date.now()
    for (let i = 0; i < 50; i++) await counter.record({ kind: KIND, source: '10.0.0.1', sample: { outTradeNo: `pay_${i}` } })
    expect(events.filter(event => event.event === 'alert.raised')).toHaveLength(1)
    const last = await until(async () => events.map(event => event.data as Alert)
      .find(alert => alert.detail.count === 50), 5000, 'the final count on the stream')
    // The facts the console words the summary from: how many, and from where.
    expect(last.detail).toMatchObject({ outTradeNo: 'pay_49', source: '10.0.0.1', count: 50 })
    // However slow the machine, one update per interval at most (plus the trailing one).
    const updates = events.filter(event => event.event === 'alert.updated').length
    expect(updates).toBeLessThanOrEqual(Math.ceil((Date.now() - started) / 200) + 1)
  })
})
