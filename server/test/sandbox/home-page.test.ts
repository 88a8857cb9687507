// The emulator's front page: a demo without a phone opens a waiting QR from here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callGateway, openPage, outTradeNo, startSandbox, type TestSandbox } from './helpers.js'

let sandbox: TestSandbox
beforeAll(async () => { sandbox = await startSandbox() })
afterAll(async () => { await sandbox.app.close() })

describe('GET /sandbox/', () => {
  it('lists recent trades and links each payable QR to its scan page', async () => {
    const empty = await openPage(`${sandbox.base}/`)
    expect(empty.status).toBe(200)

    const no = outTradeNo()
    const answer = await callGateway(sandbox, 'alipay.trade.precreate', { out_trade_no: no, total_amount: '12.50', subject: 'Table 3 <b>' })
    const token = new URL(String(answer.node.qr_code)).pathname.split('/').pop()!
    const page = await openPage(`${sandbox.base}/`)
    expect(page.html).toContain(no)
    expect(page.html).toContain('¥12.50')
    expect(page.html).toContain(`href="scan/${token}"`)
    // Subjects come from merchants: they are escaped, never markup.
    expect(page.html).toContain('Table 3 &lt;b&gt;')
    expect(page.html).not.toContain('<b>')

    expect(page.html).toContain('Waiting for a scan')

    await callGateway(sandbox, 'alipay.trade.cancel', { out_trade_no: no })
    const after = await openPage(`${sandbox.base}/`)
    expect(after.html).toContain('data-state="LOCKED"')
    expect(after.html).not.toContain(`href="scan/${token}"`)
  })

  it('words every state plainly, and a trade cancelled before any scan as "Cancelled", as the console does', async () => {
    const no = outTradeNo()
    await callGateway(sandbox, 'alipay.trade.precreate', { out_trade_no: no, total_amount: '8.00', subject: 'Table 4' })
    await callGateway(sandbox, 'alipay.trade.cancel', { out_trade_no: no })
    const page = await openPage(`${sandbox.base}/`)
    const card = page.html.split('data-testid="sandbox-trade"').find(part => part.includes(no))!
    const shown = card.replace(/<[^>]+>/g, ' ').replace(/data-state="[^"]*"/g, '')
    expect(shown).toContain('Cancelled')
    expect(shown).toContain('已取消')
    expect(shown).toContain('Nothing was charged')
    expect(shown).not.toContain('LOCKED')
  })
})
