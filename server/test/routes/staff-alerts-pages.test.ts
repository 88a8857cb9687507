// GET /api/staff/alerts comes in pages (newest first) with a cursor, so a flood of alerts stays cheap to read.
import { describe, expect, it } from 'vitest'
import { buildEmptyApp, loginStaff } from '../auth-helpers.js'
import type { App } from '../../src/app.js'
import { ALERT_PAGE_DEFAULT_LIMIT, ALERT_PAGE_MAX_LIMIT, AlertKindEnum, type AlertPage } from '#shared/schemas/alert.js'

/** `count` alerts, several sharing each timestamp (as alerts raised in the same millisecond do). */
async function insertAlerts (app: App, count: number, acknowledgedEvery = 0): Promise<void> {
  const rows = Array.from({ length: count }, (_, i) => ({
    id: `alert_${String(i).padStart(4, '0')}`,
    kind: AlertKindEnum.PAYMENT_UNKNOWN,
    severity: 'warning',
    payment_id: null,
    order_id: null,
    detail: '{}',
    created_at: new Date(Date.UTC(2030, 0, 1, 12, 0, Math.floor(i / 3))).toISOString(),
    acknowledged_at: acknowledgedEvery && i % acknowledgedEvery === 0 ? '2030-01-02T00:00:00.000Z' : null,
    acknowledged_by: null,
  }))
  await app.db.insertInto('alerts').values(rows).execute()
}

async function page (app: App, staff: string, query: string): Promise<AlertPage> {
  const response = await app.inject({ method: 'GET', url: `/api/staff/alerts${query}`, headers: { cookie: staff } })
  expect(response.statusCode, response.body).toBe(200)
  return response.json<AlertPage>()
}

describe('GET /api/staff/alerts pages', () => {
  it('walks every alert once, newest first, through nextCursor', async () => {
    const app = await buildEmptyApp()
    const staff = await loginStaff(app)
    await insertAlerts(app, 11)
    const seen: string[] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const next: AlertPage = await page(app, staff, `?limit=4${cursor ? `&before=${encodeURIComponent(cursor)}` : ''}`)
      expect(next.alerts.length).toBeLessThanOrEqual(4)
      seen.push(...next.alerts.map(alert => alert.id))
      cursor = next.nextCursor
      pages++
    } while (cursor)
    expect(pages).toBe(3)
    const expected = Array.from({ length: 11 }, (_, i) => `alert_${String(10 - i).padStart(4, '0')}`)
    expect(seen).toEqual(expected)
  })

  it(`gives ${ALERT_PAGE_DEFAULT_LIMIT} by default, open ones only unless all=true`, async () => {
    const app = await buildEmptyApp()
    const staff = await loginStaff(app)
    await insertAlerts(app, 70, 10)
    const first = await page(app, staff, '')
    expect(first.alerts).toHaveLength(ALERT_PAGE_DEFAULT_LIMIT)
    expect(first.alerts.every(alert => alert.acknowledgedAt === null)).toBe(true)
    const rest = await page(app, staff, `?before=${encodeURIComponent(first.nextCursor!)}`)
    expect(rest.alerts).toHaveLength(63 - ALERT_PAGE_DEFAULT_LIMIT)
    expect(rest.nextCursor).toBeNull()
    const everything = await page(app, staff, `?all=true&limit=${ALERT_PAGE_MAX_LIMIT}`)
    expect(everything.alerts).toHaveLength(70)
    expect(everything.nextCursor).toBeNull()
  })

  it.each([
    ['a limit above the maximum', `?limit=${ALERT_PAGE_MAX_LIMIT + 1}`, 'VALIDATION_FAILED'],
    ['a zero limit', '?limit=0', 'VALIDATION_FAILED'],
    ['a cursor it did not give', '?before=bm90LWEtY3Vyc29y', 'INVALID_CURSOR'],
    ['a cursor with a forged id', `?before=${Buffer.from('2030-01-01T12:00:00.000Z|x\' OR 1=1').toString('base64url')}`, 'INVALID_CURSOR'],
  ])('refuses %s with 400', async (_case, query, code) => {
    const app = await buildEmptyApp()
    const staff = await loginStaff(app)
    const response = await app.inject({ method: 'GET', url: `/api/staff/alerts${query}`, headers: { cookie: staff } })
    expect(response.statusCode).toBe(400)
    expect(response.json().code).toBe(code)
  })
})
