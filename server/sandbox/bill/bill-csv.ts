// The two CSVs of Alipay's trade bill, as Alipay writes them: '#' lines before and after, a header row, values
// followed by a tab (so spreadsheets keep long numbers as text), refunds negative. Text here; GBK in the zip.
import { stringify } from 'csv-stringify/sync'
import { toAlipayAmount } from '#shared/money.js'
import { maskedLogonId } from '../ids.js'
import { formatBeijing } from '../time.js'
import type { LedgerLine } from './bill-ledger.js'

export const DETAIL_HEADER = [
  '支付宝交易号', '商户订单号', '业务类型', '商品名称', '创建时间', '完成时间', '门店编号', '门店名称', '操作员', '终端号',
  '对方账户', '订单金额（元）', '商家实收（元）', '支付宝红包（元）', '集分宝（元）', '支付宝优惠（元）', '商家优惠（元）',
  '券核销金额（元）', '券名称', '商家红包消费金额（元）', '卡消费金额（元）', '退款批次号/请求号', '服务费（元）', '分润（元）', '备注',
]

const SUMMARY_HEADER = [
  '门店编号', '门店名称', '交易订单总笔数', '退款订单总笔数', '订单金额（元）', '商家实收（元）', '支付宝优惠（元）', '商家优惠（元）',
  '卡消费金额（元）', '服务费（元）', '分润（元）', '实收净额（元）',
]

const CRLF = '\r\n'
const ZERO = '0.00'

export interface BillHeading {
  /** The merchant's PID. */
  pid: string
  /** yyyy-MM-dd, Beijing. */
  day: string
  /** When the bill was made (epoch ms). */
  exportedAt: number
}

const yuan = (fen: number): string => fen < 0 ? `-${toAlipayAmount(-fen)}` : toAlipayAmount(fen)
const padded = (cells: readonly string[]): string[] => cells.map(cell => `${cell}\t`)
const chineseDate = (text: string): string => `${text.slice(0, 4)}年${text.slice(5, 7)}月${text.slice(8, 10)}日${text.slice(10)}`

function period (heading: BillHeading): string {
  const next = new Date(Date.parse(`${heading.day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
  return `#起始日期：[${chineseDate(`${heading.day} 00:00:00`)}]   终止日期：[${chineseDate(`${next} 00:00:00`)}]`
}

function detailRow (line: LedgerLine): string[] {
  const { trade } = line
  const refund = line.kind === 'refund' ? line.refund : undefined
  const amount = refund === undefined ? trade.amount : -refund.amount
  return [
    trade.tradeNo ?? '', trade.outTradeNo, refund === undefined ? '交易' : '退款', trade.subject,
    formatBeijing(trade.gmtCreate ?? trade.createdAt), formatBeijing(line.at), trade.storeId ?? '', '', '', '',
    trade.buyerId === undefined ? '' : maskedLogonId(trade.buyerId), yuan(amount), yuan(amount), ZERO, ZERO, ZERO, ZERO,
    ZERO, '', ZERO, ZERO, refund?.outRequestNo ?? '', ZERO, ZERO, '',
  ]
}

export function detailCsv (heading: BillHeading, lines: readonly LedgerLine[]): string {
  const trades = lines.filter(line => line.kind === 'trade')
  const refunds = lines.filter(line => line.kind === 'refund')
  const tradeTotal = trades.reduce((sum, line) => sum + line.trade.amount, 0)
  const refundTotal = refunds.reduce((sum, line) => sum + (line.kind === 'refund' ? line.refund.amount : 0), 0)
  return [
    '#支付宝业务明细查询',
    `#账号：[${heading.pid}]`,
    period(heading),
    '#-----------------------------------------业务明细列表----------------------------------------',
    stringify([DETAIL_HEADER, ...lines.map(line => padded(detailRow(line)))], { record_delimiter: 'windows' }).trimEnd(),
    '#-----------------------------------------业务明细列表结束------------------------------------',
    `#交易合计：${trades.length}笔，商家实收共：${yuan(tradeTotal)}元，商家优惠共：0.00元`,
    `#退款合计：${refunds.length}笔，商家实收退款共：${yuan(-refundTotal)}元，商家优惠退款共：0.00元`,
    `#导出时间：[${chineseDate(formatBeijing(heading.exportedAt))}]`,
  ].join(CRLF) + CRLF
}

export function summaryCsv (heading: BillHeading, lines: readonly LedgerLine[]): string {
  const trades = lines.filter(line => line.kind === 'trade')
  const gross = trades.reduce((sum, line) => sum + line.trade.amount, 0)
  const refunded = lines.reduce((sum, line) => sum + (line.kind === 'refund' ? line.refund.amount : 0), 0)
  const total = ['合计', '', String(trades.length), String(lines.length - trades.length), yuan(gross), yuan(gross - refunded), ZERO, ZERO, ZERO, ZERO, ZERO, yuan(gross - refunded)]
  return [
    '#支付宝业务汇总查询',
    `#账号：[${heading.pid}]`,
    period(heading),
    '#-----------------------------------------业务汇总列表----------------------------------------',
    stringify([SUMMARY_HEADER, padded(total)], { record_delimiter: 'windows' }).trimEnd(),
    '#-----------------------------------------业务汇总列表结束------------------------------------',
    `#导出时间：[${chineseDate(formatBeijing(heading.exportedAt))}]`,
  ].join(CRLF) + CRLF
}

