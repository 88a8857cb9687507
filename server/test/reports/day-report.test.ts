// The Z-report's figures for a business day in the store's time zone, against sums worked out by hand
// (day-fixtures.ts): what counts as sold, refunded, cancelled and still open, at the day's exact edges.
import { describe, expect, it } from 'vitest'
import { buildEmptyApp } from '../auth-helpers.js'
import { dayFigures } from '../../src/reports/day-figures.js'
import { buildSalesReport } from '../../src/reports/sales-report.js'
import { DAY, insertOrder, seedDay } from './day-fixtures.js'

describe('day figures', () => {
  it('counts the day\'s sales, takings, refunds and cancellations, and lists what is still open', async () => {
    const app = await buildEmptyApp()
    const { ids, numbers } = await seedDay(app)

    const figures = await dayFigures(app.db, DAY, 'Asia/Shanghai')

    // #6, sold and then cancelled, stays in gross; only the refunds staff made count against it.
    expect(figures.totals).toEqual({ orders: 5, gross: 11580, refunds: 2300, net: 9280 })
    // The automatic refunds (#3's second payment, #8's late payment) went back through their methods.
    expect(figures.byMethod).toEqual([
      { method: 'alipay_qr', payments: 4, amount: 10280, refunds: 3500 },
      { method: 'alipay_jsapi', payments: 2, amount: 5000, refunds: 2500 },
      { method: 'none', payments: 1, amount: 0, refunds: 0 },
    ])
    // Net is the money the day kept: all it took, less all it gave back.
    expect(figures.byMethod.reduce((sum, method) => sum + method.amount - method.refunds, 0)).toBe(figures.totals.net)
    expect(figures.refunds).toEqual([
      { refundId: ids.rTwice, orderNumber: numbers.o3, amount: 2500, reason: 'Paid twice for the same order', at: '2026-03-10T04:03:00.000Z', staffName: null, againstSales: false },
      { refundId: ids.r1, orderNumber: numbers.o1, amount: 500, reason: 'Cold soup', at: '2026-03-10T05:00:00.000Z', staffName: 'Li', againstSales: true },
      { refundId: ids.r6, orderNumber: numbers.o6, amount: 1800, reason: 'Kitchen out of fish', at: '2026-03-10T10:01:00.000Z', staffName: 'Li', againstSales: true },
      { refundId: ids.rLate, orderNumber: numbers.o8, amount: 1200, reason: 'Order was cancelled before payment arrived', at: '2026-03-10T11:31:00.000Z', staffName: null, againstSales: false },
    ])
    expect(figures.cancelled).toEqual([
      { orderId: ids.o6, orderNumber: numbers.o6, tableLabel: 'T1', total: 1800, reason: 'Kitchen out of fish', at: '2026-03-10T10:00:00.000Z' },
      { orderId: ids.o8, orderNumber: numbers.o8, tableLabel: 'T2', total: 1200, reason: null, at: '2026-03-10T11:00:00.000Z' },
    ])
    expect(figures.openChecks).toEqual([
      { checkId: ids.tab, tableLabel: 'T1', openedAt: '2026-03-10T07:00:00.000Z', total: 2000, due: 2000 },
    ])
    expect(figures.unpaidOrders).toEqual([
      { orderId: ids.o7, orderNumber: numbers.o7, tableLabel: 'T2', total: 900, status: 'placed', placedAt: '2026-03-10T06:00:00.000Z' },
      { orderId: ids.o9, orderNumber: numbers.o9, tableLabel: 'T1', total: 2000, status: 'served', placedAt: '2026-03-10T07:00:00.000Z' },
    ])
  })

  it('puts the day\'s edges at local midnight: the day before and the day after get their own orders and refunds', async () => {
    const app = await buildEmptyApp()
    const { numbers } = await seedDay(app)

    const before = await dayFigures(app.db, '2026-03-09', 'Asia/Shanghai')
    expect(before.totals).toEqual({ orders: 1, gross: 1000, refunds: 0, net: 1000 })
    expect(before.byMethod).toEqual([{ method: 'alipay_qr', payments: 1, amount: 1000, refunds: 0 }])

    const after = await dayFigures(app.db, '2026-03-11', 'Asia/Shanghai')
    // A day with only a refund: net goes below zero.
    expect(after.totals).toEqual({ orders: 0, gross: 0, refunds: 3000, net: -3000 })
    expect(after.cancelled.map(order => order.orderNumber)).toEqual([numbers.o10])
    // T2's check opened at the 11th's first instant is open on the 11th, not on the 10th.
    expect(after.openChecks.map(check => check.tableLabel)).toEqual(['T1', 'T2'])
  })

  it('reads the same rows as another day in another time zone', async () => {
    const app = await buildEmptyApp()
    const { t1 } = (await seedDay(app)).tables
    // UTC: the 10th runs 00:00Z–24:00Z, so #1 (paid 2026-03-09T16:00Z) falls on the 9th there, and the
    // 3000 refund at 2026-03-10T16:00Z on the 10th.
    const utc = await dayFigures(app.db, DAY, 'UTC')
    expect(utc.totals).toEqual({ orders: 4, gross: 7300, refunds: 5300, net: 2000 })
    // Kolkata is UTC+5:30: its 10th starts 2026-03-09T18:30Z.
    await insertOrder(app, { tableId: t1, total: 111, status: 'paid', createdAt: '2026-03-09T18:29:59.999Z', paidAt: '2026-03-09T18:29:59.999Z' })
    await insertOrder(app, { tableId: t1, total: 222, status: 'paid', createdAt: '2026-03-09T18:30:00.000Z', paidAt: '2026-03-09T18:30:00.000Z' })
    const kolkata = await dayFigures(app.db, DAY, 'Asia/Kolkata')
    expect(kolkata.totals.gross).toBe(2500 + 3000 + 1800 + 222)
  })

  it('agrees with the sales report of the same day on totals and payment methods', async () => {
    const app = await buildEmptyApp()
    await seedDay(app)
    for (const timeZone of ['Asia/Shanghai', 'UTC']) {
      const figures = await dayFigures(app.db, DAY, timeZone)
      const sales = await buildSalesReport(app.db, { timezone: timeZone, currency: 'CNY' }, DAY, DAY)
      const { orders, gross, refunds, net } = sales.totals
      expect(figures.totals).toEqual({ orders, gross, refunds, net })
      expect(figures.byMethod).toEqual(sales.byMethod)
    }
  })

  it('is all zeros and empty lists on a quiet day', async () => {
    const app = await buildEmptyApp()
    expect(await dayFigures(app.db, DAY, 'Asia/Shanghai')).toEqual({
      totals: { orders: 0, gross: 0, refunds: 0, net: 0 }, byMethod: [], refunds: [], cancelled: [], openChecks: [], unpaidOrders: [],
    })
  })
})
