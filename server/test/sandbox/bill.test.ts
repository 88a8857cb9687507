// The emulator's trade bill: the bill query, and the zip of GBK CSVs in Alipay's layout its link serves, made
// from the emulator's own trades (kept in its state file, so the bill survives a restart).
import { unzipSync } from 'fflate'
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { parseTradeBill } from '../../src/reconciliation/bill-parse.js'
import { answerVerifies, beijing, callGateway, cleanedAfterEach, outTradeNo, startSandbox, SELLER_ID, type TestSandbox } from './helpers.js'

const { running, stateFileIn } = cleanedAfterEach()
const BILL = 'alipay.data.dataservice.bill.downloadurl.query'

async function start (stateFile?: string): Promise<TestSandbox> {
  const sandbox = await startSandbox(stateFile === undefined ? {} : { stateFile })
  running.push(sandbox)
  return sandbox
}

async function paidTrade (sandbox: TestSandbox, amount: string, subject: string): Promise<string> {
  const no = outTradeNo()
  await callGateway(sandbox, 'alipay.trade.precreate', { out_trade_no: no, total_amount: amount, subject })
  expect((await fetch(`${sandbox.base}/trades/${no}/pay`, { method: 'POST' })).status).toBe(200)
  return no
}

async function billZip (sandbox: TestSandbox, day: string): Promise<Uint8Array> {
  const answer = await callGateway(sandbox, BILL, { bill_type: 'trade', bill_date: day })
  expect(answer.node).toMatchObject({ code: '10000' })
  expect(answerVerifies(answer)).toBe(true)
  const response = await fetch(String(answer.node.bill_download_url))
  expect(response.status).toBe(200)
  return new Uint8Array(await response.arrayBuffer())
}

const today = (): string => beijing(Date.now()).slice(0, 10)

describe('the emulator\'s trade bill', () => {
  it('serves a zip of the detail and summary CSVs in GBK, listing the day\'s trades and refunds', async () => {
    const sandbox = await start()
    const soup = await paidTrade(sandbox, '42.80', 'Lotus #12, 二楼')
    const tea = await paidTrade(sandbox, '19.50', '荷塘小馆 #13')
    await callGateway(sandbox, 'alipay.trade.refund', { out_trade_no: tea, refund_amount: '9.50', out_request_no: 'R1' })
    const zip = await billZip(sandbox, today())

    const files = unzipSync(zip)
    const stem = `${SELLER_ID}_${today().replaceAll('-', '')}`
    expect(Object.keys(files).sort()).toEqual([`${stem}_业务明细(汇总).csv`, `${stem}_业务明细.csv`])
    const detail = iconv.decode(Buffer.from(files[`${stem}_业务明细.csv`]!), 'gbk')
    expect(detail.split('\r\n')[0]).toBe('#支付宝业务明细查询')
    expect(detail).toContain('-9.50\t')
    expect(detail).toContain('#交易合计：2笔')

    expect(parseTradeBill(zip)).toEqual([
      expect.objectContaining({ kind: 'trade', outTradeNo: soup, amount: 4280, outRequestNo: null }),
      expect.objectContaining({ kind: 'trade', outTradeNo: tea, amount: 1950, outRequestNo: null }),
      expect.objectContaining({ kind: 'refund', outTradeNo: tea, amount: 950, outRequestNo: 'R1' }),
    ])
  })

  it('has no bill for a day without trades, refuses other bill types, and its links are its own', async () => {
    const sandbox = await start()
    await paidTrade(sandbox, '1.00', 'Tea')
    expect((await callGateway(sandbox, BILL, { bill_type: 'trade', bill_date: '2020-01-01' })).node)
      .toMatchObject({ code: '40004', sub_code: 'isp.bill_not_exist' })
    expect((await callGateway(sandbox, BILL, { bill_type: 'trade', bill_date: '2020-02-30' })).node.sub_code).toBe('isv.invalid-bill-date')
    expect((await callGateway(sandbox, BILL, { bill_type: 'fund', bill_date: today() })).node.sub_code).toBe('isv.invalid-bill-type')
    expect((await fetch(`${sandbox.base}/bill/not-a-link`)).status).toBe(404)
  })

  it('still lists the day\'s trades and refunds after a restart', async () => {
    const file = stateFileIn('sandbox-bill-', 'state.json')
    const first = await start(file)
    const no = await paidTrade(first, '6.00', 'Soup')
    await callGateway(first, 'alipay.trade.refund', { out_trade_no: no, refund_amount: '6.00', out_request_no: 'R' })
    await first.app.close()
    running.splice(running.indexOf(first), 1)

    const second = await start(file)
    expect(parseTradeBill(await billZip(second, today())).map(line => [line.kind, line.outTradeNo, line.amount])).toEqual([
      ['trade', no, 600],
      ['refund', no, 600],
    ])
  })
})
