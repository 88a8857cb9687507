// GET /api/staff/reports/sales?format=csv: one row per line of the orders sold in the range, for a
// spreadsheet. Streamed: orders are read a page at a time (repositories/sales-report.ts) and csv-stringify
// writes and escapes the rows, so a year's file costs the memory of one page. UTF-8 with a BOM, so Excel
// opens Chinese dish names as Chinese; CRLF between rows (RFC 4180); a cell starting with = + - @ is
// prefixed with ' so no spreadsheet runs a dish name as a formula.
import { Readable, pipeline } from 'node:stream'
import { stringify } from 'csv-stringify'
import type { Db } from '../db/database.js'
import { exportLines, exportPayments, nextExportPage, tableLabels, type ExportPayment, type UtcRange } from '../repositories/sales-report.js'
import { localClock, localRangeBounds } from './report-dates.js'
import { NO_PAYMENT_METHOD, type ReportStore } from './sales-report.js'
import { toAlipayAmount } from '#shared/money.js'
import type { LocalizedText } from '#shared/schemas/common.js'
import type { OrderLineOption } from '#shared/schemas/order.js'

export type CsvLanguage = 'en' | 'zh-CN'

const HEADERS: Readonly<Record<CsvLanguage, readonly string[]>> = {
  en: ['Order number', 'Sold at', 'Table', 'Dish (English)', 'Dish (Chinese)', 'Options', 'Quantity', 'Unit price', 'Line total', 'Order total', 'Payment method', 'Alipay trade number'],
  'zh-CN': ['订单号', '售出时间', '桌台', '菜品（英文）', '菜品（中文）', '选项', '数量', '单价', '小计', '订单总额', '支付方式', '支付宝交易号'],
}

/** The file's name: tablepad-sales-<from>-<to>.csv. */
export function salesCsvFilename (from: string, to: string): string {
  return `tablepad-sales-${from}-${to}.csv`
}

/** Several values of one order in one cell (a check paid in parts has several trades). */
function joined (values: ReadonlyArray<string | null>): string {
  return [...new Set(values.filter((value): value is string => value !== null && value !== ''))].join('; ')
}

/** Caches a pure function of a string; bounded, so a menu edited all year cannot grow it without end. */
function memo<T> (compute: (key: string) => T, limit = 5000): (key: string) => T {
  const cache = new Map<string, T>()
  return (key) => {
    let value = cache.get(key)
    if (value === undefined) {
      if (cache.size >= limit) cache.clear()
      value = compute(key)
      cache.set(key, value)
    }
    return value
  }
}

/** What every line of one order repeats. */
interface OrderCells {
  id: string
  soldAt: string
  method: string
  tradeNumbers: string
}

/** The rows, page by page; the header comes from csv-stringify. */
async function * salesRows (db: Db, store: ReportStore, range: UtcRange, lang: CsvLanguage): AsyncGenerator<string[]> {
  const clock = localClock(Date.parse(range.startUtc), Date.parse(range.endUtc), store.timezone)
  const labels = await tableLabels(db)
  const money = (minor: number) => toAlipayAmount(minor, store.currency)
  // Lines repeat the same few dishes and option choices: each JSON snapshot is parsed once.
  const dishNames = memo((json: string) => JSON.parse(json) as LocalizedText)
  const optionCell = memo((json: string) => (JSON.parse(json) as OrderLineOption[]).map(option => option.names[lang]).join(', '))
  for (let page = await nextExportPage(db, range, null); page !== null; page = await nextExportPage(db, range, page.last)) {
    const payments = new Map<string, ExportPayment[]>()
    for (const payment of await exportPayments(db, range, page)) {
      const list = payments.get(payment.orderId)
      if (list) list.push(payment)
      else payments.set(payment.orderId, [payment])
    }
    let order: OrderCells | undefined
    for (const line of await exportLines(db, range, page)) {
      if (order === undefined || order.id !== line.orderId) {
        const paidWith: ExportPayment[] = payments.get(line.orderId) ?? []
        order = {
          id: line.orderId,
          // Local "YYYY-MM-DD HH:mm": the wall clock read as UTC, cut before the seconds.
          soldAt: new Date(clock(Date.parse(line.paidAt))).toISOString().slice(0, 16).replace('T', ' '),
          method: paidWith.length > 0 ? joined(paidWith.map(payment => payment.method)) : line.orderTotal === 0 ? NO_PAYMENT_METHOD : '',
          tradeNumbers: joined(paidWith.map(payment => payment.tradeNo)),
        }
      }
      const dish = dishNames(line.names)
      const options = optionCell(line.options)
      yield [
        String(line.number), order.soldAt, labels.get(line.tableId) ?? '', dish.en, dish['zh-CN'], options,
        String(line.quantity), money(line.unitPrice), money(line.lineTotal), money(line.orderTotal), order.method, order.tradeNumbers,
      ]
    }
  }
}

/**
 * The CSV of the store's days `from` … `to` (checked already) as a byte stream. A failure halfway (the
 * database gone) destroys the stream, so the download ends in error instead of a silently short file;
 * a client that goes away stops the reading.
 */
export function salesCsv (db: Db, store: ReportStore, from: string, to: string, lang: CsvLanguage): NodeJS.ReadableStream {
  const range = localRangeBounds(from, to, store.timezone)
  const csv = stringify({
    bom: true,
    header: true,
    columns: [...HEADERS[lang]],
    record_delimiter: 'windows',
    escape_formulas: true,
  })
  pipeline(Readable.from(salesRows(db, store, range, lang)), csv, () => {})
  return csv
}
