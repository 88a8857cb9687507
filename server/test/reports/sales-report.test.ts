// GET /api/staff/reports/sales against figures worked out by hand: the store's days in Beijing time (an order
// paid at 15:59:59Z is the day's last, one at 16:00:00Z the next day's first), refunds on the day they
// happened, an order sold then cancelled kept on its sale day (its refund undoes it), orders cancelled before
// they were sold and unpaid ones left out, automatic refunds kept off the sales, DST and :45 zones, a yen
// store, who may ask for what.
import { describe, expect, it } from 'vitest'
import type { App } from '../../src/app.js'
import { addStaff, loginStaff } from '../auth-helpers.js'
import { buildTestApp } from '../helper.js'
import { addDays, todayIn } from '../../src/reports/report-dates.js'
import { MAPO, RICE } from '../fixtures/orders.js'
import { availability, check, diner, sale, table } from './sales-fixtures.js'
import type { SalesReport } from '#shared/schemas/reports.js'

async function report (app: App, cookie: string, query: string): Promise<{ status: number, body: SalesReport & { code?: string } }> {
  const response = await app.inject({ method: 'GET', url: `/api/staff/reports/sales?${query}`, headers: { cookie } })
  return { status: response.statusCode, body: response.json() }
}

async function categoryOf (app: App, itemId: string): Promise<string> {
  return (await app.db.selectFrom('items').select('category_id').where('id', '=', itemId).executeTakeFirstOrThrow()).category_id
}

describe('the sales report', () => {
  it('adds up two Beijing days by hand', async () => {
    const app = await buildTestApp()
    const manager = await loginStaff(app)
    const [t1, t2] = [await table(app, 'Window 1'), await table(app, 'Booth 2')]
    const [d1, d2, d3] = [await diner(app, 'hash-d1'), await diner(app, 'hash-d2'), await diner(app, 'hash-d3')]
    const rice = (quantity: number) => ({ itemId: RICE.itemId, quantity, unitPrice: RICE.price })
    const mapo = (quantity: number) => ({ itemId: MAPO.itemId, quantity, unitPrice: MAPO.price })
    const t2Check = await check(app, t2)

    // Counted: O1 (03-01 23:59:59 local), O2 (03-02 00:00:00 local), O8, O9, O10, and O3 (sold 03-01, cancelled since).
    await sale(app, { number: 1, tableId: t1, checkId: await check(app, t1), paidAt: '2026-03-01T15:59:59.000Z', lines: [rice(2), mapo(1)], payments: [{ method: 'alipay_qr', paidAt: '2026-03-01T15:59:59.000Z' }] })
    await sale(app, {
      number: 2, tableId: t2, checkId: t2Check, dinerId: d1, paidAt: '2026-03-01T16:00:00.000Z', lines: [mapo(2)],
      payments: [{ method: 'alipay_jsapi', paidAt: '2026-03-01T16:00:00.000Z', checkPayment: true }],
      refunds: [{ amount: 1000, at: '2026-03-02T02:00:00.000Z' }],
    })
    await sale(app, { number: 8, tableId: t1, checkId: await check(app, t1), dinerId: d2, paidAt: '2026-03-01T05:00:00.000Z', lines: [rice(1)], payments: [{ method: 'alipay_jsapi', paidAt: '2026-03-01T05:00:00.000Z' }] })
    // O9 was paid twice: Tablepad refunded the second payment by itself (not a sale, so not against sales).
    await sale(app, {
      number: 9, tableId: t1, checkId: await check(app, t1), dinerId: d2, paidAt: '2026-03-02T05:00:00.000Z', lines: [rice(2)],
      payments: [{ method: 'alipay_jsapi', paidAt: '2026-03-02T05:00:00.000Z' }, { method: 'alipay_jsapi', paidAt: '2026-03-02T05:01:00.000Z', status: 'refunded' }],
      refunds: [{ amount: 600, at: '2026-03-02T05:02:00.000Z', payment: 1, automatic: true }],
    })
    await sale(app, { number: 10, tableId: t2, checkId: t2Check, dinerId: d3, paidAt: '2026-03-02T06:30:00.000Z', lines: [mapo(1)], payments: [{ method: 'alipay_jsapi', paidAt: '2026-03-02T06:30:00.000Z' }] })
    // O3: sold on 03-01, then cancelled and refunded in full the next day: in 03-01's gross, its refund on 03-02.
    await sale(app, {
      number: 3, tableId: t1, status: 'cancelled', paidAt: '2026-03-01T02:00:00.000Z', lines: [{ itemId: MAPO.itemId, quantity: 1, unitPrice: 5000 }],
      payments: [{ method: 'alipay_qr', paidAt: '2026-03-01T02:00:00.000Z', status: 'refunded' }], refunds: [{ amount: 5000, at: '2026-03-02T04:00:00.000Z' }],
    })
    // Not counted: O11, cancelled before it was sold, whose payment arrived afterwards and went back
    // automatically (in its method's takings and refunds only); unpaid, the day before (its refund on 03-01
    // counts), the day after, and diner 1's earlier visit.
    await sale(app, {
      number: 11, tableId: t2, status: 'cancelled', paidAt: null, lines: [rice(4)],
      payments: [{ method: 'alipay_qr', paidAt: '2026-03-01T07:00:00.000Z', status: 'refunded' }], refunds: [{ amount: 1_200, at: '2026-03-01T07:01:00.000Z', automatic: true }],
    })
    await sale(app, { number: 4, tableId: t1, paidAt: null, lines: [{ itemId: RICE.itemId, quantity: 3, unitPrice: 333 }] })
    await sale(app, {
      number: 5, tableId: t1, paidAt: '2026-02-28T15:59:59.000Z', lines: [rice(5)],
      payments: [{ method: 'alipay_qr', paidAt: '2026-02-28T15:59:59.000Z' }], refunds: [{ amount: 300, at: '2026-03-01T05:00:00.000Z' }],
    })
    await sale(app, { number: 6, tableId: t2, paidAt: '2026-03-02T16:00:00.000Z', lines: [mapo(3)], payments: [{ method: 'alipay_qr', paidAt: '2026-03-02T16:00:00.000Z' }] })
    await sale(app, { number: 7, tableId: t2, dinerId: d1, paidAt: '2026-02-20T04:00:00.000Z', lines: [rice(1)] })
    // Rice sold out for an hour on 03-01; mapo from 03-02 20:00 local until after the range; an older one.
    await availability(app, RICE.itemId, false, '2026-02-27T08:00:00.000Z')
    await availability(app, RICE.itemId, true, '2026-02-27T09:00:00.000Z')
    await availability(app, RICE.itemId, false, '2026-03-01T08:00:00.000Z')
    await availability(app, RICE.itemId, true, '2026-03-01T09:00:00.000Z')
    await availability(app, MAPO.itemId, false, '2026-03-02T12:00:00.000Z')
    await availability(app, MAPO.itemId, true, '2026-03-03T01:00:00.000Z')

    const { status, body } = await report(app, manager, 'from=2026-03-01&to=2026-03-02')
    expect(status, JSON.stringify(body)).toBe(200)
    expect(body).toMatchObject({ currency: 'CNY', timezone: 'Asia/Shanghai', from: '2026-03-01', to: '2026-03-02' })
    expect(body.totals).toEqual({
      orders: 6,
      gross: 19_300,
      // O5's 300, O2's 1000 and O3's 5000; not the automatic 600 (O9) and 1200 (O11).
      refunds: 6_300,
      net: 13_000,
      averageOrder: 3_217,
      byChannel: [{ channel: 'tablet', orders: 2, gross: 8_800 }, { channel: 'phone', orders: 4, gross: 10_500 }],
      // Diner 1 came on 02-20 too, diner 2 on both days; diner 3 once.
      diners: { unique: 3, returning: 2 },
    })
    expect(body.byDay).toEqual([
      { date: '2026-03-01', orders: 3, gross: 9_100, refunds: 300, net: 8_800 },
      { date: '2026-03-02', orders: 3, gross: 10_200, refunds: 6_000, net: 4_200 },
    ])
    expect(body.byHour).toHaveLength(24)
    expect(body.byHour.filter(hour => hour.orders > 0)).toEqual([
      { hour: 0, orders: 1, gross: 6_400 },
      { hour: 10, orders: 1, gross: 5_000 },
      { hour: 13, orders: 2, gross: 900 },
      { hour: 14, orders: 1, gross: 3_200 },
      { hour: 23, orders: 1, gross: 3_800 },
    ])
    expect(body.byWeekday).toEqual([1, 2, 3, 4, 5, 6, 7].map(weekday => ({
      weekday, orders: weekday === 1 || weekday === 7 ? 3 : 0, gross: weekday === 1 ? 10_200 : weekday === 7 ? 9_100 : 0,
    })))
    expect(body.byItem).toEqual([
      { itemId: MAPO.itemId, names: { en: 'Mapo Tofu', 'zh-CN': '麻婆豆腐' }, quantity: 5, gross: 17_800 },
      { itemId: RICE.itemId, names: { en: 'Steamed Jasmine Rice', 'zh-CN': '香米饭' }, quantity: 5, gross: 1_500 },
    ])
    const [mapoCategory, riceCategory] = [await categoryOf(app, MAPO.itemId), await categoryOf(app, RICE.itemId)]
    expect(body.byCategory.map(category => [category.categoryId, category.quantity, category.gross])).toEqual(
      mapoCategory === riceCategory ? [[mapoCategory, 10, 19_300]] : [[mapoCategory, 5, 17_800], [riceCategory, 5, 1_500]])
    expect(body.byTable).toEqual([
      { tableId: t1, label: 'Window 1', orders: 4, gross: 9_700, checks: 3 },
      { tableId: t2, label: 'Booth 2', orders: 2, gross: 9_600, checks: 1 },
    ])
    // Every refund went back through its method, the automatic ones too.
    expect(body.byMethod).toEqual([
      { method: 'alipay_jsapi', payments: 5, amount: 11_100, refunds: 1_600 },
      { method: 'alipay_qr', payments: 3, amount: 10_000, refunds: 6_500 },
    ])
    // Net is the money kept: all that was taken in the range, less all that went back.
    const kept = body.byMethod.reduce((sum, method) => sum + method.amount - method.refunds, 0)
    expect(kept).toBe(body.totals.net)
    expect(body.soldOut).toEqual([
      { itemId: RICE.itemId, names: expect.objectContaining({ en: 'Steamed Jasmine Rice' }), at: '2026-03-01T08:00:00.000Z', until: '2026-03-01T09:00:00.000Z' },
      { itemId: MAPO.itemId, names: expect.objectContaining({ en: 'Mapo Tofu' }), at: '2026-03-02T12:00:00.000Z', until: null },
    ])

    // Each day alone: the midnight order falls on one side only.
    expect((await report(app, manager, 'from=2026-03-01&to=2026-03-01')).body.totals).toMatchObject({ orders: 3, gross: 9_100, refunds: 300 })
    expect((await report(app, manager, 'from=2026-03-02&to=2026-03-02')).body.totals).toMatchObject({ orders: 3, gross: 10_200, refunds: 6_000 })
    // A range with nothing: every day, hour and weekday still there, with zeros.
    const empty = (await report(app, manager, 'from=2025-12-01&to=2025-12-31')).body
    expect(empty.byDay).toHaveLength(31)
    expect(empty.byDay.every(day => day.orders === 0 && day.gross === 0 && day.net === 0)).toBe(true)
    expect(empty.totals).toMatchObject({ orders: 0, gross: 0, averageOrder: 0, diners: { unique: 0, returning: 0 } })
    expect([empty.byHour.length, empty.byWeekday.length, empty.byItem, empty.byMethod, empty.soldOut]).toEqual([24, 7, [], [], []])
  })

  it('puts a DST day and a :45 zone\'s midnight on the right side', async () => {
    const newYork = await buildTestApp({ STORE_TIMEZONE: 'America/New_York' })
    const t = await table(newYork, 'T')
    // 2026-03-08 is 23 hours long: 00:00 EST = 05:00Z, 23:59 EDT = 03:59Z next day.
    await sale(newYork, { number: 1, tableId: t, paidAt: '2026-03-08T05:00:00.000Z', lines: [{ itemId: RICE.itemId, quantity: 1, unitPrice: 100 }] })
    await sale(newYork, { number: 2, tableId: t, paidAt: '2026-03-09T03:59:59.000Z', lines: [{ itemId: RICE.itemId, quantity: 1, unitPrice: 200 }] })
    await sale(newYork, { number: 3, tableId: t, paidAt: '2026-03-09T04:00:00.000Z', lines: [{ itemId: RICE.itemId, quantity: 1, unitPrice: 400 }] })
    const ny = (await report(newYork, await loginStaff(newYork), 'from=2026-03-08&to=2026-03-09')).body
    expect(ny.byDay.map(day => [day.date, day.gross])).toEqual([['2026-03-08', 300], ['2026-03-09', 400]])
    expect(ny.byHour.filter(hour => hour.gross > 0)).toEqual([{ hour: 0, orders: 2, gross: 500 }, { hour: 23, orders: 1, gross: 200 }])

    const kathmandu = await buildTestApp({ STORE_TIMEZONE: 'Asia/Kathmandu' })
    const k = await table(kathmandu, 'K')
    // +05:45: 2026-03-01 begins at 2026-02-28T18:15:00Z.
    await sale(kathmandu, { number: 1, tableId: k, paidAt: '2026-02-28T18:14:59.000Z', lines: [{ itemId: RICE.itemId, quantity: 1, unitPrice: 100 }] })
    await sale(kathmandu, { number: 2, tableId: k, paidAt: '2026-02-28T18:15:00.000Z', lines: [{ itemId: RICE.itemId, quantity: 1, unitPrice: 200 }] })
    const ktm = (await report(kathmandu, await loginStaff(kathmandu), 'from=2026-02-28&to=2026-03-01')).body
    expect(ktm.byDay.map(day => [day.date, day.gross])).toEqual([['2026-02-28', 100], ['2026-03-01', 200]])
    expect(ktm.byHour.filter(hour => hour.gross > 0).map(hour => [hour.hour, hour.gross])).toEqual([[0, 200], [23, 100]])
  })

  it('sums a year\'s dishes, the range\'s first and last instants included', async () => {
    const app = await buildTestApp()
    const t = await table(app, 'T')
    const paid = ['2025-12-31T16:00:00.000Z', '2026-02-01T03:00:00.000Z', '2026-06-30T10:00:00.000Z', '2026-12-31T15:59:59.000Z']
    for (const [index, paidAt] of paid.entries()) {
      await sale(app, { number: index + 1, tableId: t, paidAt, lines: [{ itemId: RICE.itemId, quantity: index + 1, unitPrice: 300 }, { itemId: MAPO.itemId, quantity: 1, unitPrice: 3200 }] })
    }
    const body = (await report(app, await loginStaff(app), 'from=2026-01-01&to=2026-12-31')).body
    expect(body.byDay).toHaveLength(365)
    expect(body.totals).toMatchObject({ orders: 4, gross: 10 * 300 + 4 * 3200 })
    expect(body.byItem.map(item => [item.itemId, item.quantity, item.gross])).toEqual([[MAPO.itemId, 4, 12_800], [RICE.itemId, 10, 3_000]])
    expect([body.byDay[0]!.orders, body.byDay[364]!.orders]).toEqual([1, 1])
  })

  it('reports a yen store in whole yen', async () => {
    const app = await buildTestApp({ STORE_CURRENCY: 'JPY', ALIPAY_PROTOCOL: 'global' })
    const t = await table(app, 'T')
    await sale(app, { number: 1, tableId: t, paidAt: '2026-03-01T03:00:00.000Z', lines: [{ itemId: RICE.itemId, quantity: 3, unitPrice: 350 }], payments: [{ method: 'alipay_qr', paidAt: '2026-03-01T03:00:00.000Z' }], refunds: [{ amount: 350, at: '2026-03-01T04:00:00.000Z' }] })
    await sale(app, { number: 2, tableId: t, paidAt: '2026-03-01T05:00:00.000Z', lines: [{ itemId: RICE.itemId, quantity: 1, unitPrice: 1001 }] })
    const body = (await report(app, await loginStaff(app), 'from=2026-03-01&to=2026-03-01')).body
    // (1050 + 1001) / 2 = 1025.5 yen: rounded to a whole yen, the smallest unit.
    expect(body).toMatchObject({ currency: 'JPY', totals: { orders: 2, gross: 2_051, refunds: 350, net: 1_701, averageOrder: 1_026 } })
  })
})

describe('who may ask, and bad ranges', () => {
  it('answers 400 with a code for dates and ranges that cannot be reported', async () => {
    const app = await buildTestApp({ DEMO_SEED: 'false' })
    const manager = await loginStaff(app)
    const cases: Array<[string, string]> = [
      ['from=2026-02-30&to=2026-03-01', 'REPORT_DATE_INVALID'],
      ['from=2026-3-1&to=2026-03-01', 'REPORT_DATE_INVALID'],
      ['from=2026-03-01', 'REPORT_DATE_INVALID'],
      ['from=2026-03-01&to=yesterday', 'REPORT_DATE_INVALID'],
      ['from=2026-03-02&to=2026-03-01', 'REPORT_RANGE_INVALID'],
      ['from=2025-01-01&to=2026-01-02', 'REPORT_RANGE_TOO_LONG'],
    ]
    for (const [query, code] of cases) {
      const { status, body } = await report(app, manager, query)
      expect([query, status, body.code]).toEqual([query, 400, code])
    }
    // 366 days is the longest range, and a leap year is one.
    expect((await report(app, manager, 'from=2024-01-01&to=2024-12-31')).status).toBe(200)
    expect((await report(app, manager, 'from=2026-03-01&to=2026-03-01&format=xml')).status).toBe(400)
    expect((await report(app, manager, 'from=2026-03-01&to=2026-03-01&extra=1')).status).toBe(400)
    expect((await app.inject({ method: 'GET', url: '/api/staff/reports/sales?from=2026-03-01&to=2026-03-01' })).statusCode).toBe(401)
  })

  it('lets staff who are not managers see today only', async () => {
    const app = await buildTestApp({ DEMO_SEED: 'false' })
    const waiter = await addStaff(app, { name: 'Wei', role: 'staff', pin: '135790' })
    const today = todayIn(app.config.store.timezone)
    const yesterday = addDays(today, -1)
    expect((await report(app, waiter.cookie, `from=${today}&to=${today}`)).status).toBe(200)
    for (const query of [`from=${yesterday}&to=${yesterday}`, `from=${yesterday}&to=${today}`, `from=${today}&to=${addDays(today, 1)}`]) {
      const { status, body } = await report(app, waiter.cookie, query)
      expect([query, status, body.code]).toEqual([query, 403, 'STAFF_FORBIDDEN'])
    }
    const csv = await app.inject({ method: 'GET', url: `/api/staff/reports/sales?from=${yesterday}&to=${yesterday}&format=csv`, headers: { cookie: waiter.cookie } })
    expect(csv.statusCode).toBe(403)
  })
})
