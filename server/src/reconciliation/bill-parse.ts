// Reads Alipay's trade bill: a zip holding `<pid>_<yyyymmdd>_业务明细.csv` (one line per trade and refund) and
// `…_业务明细(汇总).csv` (totals), GBK-encoded, '#' comment lines around a header row, values padded with tabs.
import { parse } from 'csv-parse/sync'
import { unzipSync } from 'fflate'
import iconv from 'iconv-lite'
import { fromAlipayAmount } from '#shared/money.js'
import { BillError, BillFailureEnum } from './errors.js'

/** One trade or refund line of the bill; amounts in fen, always positive (refunds are negative in the file). */
export interface BillLine {
  kind: 'trade' | 'refund'
  /** 支付宝交易号 */
  tradeNo: string
  /** 商户订单号: our payment's out_trade_no. */
  outTradeNo: string
  /** 退款批次号/请求号, refunds only (Alipay's default, the out_trade_no, when the merchant sent none). */
  outRequestNo: string | null
  /** 订单金额（元） of a trade; the refunded amount of a refund. */
  amount: number
  /** 完成时间, Beijing time as written. */
  completedAt: string
}

export const COLUMNS = {
  tradeNo: '支付宝交易号',
  outTradeNo: '商户订单号',
  type: '业务类型',
  completedAt: '完成时间',
  amount: '订单金额（元）',
  outRequestNo: '退款批次号/请求号',
} as const

const TYPES: Readonly<Record<string, BillLine['kind']>> = { 交易: 'trade', 退款: 'refund' }

/** Unzipped, the CSVs are larger than the zip: refuse a file that would unpack into more than this. */
const MAX_CSV_BYTES = 100 * 1024 * 1024

export function parseTradeBill (zip: Uint8Array): BillLine[] {
  return parseDetailCsv(detailCsvText(zip))
}

/** The detail CSV's text, decoded from GBK. */
export function detailCsvText (zip: Uint8Array): string {
  let files: Record<string, Uint8Array>
  try {
    files = unzipSync(zip, { filter: file => /\.csv$/i.test(file.name) && file.originalSize <= MAX_CSV_BYTES })
  } catch (error) {
    throw new BillError(BillFailureEnum.BILL_UNREADABLE, `the bill is not a readable zip: ${(error as Error).message}`, { cause: error })
  }
  const texts = Object.values(files).map(bytes => iconv.decode(Buffer.from(bytes), 'gb18030'))
  // Chosen by content, not by name: Alipay writes the names in GBK without the zip's UTF-8 flag, so they read
  // differently from one unzipper to the next; only the detail file has the trade number column.
  const detail = texts.find(text => headerOf(text)?.includes(COLUMNS.tradeNo) === true)
  if (detail === undefined) throw new BillError(BillFailureEnum.BILL_UNREADABLE, 'the zip holds no trade detail CSV (业务明细)')
  return detail
}

export function parseDetailCsv (text: string): BillLine[] {
  let rows: string[][]
  try {
    // '#' starts a comment only at the start of a line: a dish name or subject may contain one ("Table #3").
    rows = parse(text, { bom: true, comment: '#', comment_no_infix: true, trim: true, relax_column_count: true, skip_empty_lines: true })
  } catch (error) {
    throw new BillError(BillFailureEnum.BILL_MALFORMED, `the detail CSV does not parse: ${(error as Error).message}`, { cause: error })
  }
  const [header, ...lines] = rows.map(row => row.map(cell => cell.trim()))
  if (header === undefined) throw new BillError(BillFailureEnum.BILL_MALFORMED, 'the detail CSV has no header')
  const at = columnIndexes(header)
  const result: BillLine[] = []
  lines.forEach((row, index) => {
    const kind = TYPES[row[at.type] ?? '']
    // Other business types (none for a Face-to-Face merchant) are not trades or refunds of ours.
    if (kind === undefined) return
    const outTradeNo = row[at.outTradeNo] ?? ''
    if (outTradeNo === '') throw new BillError(BillFailureEnum.BILL_MALFORMED, `line ${index + 1} has no 商户订单号`)
    const requestNo = row[at.outRequestNo] ?? ''
    result.push({
      kind,
      tradeNo: row[at.tradeNo] ?? '',
      outTradeNo,
      outRequestNo: kind === 'refund' ? (requestNo === '' ? outTradeNo : requestNo) : null,
      amount: amountOf(row[at.amount] ?? '', index),
      completedAt: row[at.completedAt] ?? '',
    })
  })
  return result
}

function headerOf (text: string): string[] | undefined {
  const line = text.split(/\r?\n/).find(candidate => candidate.trim() !== '' && !candidate.startsWith('#'))
  return line?.split(',').map(cell => cell.trim())
}

function columnIndexes (header: string[]): Record<keyof typeof COLUMNS, number> {
  const indexes = {} as Record<keyof typeof COLUMNS, number>
  for (const [key, name] of Object.entries(COLUMNS) as Array<[keyof typeof COLUMNS, string]>) {
    const index = header.indexOf(name)
    if (index < 0) throw new BillError(BillFailureEnum.BILL_MALFORMED, `the detail CSV has no column ${name}`)
    indexes[key] = index
  }
  return indexes
}

/** `12.50` or `-12.50` yuan → 1250 fen. */
function amountOf (text: string, index: number): number {
  const unsigned = text.startsWith('-') ? text.slice(1) : text
  try {
    return fromAlipayAmount(unsigned)
  } catch {
    throw new BillError(BillFailureEnum.BILL_MALFORMED, `line ${index + 1}: ${JSON.stringify(text.slice(0, 20))} is not an amount`)
  }
}
