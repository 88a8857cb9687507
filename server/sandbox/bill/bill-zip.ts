// The bill as Alipay serves it: one zip of the detail and summary CSVs, GBK-encoded.
import { zipSync } from 'fflate'
import iconv from 'iconv-lite'
import { detailCsv, summaryCsv, type BillHeading } from './bill-csv.js'
import type { LedgerLine } from './bill-ledger.js'

export function billZip (heading: BillHeading, lines: readonly LedgerLine[]): Uint8Array {
  const stem = `${heading.pid}_${heading.day.replaceAll('-', '')}`
  const gbk = (text: string): Uint8Array => new Uint8Array(iconv.encode(text, 'gbk'))
  return zipSync({
    [`${stem}_业务明细.csv`]: gbk(detailCsv(heading, lines)),
    [`${stem}_业务明细(汇总).csv`]: gbk(summaryCsv(heading, lines)),
  })
}
