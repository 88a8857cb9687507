// A MAPI trade survives a restart of the emulator with its protocol and currency (the shared state file).
import { describe, expect, it } from 'vitest'
import { cleanedAfterEach, outTradeNo } from '../helpers.js'
import { callMapi, startMapiSandbox } from './mapi-helpers.js'

const { running, stateFileIn } = cleanedAfterEach()

describe('MAPI trades across a restart', () => {
  it('are found again in their currency', async () => {
    const stateFile = stateFileIn('tablepad-mapi-', 'state.json')
    const first = await startMapiSandbox({ stateFile })
    running.push(first)
    const no = outTradeNo()
    await callMapi(first, 'alipay.acquire.precreate', { out_trade_no: no, subject: 'Yakitori', total_fee: '2400', trans_currency: 'JPY' })
    expect((await fetch(`${first.base}/trades/${no}/pay`, { method: 'POST' })).status).toBe(200)
    await first.app.close()

    const second = await startMapiSandbox({ stateFile })
    running.push(second)
    const query = await callMapi(second, 'alipay.acquire.overseas.query', { partner_trans_id: no })
    expect(query.response).toMatchObject({ alipay_trans_status: 'TRADE_SUCCESS', trans_amount: '2400', currency: 'JPY' })
  })
})
