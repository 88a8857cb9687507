// /api/staff/reports/days/:date: reading a day's Z-report, closing it (managers), reopening it with a
// reason, the history of both, and what the figures of a closed day are when something moves afterwards.
import { describe, expect, it } from 'vitest'
import type { App } from '../../src/app.js'
import { buildEmptyApp, loginStaff } from '../auth-helpers.js'
import { addDays, todayIn } from '../../src/reports/report-dates.js'
import { DAY, insertOrder, insertPayment, insertRefund, seedDay } from './day-fixtures.js'
import { createTable } from '../../src/repositories/tables.js'
import { ownerSession } from '../fixtures/stores.js'
import { OWNER_FALLBACK_NAME } from '../../src/repositories/business-days.js'
import type { DayReport } from '#shared/schemas/reports.js'

async function call (app: App, method: 'GET' | 'POST', url: string, cookie: string, payload?: object) {
  const response = await app.inject({ method, url: `/api/staff/reports${url}`, headers: { cookie }, ...(payload ? { payload } : {}) })
  return { status: response.statusCode, body: response.json<DayReport & { code?: string }>() }
}

describe('GET /api/staff/reports/days/:date', () => {
  it('gives any staff member the day\'s live figures while the day is open', async () => {
    const app = await buildEmptyApp({ STORE_NAME: 'Noodle Bar' })
    const { clerk } = await seedDay(app)
    const { status, body } = await call(app, 'GET', `/days/${DAY}`, clerk.cookie)
    expect(status).toBe(200)
    expect(body).toMatchObject({
      date: DAY, currency: 'CNY', timezone: 'Asia/Shanghai', storeName: 'Noodle Bar', closed: null, changedSinceClose: false, history: [],
    })
    expect(body.figures.totals).toEqual({ orders: 5, gross: 11580, refunds: 2300, net: 9280 })
    expect(Date.parse(body.generatedAt)).toBeGreaterThan(Date.now() - 60_000)
  })

  it('answers 400 REPORT_DATE_INVALID for what is not a calendar day, and 401 without a session', async () => {
    const app = await buildEmptyApp()
    const manager = await loginStaff(app)
    for (const date of ['2026-02-30', '2026-13-01', '2026-3-10', 'yesterday', '2026-03-10x']) {
      const { status, body } = await call(app, 'GET', `/days/${date}`, manager)
      expect({ date, status, code: body.code }).toEqual({ date, status: 400, code: 'REPORT_DATE_INVALID' })
    }
    expect((await call(app, 'POST', '/days/2026-02-29/close', manager)).body.code).toBe('REPORT_DATE_INVALID')
    expect((await call(app, 'GET', `/days/${DAY}`, '')).status).toBe(401)
  })
})

describe('closing and reopening a day', () => {
  it("shows a day the chain's owner closed as closed, by the owner (whom the store's staff list does not hold)", async () => {
    const app = await buildEmptyApp()
    const owner = await ownerSession(app, 'default', '555777', 'Chen')
    const table = await createTable(app.db, { label: 'T1' })
    const order = await insertOrder(app, { tableId: table.id, total: 900, status: 'paid', createdAt: '2026-03-10T02:00:00.000Z', paidAt: '2026-03-10T03:00:00.000Z' })
    const payment = await insertPayment(app, { orderId: order.id, method: 'alipay_qr', status: 'refunded', amount: 900, paidAt: '2026-03-10T03:00:00.000Z' })
    await insertRefund(app, { paymentId: payment, amount: 900, reason: 'Owner refunded', status: 'succeeded', succeededAt: '2026-03-10T03:30:00.000Z', staffId: owner.id })

    const closed = await call(app, 'POST', `/days/${DAY}/close`, owner.cookie)
    expect(closed.status).toBe(200)
    expect(closed.body.closed).toMatchObject({ staffId: owner.id, staffName: OWNER_FALLBACK_NAME })
    const report = await call(app, 'GET', `/days/${DAY}`, owner.cookie)
    expect(report.body.closed).toMatchObject({ staffId: owner.id, staffName: OWNER_FALLBACK_NAME })
    expect(report.body.history).toEqual([{ action: 'close', at: report.body.closed!.at, staffId: owner.id, staffName: OWNER_FALLBACK_NAME, reason: null }])
    // Asked for by someone (the owner), not Tablepad's own refund.
    expect(report.body.figures.refunds).toMatchObject([{ staffName: OWNER_FALLBACK_NAME }])
    expect((await call(app, 'POST', `/days/${DAY}/close`, owner.cookie)).body.code).toBe('DAY_ALREADY_CLOSED')
  })

  it('closes, reopens with a reason and closes again, keeping every step in the history', async () => {
    const app = await buildEmptyApp()
    const { managerId } = await seedDay(app)
    const manager = await loginStaff(app)

    const closed = await call(app, 'POST', `/days/${DAY}/close`, manager)
    expect(closed.status).toBe(200)
    expect(closed.body.closed).toMatchObject({ staffId: managerId, staffName: 'Manager' })
    expect(closed.body.history).toEqual([{ action: 'close', at: closed.body.closed!.at, staffId: managerId, staffName: 'Manager', reason: null }])
    expect((await call(app, 'POST', `/days/${DAY}/close`, manager)).body.code).toBe('DAY_ALREADY_CLOSED')

    const reopened = await call(app, 'POST', `/days/${DAY}/reopen`, manager, { reason: 'Refund missed at the counter' })
    expect(reopened.status).toBe(200)
    expect(reopened.body.closed).toBeNull()
    expect(reopened.body.history.map(entry => [entry.action, entry.reason])).toEqual([['close', null], ['reopen', 'Refund missed at the counter']])
    expect((await call(app, 'POST', `/days/${DAY}/reopen`, manager, { reason: 'again' })).body.code).toBe('DAY_NOT_CLOSED')

    const again = await call(app, 'POST', `/days/${DAY}/close`, manager)
    expect(again.status).toBe(200)
    expect(again.body.history.map(entry => entry.action)).toEqual(['close', 'reopen', 'close'])
    expect((await call(app, 'GET', `/days/${DAY}`, manager)).body).toMatchObject({ closed: again.body.closed, changedSinceClose: false })
  })

  it('keeps the figures recorded at the close, and says when a late refund changed the day', async () => {
    const app = await buildEmptyApp()
    const { ids, clerk } = await seedDay(app)
    const manager = await loginStaff(app)
    const atClose = (await call(app, 'POST', `/days/${DAY}/close`, manager)).body.figures
    expect(atClose.totals).toEqual({ orders: 5, gross: 11580, refunds: 2300, net: 9280 })

    // A refund that succeeded on the day, recorded only after the close (Alipay confirmed it late).
    await insertRefund(app, { paymentId: ids.p1!, amount: 300, reason: 'Late', status: 'succeeded', succeededAt: '2026-03-10T15:00:00.000Z', staffId: clerk.id })
    const late = (await call(app, 'GET', `/days/${DAY}`, manager)).body
    expect(late.changedSinceClose).toBe(true)
    expect(late.figures).toEqual(atClose)

    // Reopened: live again; closed again: the new figures are the record, unchanged since.
    expect((await call(app, 'POST', `/days/${DAY}/reopen`, manager, { reason: 'Late refund' })).body.figures.totals.refunds).toBe(2600)
    const reclosed = (await call(app, 'POST', `/days/${DAY}/close`, manager)).body
    expect(reclosed).toMatchObject({ changedSinceClose: false, figures: { totals: { refunds: 2600, net: 8980 } } })
  })

  it('does not count a check settled after the close as a change of the day', async () => {
    const app = await buildEmptyApp()
    const { ids } = await seedDay(app)
    const manager = await loginStaff(app)
    await call(app, 'POST', `/days/${DAY}/close`, manager)
    await app.db.updateTable('checks').set({ status: 'closed', closed_at: '2026-03-11T02:00:00.000Z' }).where('id', '=', ids.tab!).execute()
    await app.db.updateTable('orders').set({ paid_at: '2026-03-11T02:00:00.000Z' }).where('id', '=', ids.o9!).execute()
    const report = (await call(app, 'GET', `/days/${DAY}`, manager)).body
    expect(report.changedSinceClose).toBe(false)
    // Its sale belongs to the day it was settled.
    expect((await call(app, 'GET', '/days/2026-03-11', manager)).body.figures.totals.gross).toBe(2000)
  })

  it('lets only managers close and reopen (403), and a reopen needs a reason', async () => {
    const app = await buildEmptyApp()
    const { clerk } = await seedDay(app)
    const manager = await loginStaff(app)
    expect((await call(app, 'POST', `/days/${DAY}/close`, clerk.cookie)).body.code).toBe('STAFF_FORBIDDEN')
    await call(app, 'POST', `/days/${DAY}/close`, manager)
    expect((await call(app, 'POST', `/days/${DAY}/reopen`, clerk.cookie, { reason: 'mine' })).body.code).toBe('STAFF_FORBIDDEN')
    for (const body of [{}, { reason: '' }, { reason: 'x'.repeat(501) }, { reason: 'ok', extra: 1 }]) {
      const { status, body: answer } = await call(app, 'POST', `/days/${DAY}/reopen`, manager, body)
      expect({ status, code: answer.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' })
    }
    const history = (await call(app, 'GET', `/days/${DAY}`, clerk.cookie)).body.history
    expect(history.map(entry => entry.action)).toEqual(['close'])
  })

  it('closes today (the end of service) but not a day that has not begun in the store\'s time zone', async () => {
    const app = await buildEmptyApp({ STORE_TIMEZONE: 'Pacific/Kiritimati' })
    const manager = await loginStaff(app)
    const today = todayIn('Pacific/Kiritimati')
    const tomorrow = await call(app, 'POST', `/days/${addDays(today, 1)}/close`, manager)
    expect({ status: tomorrow.status, code: tomorrow.body.code }).toEqual({ status: 409, code: 'DAY_IN_FUTURE' })
    expect((await call(app, 'POST', `/days/${today}/close`, manager)).status).toBe(200)
  })

  it('lets exactly one of several racing closes through', async () => {
    const app = await buildEmptyApp()
    await seedDay(app)
    const manager = await loginStaff(app)
    const answers = await Promise.all(Array.from({ length: 6 }, () => call(app, 'POST', `/days/${DAY}/close`, manager)))
    expect(answers.filter(answer => answer.status === 200)).toHaveLength(1)
    expect(answers.filter(answer => answer.status === 409 && answer.body.code === 'DAY_ALREADY_CLOSED')).toHaveLength(5)
    expect(await app.db.selectFrom('business_day_log').select('action').execute()).toEqual([{ action: 'close' }])
  })
})
