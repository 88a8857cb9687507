// The MAPI gateway's common checks: signature (MD5 and RSA), partner, charset, timestamp, service; GET as well as POST.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { KEYS, outTradeNo, startSandbox } from '../helpers.js'
import { callMapi, startMapiSandbox } from './mapi-helpers.js'

let sandbox: Awaited<ReturnType<typeof startMapiSandbox>>

beforeAll(async () => { sandbox = await startMapiSandbox() })
afterAll(async () => { await sandbox.app.close() })

const precreate = (no: string, options: Parameters<typeof callMapi>[3] = {}) =>
  callMapi(sandbox, 'alipay.acquire.precreate', { out_trade_no: no, subject: '点心 & tea', total_fee: '10.00', trans_currency: 'HKD' }, options)

const exists = async (no: string): Promise<boolean> => (await fetch(`${sandbox.base}/trades/${no}`)).status === 200

describe('MAPI common checks', () => {
  it('accepts MD5, RSA and RSA2 over the same pre-string, in POST and GET', async () => {
    for (const signType of ['MD5', 'RSA', 'RSA2'] as const) {
      for (const method of ['POST', 'GET'] as const) {
        const answer = await precreate(outTradeNo(), { signType, method })
        expect(answer.response.result_code, `${signType} ${method}`).toBe('SUCCESS')
        expect(answer.signType).toBe(signType)
      }
    }
  })

  it('refuses a bad signature with ILLEGAL_SIGN, unsigned, and does nothing', async () => {
    const cases = [
      { signType: 'MD5' as const, md5Key: 'another-key-another-key-another-k' },
      { signType: 'RSA2' as const, privateKey: KEYS.stranger.privateKey },
      { signType: 'MD5' as const, tamper: (p: Record<string, string>) => { p.total_fee = '0.01' } },
    ]
    for (const options of cases) {
      const no = outTradeNo()
      const answer = await precreate(no, options)
      expect(answer).toMatchObject({ status: 200, isSuccess: 'F', error: 'ILLEGAL_SIGN', sign: undefined })
      expect(answer.text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<alipay><is_success>F<\/is_success><error>ILLEGAL_SIGN<\/error><\/alipay>$/)
      expect(await exists(no)).toBe(false)
    }
  })

  it('refuses a timestamp more than 30 minutes old (or missing on precreate), and takes one 29 minutes old', async () => {
    const stale = outTradeNo()
    expect(await precreate(stale, { now: Date.now() - 31 * 60_000 })).toMatchObject({ isSuccess: 'F', error: 'ILLEGAL_ARGUMENT' })
    expect(await exists(stale)).toBe(false)
    expect(await precreate(outTradeNo(), { params: { timestamp: undefined } })).toMatchObject({ error: 'ILLEGAL_ARGUMENT' })
    expect(await precreate(outTradeNo(), { params: { timestamp: '2024-13-01 00:00:00' } })).toMatchObject({ error: 'ILLEGAL_ARGUMENT' })
    expect((await precreate(outTradeNo(), { now: Date.now() - 29 * 60_000 })).response.result_code).toBe('SUCCESS')
  })

  it('refuses another partner, a missing charset, an unknown service and an unknown sign_type', async () => {
    expect(await precreate(outTradeNo(), { params: { partner: '2088000000000001' } })).toMatchObject({ error: 'ILLEGAL_PARTNER' })
    expect(await precreate(outTradeNo(), { params: { partner: undefined } })).toMatchObject({ error: 'ILLEGAL_PARTNER' })
    expect(await precreate(outTradeNo(), { params: { _input_charset: undefined } })).toMatchObject({ error: 'ILLEGAL_CHARSET' })
    expect(await precreate(outTradeNo(), { params: { _input_charset: 'latin9' } })).toMatchObject({ error: 'ILLEGAL_CHARSET' })
    expect(await callMapi(sandbox, 'alipay.trade.precreate', {})).toMatchObject({ error: 'ILLEGAL_SERVICE' })
    expect(await precreate(outTradeNo(), { tamper: p => { p.sign_type = 'DSA' } })).toMatchObject({ error: 'ILLEGAL_SIGN_TYPE' })
  })

  it('refuses MD5 when no MD5 key is configured, and answers for the sellerId as partner by default', async () => {
    const plain = await startSandbox()
    try {
      const gateway = { mapi: `${plain.base}/mapi/gateway.do` }
      const partner = plain.opts.sellerId
      expect(await callMapi(gateway, 'alipay.acquire.overseas.query', { partner_trans_id: 'X' }, { params: { partner } })).toMatchObject({ error: 'ILLEGAL_SIGN_TYPE' })
      const rsa = await callMapi(gateway, 'alipay.acquire.overseas.query', { partner_trans_id: 'X' }, { params: { partner }, signType: 'RSA2' })
      expect(rsa.response).toMatchObject({ result_code: 'FAIL', detail_error_code: 'TRANS_NOT_FOUND' })
    } finally {
      await plain.app.close()
    }
  })

  it('echoes the request and escapes XML in it', async () => {
    const answer = await precreate(outTradeNo())
    expect(answer.text).toContain('<param name="subject">点心 &amp; tea</param>')
    expect(answer.text).not.toContain('<param name="sign">')
  })

  it('does not show Open Platform trades to the MAPI', async () => {
    const { callGateway } = await import('../helpers.js')
    const no = outTradeNo()
    expect((await callGateway(sandbox, 'alipay.trade.precreate', { out_trade_no: no, total_amount: '1.00', subject: 'v2' })).node.code).toBe('10000')
    await fetch(`${sandbox.base}/trades/${no}/pay`, { method: 'POST' })
    expect((await callMapi(sandbox, 'alipay.acquire.overseas.query', { partner_trans_id: no })).response.detail_error_code).toBe('TRANS_NOT_FOUND')
    expect((await callMapi(sandbox, 'alipay.acquire.cancel', { out_trade_no: no })).response).toMatchObject({ result_code: 'FAIL', detail_error_code: 'TRADE_NOT_EXIST' })
  })
})
