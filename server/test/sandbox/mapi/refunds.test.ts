// Currencies and spot refunds: JPY without decimals, refunds idempotent on partner_refund_id, in the trade's currency.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openPage, outTradeNo } from '../helpers.js'
import { answerVerifies, callMapi, startMapiSandbox } from './mapi-helpers.js'

let sandbox: Awaited<ReturnType<typeof startMapiSandbox>>

beforeAll(async () => { sandbox = await startMapiSandbox() })
afterAll(async () => { await sandbox.app.close() })

async function paidTrade (totalFee: string, currency: string): Promise<string> {
  const no = outTradeNo()
  const created = await callMapi(sandbox, 'alipay.acquire.precreate', { out_trade_no: no, subject: 'Sushi', total_fee: totalFee, trans_currency: currency })
  expect(created.response.result_code).toBe('SUCCESS')
  expect((await fetch(`${sandbox.base}/trades/${no}/pay`, { method: 'POST' })).status).toBe(200)
  return no
}

const trade = async (no: string): Promise<Record<string, unknown>> => (await fetch(`${sandbox.base}/trades/${no}`)).json() as Promise<Record<string, unknown>>

describe('JPY: amounts without decimals', () => {
  it('takes and answers integer yen, shows them as yen, and refuses decimals', async () => {
    const no = await paidTrade('1250', 'JPY')
    expect(await trade(no)).toMatchObject({ protocol: 'mapi', currency: 'JPY', totalAmount: '1250', state: 'TRADE_SUCCESS' })
    const query = await callMapi(sandbox, 'alipay.acquire.overseas.query', { partner_trans_id: no })
    expect(query.response).toMatchObject({ trans_amount: '1250', currency: 'JPY' })

    const page = outTradeNo()
    const qr = await callMapi(sandbox, 'alipay.acquire.precreate', { out_trade_no: page, subject: 'Udon', total_fee: '980', trans_currency: 'JPY' })
    const token = (qr.response.qr_code ?? '').split('/').pop() ?? ''
    expect((await openPage(`${sandbox.base}/scan/${token}`)).html).toContain('JP¥980')

    for (const fee of ['1250.00', '12.5']) {
      const refused = await callMapi(sandbox, 'alipay.acquire.precreate', { out_trade_no: outTradeNo(), subject: 'x', total_fee: fee, trans_currency: 'JPY' })
      expect(refused).toMatchObject({ isSuccess: 'F', error: 'ILLEGAL_ARGUMENT' })
    }
  })

  it('refuses an unknown currency and more than two decimals', async () => {
    expect(await callMapi(sandbox, 'alipay.acquire.precreate', { out_trade_no: outTradeNo(), subject: 'x', total_fee: '1.00', trans_currency: 'XXX' })).toMatchObject({ error: 'ILLEGAL_ARGUMENT' })
    expect(await callMapi(sandbox, 'alipay.acquire.precreate', { out_trade_no: outTradeNo(), subject: 'x', total_fee: '1.005', trans_currency: 'USD' })).toMatchObject({ error: 'ILLEGAL_ARGUMENT' })
  })
})

describe('alipay.acquire.overseas.spot.refund', () => {
  it('is idempotent on partner_refund_id: the same id answers the same refund and moves no money', async () => {
    const no = await paidTrade('1250', 'JPY')
    const body = { partner_trans_id: no, partner_refund_id: `${no}R1`, refund_amount: '500', currency: 'JPY', is_sync: 'Y', refund_reason: 'cold' }
    const first = await callMapi(sandbox, 'alipay.acquire.overseas.spot.refund', body)
    expect(first.response).toMatchObject({ result_code: 'SUCCESS', partner_trans_id: no, partner_refund_id: `${no}R1`, refund_amount: '500', currency: 'JPY' })
    expect(first.response.alipay_trans_id).toMatch(/^\d{28}$/)
    expect(answerVerifies(first)).toBe(true)
    expect(await trade(no)).toMatchObject({ refundFee: '500', state: 'TRADE_SUCCESS' })

    const again = await callMapi(sandbox, 'alipay.acquire.overseas.spot.refund', body)
    expect(again.response).toEqual(first.response)
    expect(await trade(no)).toMatchObject({ refundFee: '500' })

    const otherAmount = await callMapi(sandbox, 'alipay.acquire.overseas.spot.refund', { ...body, refund_amount: '600' })
    expect(otherAmount.response).toMatchObject({ result_code: 'FAIL', detail_error_code: 'REFUND_AMT_NOT_EQUAL_TOTAL' })

    const rest = await callMapi(sandbox, 'alipay.acquire.overseas.spot.refund', { ...body, partner_refund_id: `${no}R2`, refund_amount: '750' })
    expect(rest.response).toMatchObject({ result_code: 'SUCCESS', refund_amount: '750' })
    expect(await trade(no)).toMatchObject({ refundFee: '1250', state: 'TRADE_CLOSED' })

    const tooMuch = await callMapi(sandbox, 'alipay.acquire.overseas.spot.refund', { ...body, partner_refund_id: `${no}R3`, refund_amount: '1' })
    expect(tooMuch.response.result_code).toBe('FAIL')
  })

  it('takes refund_amount in the trade currency only, and a refund id that differs from the trade', async () => {
    const no = await paidTrade('20.00', 'EUR')
    const refund = (fields: Record<string, string>) => callMapi(sandbox, 'alipay.acquire.overseas.spot.refund', { partner_trans_id: no, partner_refund_id: `${no}R`, refund_amount: '5.00', currency: 'EUR', ...fields })
    expect(await refund({ currency: 'USD' })).toMatchObject({ isSuccess: 'F', error: 'ILLEGAL_ARGUMENT' })
    expect(await refund({ partner_refund_id: no })).toMatchObject({ isSuccess: 'F', error: 'ILLEGAL_ARGUMENT' })
    expect(await refund({ refund_amount: '5.001' })).toMatchObject({ isSuccess: 'F', error: 'ILLEGAL_ARGUMENT' })
    expect((await refund({ partner_trans_id: outTradeNo() })).response).toMatchObject({ result_code: 'FAIL', detail_error_code: 'TRADE_NOT_EXIST' })
    expect((await refund({})).response).toMatchObject({ result_code: 'SUCCESS', refund_amount: '5.00', currency: 'EUR' })
  })
})
