// Reading Alipay's trade bill: a real zip of GBK CSVs, built here with the same libraries Alipay's layout needs.
import { stringify } from 'csv-stringify/sync'
import { strToU8, zipSync } from 'fflate'
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { parseTradeBill } from '../../src/reconciliation/bill-parse.js'
import { BillError } from '../../src/reconciliation/errors.js'

const HEADER = [
  '支付宝交易号', '商户订单号', '业务类型', '商品名称', '创建时间', '完成时间', '门店编号', '门店名称', '操作员', '终端号',
  '对方账户', '订单金额（元）', '商家实收（元）', '支付宝红包（元）', '集分宝（元）', '支付宝优惠（元）', '商家优惠（元）',
  '券核销金额（元）', '券名称', '商家红包消费金额（元）', '卡消费金额（元）', '退款批次号/请求号', '服务费（元）', '分润（元）', '备注',
]

/** One detail line; `tab` pads each value as Alipay does. */
function line (fields: { tradeNo: string, outTradeNo: string, type: '交易' | '退款', subject: string, amount: string, requestNo?: string }): string[] {
  return [
    fields.tradeNo, fields.outTradeNo, fields.type, fields.subject, '2026-03-01 12:00:00', '2026-03-01 12:00:09', '', '', '', '',
    'abc***@example.com', fields.amount, fields.amount, '0.00', '0.00', '0.00', '0.00', '0.00', '', '0.00', '0.00',
    fields.requestNo ?? '', '-0.02', '0.00', '',
  ].map(cell => `${cell}\t`)
}

function detailCsv (rows: string[][], header = HEADER): string {
  return [
    '#支付宝业务明细查询',
    '#账号：[2088102177846880]',
    '#起始日期：[2026年03月01日 00:00:00]   终止日期：[2026年03月02日 00:00:00]',
    '#-----------------------------------------业务明细列表----------------------------------------',
    stringify([header, ...rows], { record_delimiter: 'windows' }).trimEnd(),
    '#-----------------------------------------业务明细列表结束------------------------------------',
    '#交易合计：2笔，商家实收共：62.30元，商家优惠共：0.00元',
    '#导出时间：[2026年03月02日 09:00:01]',
  ].join('\r\n') + '\r\n'
}

const SUMMARY = '#支付宝业务汇总查询\r\n门店编号,门店名称,交易订单总笔数,退款订单总笔数,订单金额（元）,商家实收（元）\r\n合计\t,\t,2\t,1\t,62.30\t,52.30\t\r\n'

/** A zip as Alipay makes it, GBK inside (the reader picks the detail file by its header, not by its name). */
function billZip (detail: string, options: { withDetail?: boolean } = {}): Uint8Array {
  const gbk = (text: string): Uint8Array => new Uint8Array(iconv.encode(text, 'gbk'))
  const files: Record<string, Uint8Array> = { '2088102177846880_20260301_业务明细(汇总).csv': gbk(SUMMARY) }
  if (options.withDetail !== false) files['2088102177846880_20260301_业务明细.csv'] = gbk(detail)
  return zipSync(files)
}

const rows = [
  line({ tradeNo: '2026030122001400001', outTradeNo: 'pay_a', type: '交易', subject: '荷塘小馆 #12, 二楼', amount: '42.80' }),
  line({ tradeNo: '2026030122001400002', outTradeNo: 'pay_b', type: '交易', subject: 'Lotus "Garden" #13', amount: '19.50' }),
  line({ tradeNo: '2026030122001400002', outTradeNo: 'pay_b', type: '退款', subject: 'Lotus "Garden" #13', amount: '-10.00', requestNo: 'ref_1' }),
  line({ tradeNo: '2026030122001400003', outTradeNo: 'pay_c', type: '退款', subject: 'x', amount: '-5.00' }),
]

describe('parseTradeBill', () => {
  it('reads every trade and refund of the detail CSV, amounts in fen, refunds positive, padding trimmed', () => {
    expect(parseTradeBill(billZip(detailCsv(rows)))).toEqual([
      { kind: 'trade', tradeNo: '2026030122001400001', outTradeNo: 'pay_a', outRequestNo: null, amount: 4280, completedAt: '2026-03-01 12:00:09' },
      { kind: 'trade', tradeNo: '2026030122001400002', outTradeNo: 'pay_b', outRequestNo: null, amount: 1950, completedAt: '2026-03-01 12:00:09' },
      { kind: 'refund', tradeNo: '2026030122001400002', outTradeNo: 'pay_b', outRequestNo: 'ref_1', amount: 1000, completedAt: '2026-03-01 12:00:09' },
      // A refund sent without out_request_no is Alipay's default request number: the out_trade_no.
      { kind: 'refund', tradeNo: '2026030122001400003', outTradeNo: 'pay_c', outRequestNo: 'pay_c', amount: 500, completedAt: '2026-03-01 12:00:09' },
    ])
  })

  it('finds the columns by name, whatever their order', () => {
    const order = [...HEADER.keys()].reverse()
    const reordered = detailCsv(rows.slice(0, 1).map(row => order.map(i => row[i]!)), order.map(i => HEADER[i]!))
    expect(parseTradeBill(billZip(reordered))).toEqual([expect.objectContaining({ outTradeNo: 'pay_a', amount: 4280, kind: 'trade' })])
  })

  it('reads a day without lines as empty', () => {
    expect(parseTradeBill(billZip(detailCsv([])))).toEqual([])
  })

  it('refuses what is not a bill with a reason to record', () => {
    const reason = (bytes: Uint8Array): string => {
      try {
        parseTradeBill(bytes)
      } catch (error) {
        if (error instanceof BillError) return error.reason
        throw error
      }
      throw new Error('parsed')
    }
    expect(reason(strToU8('<html>not a zip</html>'))).toBe('bill_unreadable')
    expect(reason(billZip(detailCsv(rows), { withDetail: false }))).toBe('bill_unreadable')
    expect(reason(billZip(detailCsv(rows, HEADER.filter(name => name !== '订单金额（元）'))))).toBe('bill_malformed')
    const badAmount = [line({ tradeNo: '1', outTradeNo: 'pay_x', type: '交易', subject: 's', amount: '12.345' })]
    expect(reason(billZip(detailCsv(badAmount)))).toBe('bill_malformed')
  })
})
