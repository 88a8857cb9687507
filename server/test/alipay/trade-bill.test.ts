// Our client's bill query against the emulator over loopback HTTP, signed and verified like every other call.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AlipayGateway } from '../../src/alipay/gateway.js'
import { alipayTimestamp } from '../../src/alipay/timestamp.js'
import { parseTradeBill } from '../../src/reconciliation/bill-parse.js'
import { downloadBill } from '../../src/reconciliation/bill-download.js'
import { sandboxKeyPair } from '../../sandbox/keys.js'
import { type Emulator, newOutTradeNo, startEmulator } from './emulator-fixture.js'

describe('tradeBillUrl (alipay.data.dataservice.bill.downloadurl.query)', () => {
  let emu: Emulator
  let gateway: AlipayGateway

  beforeAll(async () => {
    emu = await startEmulator('RSA2')
    gateway = emu.client()
  })
  afterAll(async () => { await emu.close() })

  const today = (): string => alipayTimestamp().slice(0, 10)

  it('answers isp.bill_not_exist as a failure for a day without trades', async () => {
    expect(await gateway.tradeBillUrl!({ billDate: '2020-01-01' })).toMatchObject({ outcome: 'failure', code: '40004', subCode: 'isp.bill_not_exist' })
  })

  it('gives a link to the day\'s bill once there are trades, whose zip lists them', async () => {
    const outTradeNo = newOutTradeNo('bill')
    expect(await gateway.precreate({ outTradeNo, totalAmount: 1234, subject: 'Table 7 #3' })).toMatchObject({ outcome: 'success' })
    expect((await fetch(`${emu.base}/trades/${outTradeNo}/pay`, { method: 'POST' })).status).toBe(200)

    const answer = await gateway.tradeBillUrl!({ billDate: today() })
    expect(answer).toMatchObject({ outcome: 'success', data: { downloadUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/sandbox\/bill\//) } })
    if (answer.outcome !== 'success') return
    const lines = parseTradeBill(await downloadBill(answer.data.downloadUrl))
    expect(lines).toContainEqual(expect.objectContaining({ kind: 'trade', outTradeNo, amount: 1234 }))
  })

  it('trusts no link from an answer signed with another key', async () => {
    const stranger = emu.client({ alipayPublicKey: sandboxKeyPair().publicKey })
    expect(await stranger.tradeBillUrl!({ billDate: today() })).toMatchObject({ outcome: 'unknown', reason: 'bad-signature' })
  })

  it('refuses a day that is not a calendar day before sending anything', async () => {
    await expect(gateway.tradeBillUrl!({ billDate: '2026-02-30' })).rejects.toThrow(RangeError)
    await expect(gateway.tradeBillUrl!({ billDate: '2026-03' })).rejects.toThrow(RangeError)
  })
})
