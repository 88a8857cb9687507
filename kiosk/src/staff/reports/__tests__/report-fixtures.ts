// Server-shaped reports for the reports' specs: a sales report of any range, a day's Z-report, a reconciliation.
import type { DayReport, Reconciliation, SalesReport } from '@shared/schemas/reports'
import { addDays, daysIn, isoWeekday } from '../report-dates'

const text = (en: string, zh: string) => ({ en, 'zh-CN': zh })

/** Every day of the range with 2 orders of ¥50.00 (lunch at 12:00), one dish and one table; a refund of ¥10.00 on the first day. */
export function salesReport (from: string, to: string, overrides: Partial<SalesReport> = {}): SalesReport {
  const days = daysIn({ from, to })
  const dates = Array.from({ length: days }, (_, index) => addDays(from, index))
  const orders = days * 2
  const gross = days * 10_000
  return {
    currency: 'CNY',
    timezone: 'Asia/Shanghai',
    from,
    to,
    totals: {
      orders,
      gross,
      refunds: 1_000,
      net: gross - 1_000,
      averageOrder: 5_000,
      byChannel: [{ channel: 'tablet', orders: orders - 1, gross: gross - 5_000 }, { channel: 'phone', orders: 1, gross: 5_000 }],
      diners: { unique: 1, returning: 0 },
    },
    byDay: dates.map((date, index) => ({ date, orders: 2, gross: 10_000, refunds: index === 0 ? 1_000 : 0, net: index === 0 ? 9_000 : 10_000 })),
    byHour: Array.from({ length: 24 }, (_, hour) => ({ hour, orders: hour === 12 ? orders : 0, gross: hour === 12 ? gross : 0 })),
    byWeekday: Array.from({ length: 7 }, (_, index) => {
      const count = dates.filter(date => isoWeekday(date) === index + 1).length
      return { weekday: index + 1, orders: count * 2, gross: count * 10_000 }
    }),
    byItem: [
      { itemId: 'mapo', names: text('Mapo tofu', '麻婆豆腐'), quantity: orders, gross: gross - 2_400 },
      { itemId: 'tea', names: text('Jasmine tea', '茉莉花茶'), quantity: 2, gross: 2_400 },
    ],
    byCategory: [{ categoryId: 'hot', names: text('Hot dishes', '热菜'), quantity: orders, gross }],
    byTable: [{ tableId: 'tbl_5', label: 'Table 5', orders, gross, checks: orders }],
    byMethod: [{ method: 'alipay_qr', payments: orders - 1, amount: gross - 5_000, refunds: 1_000 }, { method: 'alipay_jsapi', payments: 1, amount: 5_000, refunds: 0 }],
    soldOut: [{ itemId: 'duck', names: text('Roast duck', '烤鸭'), at: `${from}T04:00:00.000Z`, until: null }],
    ...overrides,
  }
}

export const MANAGER_NAME = 'Mei'

export function dayReport (date: string, overrides: Partial<DayReport> = {}): DayReport {
  return {
    date,
    currency: 'CNY',
    timezone: 'Asia/Shanghai',
    storeName: 'Golden Lotus',
    figures: {
      totals: { orders: 2, gross: 10_000, refunds: 1_000, net: 9_000 },
      byMethod: [{ method: 'alipay_qr', payments: 2, amount: 10_000, refunds: 1_000 }],
      refunds: [{ refundId: 'ref_1', orderNumber: 42, amount: 1_000, reason: 'Cold soup', at: `${date}T05:00:00.000Z`, staffName: MANAGER_NAME, againstSales: true }],
      cancelled: [{ orderId: 'ord_9', orderNumber: 43, tableLabel: 'Table 5', total: 3_800, reason: 'Diner left', at: `${date}T06:00:00.000Z` }],
      openChecks: [{ checkId: 'chk_1', tableLabel: 'Table 7', openedAt: `${date}T10:00:00.000Z`, total: 8_800, due: 8_800 }],
      unpaidOrders: [{ orderId: 'ord_10', orderNumber: 44, tableLabel: 'Table 7', total: 8_800, status: 'placed', placedAt: `${date}T10:05:00.000Z` }],
    },
    closed: null,
    changedSinceClose: false,
    history: [],
    generatedAt: `${date}T14:00:00.000Z`,
    ...overrides,
  }
}

export function reconciliation (date: string, overrides: Partial<Reconciliation> = {}): Reconciliation {
  return {
    date,
    status: 'not_run',
    checkedAt: null,
    counts: { matched: 0, onlyAtAlipay: 0, onlyHere: 0, amountDiffers: 0, refundDiffers: 0 },
    mismatches: [],
    reason: null,
    ...overrides,
  }
}
