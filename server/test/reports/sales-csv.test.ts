// The sales CSV: one row per line of the sold orders, escaped by csv-stringify (commas, quotes, newlines,
// Chinese, formulas), UTF-8 with a BOM, amounts in the currency's decimals, headers in either language.
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import type { App } from '../../src/app.js'
import { loginStaff } from '../auth-helpers.js'
import { buildTestApp } from '../helper.js'
import { EXPORT_PAGE_ORDERS } from '../../src/repositories/sales-report.js'
import { MAPO, RICE } from '../fixtures/orders.js'
import { check, sale, table } from './sales-fixtures.js'

async function download (app: App, query: string): Promise<{ status: number, headers: Record<string, unknown>, bytes: Buffer }> {
  const response = await app.inject({ method: 'GET', url: `/api/staff/reports/sales?${query}&format=csv`, headers: { cookie: await loginStaff(app) } })
  return { status: response.statusCode, headers: response.headers, bytes: response.rawPayload }
}

function rows (bytes: Buffer): string[][] {
  return parse(bytes.subarray(3).toString('utf8'), { relax_column_count: false }) as string[][]
}

describe('the sales CSV', () => {
  it('writes every line of the sold orders, escaped, with a BOM and the store-local time', async () => {
    const app = await buildTestApp()
    const window = await table(app, 'Window, "east"')
    const tricky = { en: 'Fish, "spicy"\nstyle', 'zh-CN': '水煮鱼，麻辣\n大份' }
    await sale(app, {
      number: 41, tableId: window, checkId: await check(app, window), paidAt: '2026-03-01T15:59:59.000Z',
      lines: [
        { itemId: MAPO.itemId, quantity: 2, unitPrice: 3250, names: tricky, options: [{ en: 'Hot', 'zh-CN': '特辣' }, { en: 'Beef, minced', 'zh-CN': '牛肉末' }] },
        { itemId: RICE.itemId, quantity: 1, unitPrice: 300, names: { en: '=HYPERLINK("x")', 'zh-CN': '米饭' } },
      ],
      payments: [{ method: 'alipay_qr', paidAt: '2026-03-01T15:59:59.000Z', tradeNo: '2026030122001', checkPayment: true }],
    })
    await sale(app, { number: 42, tableId: window, paidAt: '2026-03-01T16:00:00.000Z', lines: [{ itemId: RICE.itemId, quantity: 1, unitPrice: 0 }] })
    // Sold, then cancelled and refunded: still a sale of its day (the refund is not a line). Cancelled before
    // it was sold, and unpaid: not in the file.
    await sale(app, {
      number: 43, tableId: window, status: 'cancelled', paidAt: '2026-03-01T10:00:00.000Z', lines: [{ itemId: RICE.itemId, quantity: 9, unitPrice: 300 }],
      payments: [{ method: 'alipay_qr', paidAt: '2026-03-01T10:00:00.000Z', status: 'refunded', tradeNo: '2026030122043' }], refunds: [{ amount: 2700, at: '2026-03-01T11:00:00.000Z' }],
    })
    await sale(app, { number: 44, tableId: window, paidAt: null, lines: [{ itemId: RICE.itemId, quantity: 9, unitPrice: 300 }] })
    await sale(app, { number: 45, tableId: window, status: 'cancelled', paidAt: null, lines: [{ itemId: RICE.itemId, quantity: 9, unitPrice: 300 }] })

    const { status, headers, bytes } = await download(app, 'from=2026-03-01&to=2026-03-02')
    expect(status).toBe(200)
    expect(headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(headers['content-disposition']).toBe('attachment; filename="tablepad-sales-2026-03-01-2026-03-02.csv"')
    expect([...bytes.subarray(0, 3)]).toEqual([0xEF, 0xBB, 0xBF])
    // RFC 4180 line ends; the newline inside a dish name stays inside its quoted cell.
    expect(bytes.toString('utf8')).toContain('"Fish, ""spicy""\nstyle"')
    expect(rows(bytes)).toEqual([
      ['Order number', 'Sold at', 'Table', 'Dish (English)', 'Dish (Chinese)', 'Options', 'Quantity', 'Unit price', 'Line total', 'Order total', 'Payment method', 'Alipay trade number'],
      ['43', '2026-03-01 18:00', 'Window, "east"', RICE.itemId, RICE.itemId, '', '9', '3.00', '27.00', '27.00', 'alipay_qr', '2026030122043'],
      ['41', '2026-03-01 23:59', 'Window, "east"', 'Fish, "spicy"\nstyle', '水煮鱼，麻辣\n大份', 'Hot, Beef, minced', '2', '32.50', '65.00', '68.00', 'alipay_qr', '2026030122001'],
      // A cell a spreadsheet would run as a formula is written as text.
      ['41', '2026-03-01 23:59', 'Window, "east"', '\'=HYPERLINK("x")', '米饭', '', '1', '3.00', '3.00', '68.00', 'alipay_qr', '2026030122001'],
      ['42', '2026-03-02 00:00', 'Window, "east"', RICE.itemId, RICE.itemId, '', '1', '0.00', '0.00', '0.00', 'none', ''],
    ])
    // Five records (header and four lines), each ended by CRLF.
    expect(bytes.toString('utf8').split('\r\n')).toHaveLength(5 + 1)

    const chinese = await download(app, 'from=2026-03-01&to=2026-03-01&lang=zh-CN')
    const [header, , first] = rows(chinese.bytes)
    expect(header).toEqual(['订单号', '售出时间', '桌台', '菜品（英文）', '菜品（中文）', '选项', '数量', '单价', '小计', '订单总额', '支付方式', '支付宝交易号'])
    expect(first![5]).toBe('特辣, 牛肉末')
    expect(rows(chinese.bytes)).toHaveLength(4)
  })

  it('pages through more orders than one read holds, in sold order, each exactly once', async () => {
    const app = await buildTestApp({ DEMO_SEED: 'false' })
    const t = await table(app, 'T')
    const count = EXPORT_PAGE_ORDERS + 7
    // Many orders share a paid_at: the keyset (paid_at, number) must neither skip nor repeat them.
    for (let number = 1; number <= count; number++) {
      const second = String(Math.floor(number / 3) % 60).padStart(2, '0')
      await sale(app, { number, tableId: t, paidAt: `2026-03-01T0${Math.floor(number / 180)}:00:${second}.000Z`, lines: [{ itemId: 'dish_x', quantity: 1, unitPrice: number }] })
    }
    const body = rows((await download(app, 'from=2026-03-01&to=2026-03-01')).bytes).slice(1)
    expect(body.map(row => Number(row[0])).sort((a, b) => a - b)).toEqual(Array.from({ length: count }, (_, index) => index + 1))
    const times = body.map(row => row[1]!)
    expect(times).toEqual([...times].sort())
  })

  it('writes yen without decimals', async () => {
    const app = await buildTestApp({ STORE_CURRENCY: 'JPY', ALIPAY_PROTOCOL: 'global', DEMO_SEED: 'false' })
    const t = await table(app, 'T')
    await sale(app, { number: 1, tableId: t, paidAt: '2026-03-01T03:00:00.000Z', lines: [{ itemId: 'dish_x', quantity: 3, unitPrice: 350 }] })
    const [, line] = rows((await download(app, 'from=2026-03-01&to=2026-03-01')).bytes)
    expect(line!.slice(6, 10)).toEqual(['3', '350', '1050', '1050'])
  })
})
