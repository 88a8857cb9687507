// With a state file, the emulator keeps its trades across a restart, as the real Alipay obviously does.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { callGateway, localScanUrl, openPage, outTradeNo, startSandbox, cleanedAfterEach, type TestSandbox } from './helpers.js'

const { running, stateFileIn } = cleanedAfterEach()
const stateFile = (): string => stateFileIn('sandbox-state-', join('nested', 'sandbox.json'))

async function start (file: string): Promise<TestSandbox> {
  const sandbox = await startSandbox({ stateFile: file })
  running.push(sandbox)
  return sandbox
}

describe('stateFile', () => {
  it('keeps paid, waiting, unscanned and locked trades across a restart', async () => {
    const file = stateFile()
    const first = await start(file)
    const paid = outTradeNo()
    const waiting = outTradeNo()
    const unscanned = outTradeNo()
    const locked = outTradeNo()
    const qr: Record<string, string> = {}
    for (const no of [paid, waiting, unscanned]) {
      qr[no] = String((await callGateway(first, 'alipay.trade.precreate', { out_trade_no: no, total_amount: '6.00', subject: 'Soup' })).node.qr_code)
    }
    await fetch(`${first.base}/trades/${paid}/pay`, { method: 'POST' })
    await openPage(localScanUrl(first, qr[waiting] ?? ''))
    await callGateway(first, 'alipay.trade.cancel', { out_trade_no: locked })
    const before = (await callGateway(first, 'alipay.trade.query', { out_trade_no: paid })).node
    await first.app.close()
    running.splice(running.indexOf(first), 1)

    const second = await start(file)
    expect((await callGateway(second, 'alipay.trade.query', { out_trade_no: paid })).node).toMatchObject({ trade_status: 'TRADE_SUCCESS', trade_no: before.trade_no })
    expect((await callGateway(second, 'alipay.trade.query', { out_trade_no: waiting })).node.trade_status).toBe('WAIT_BUYER_PAY')
    expect((await callGateway(second, 'alipay.trade.query', { out_trade_no: unscanned })).node.sub_code).toBe('ACQ.TRADE_NOT_EXIST')
    expect((await openPage(localScanUrl(second, qr[unscanned] ?? ''))).status).toBe(200)
    const relocked = await callGateway(second, 'alipay.trade.precreate', { out_trade_no: locked, total_amount: '6.00', subject: 'Soup' })
    expect(relocked.node.sub_code).toBe('ACQ.TRADE_HAS_CLOSE')
    const refund = await callGateway(second, 'alipay.trade.refund', { out_trade_no: paid, refund_amount: '6.00', out_request_no: 'R' })
    expect(refund.node).toMatchObject({ fund_change: 'Y', refund_fee: '6.00' })
  })

  it('refuses to start on a file it cannot read instead of forgetting every trade', async () => {
    const file = stateFile()
    const first = await start(file)
    await callGateway(first, 'alipay.trade.precreate', { out_trade_no: outTradeNo(), total_amount: '1.00', subject: 's' })
    writeFileSync(file, '{"version":1,"trades":')
    await expect(startSandbox({ stateFile: file })).rejects.toThrow()
  })
})
