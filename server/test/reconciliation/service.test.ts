// The service on its own: the comparison, the stored result and the alerts commit together or not at all.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { billZip } from '../../sandbox/bill/bill-zip.js'
import type { Trade } from '../../sandbox/trades.js'
import type { AlipayGateway } from '../../src/alipay/gateway.js'
import { Alerts } from '../../src/payments/alerts.js'
import { BillReconciliationService } from '../../src/reconciliation/service.js'
import { buildTestApp } from '../helper.js'

const servers: Server[] = []
afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise(resolve => server.close(resolve))
})

const DAY = '2026-03-01'

/** A bill of one trade nobody here knows, served over HTTP like Alipay's link. */
async function billLink (): Promise<string> {
  const paidAt = Date.parse('2026-03-01T12:00:00+08:00')
  const trade = { outTradeNo: 'pay_unknown', tradeNo: '2026030122000000000001', amount: 4280, subject: 'T1', createdAt: paidAt, refunds: [] } as unknown as Trade
  const zip = billZip({ pid: '2088000000000001', day: DAY, exportedAt: paidAt }, [{ kind: 'trade', trade, at: paidAt }])
  const server = createServer((_request, response) => response.end(Buffer.from(zip)))
  servers.push(server)
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/bill.zip`
}

describe('BillReconciliationService', () => {
  it('stores nothing and alerts nobody when writing an alert fails; the next run does both once', async () => {
    const app = await buildTestApp({ DEMO_SEED: 'false' })
    const downloadUrl = await billLink()
    const gateway = { tradeBillUrl: async () => ({ outcome: 'success', data: { downloadUrl } }) } as unknown as AlipayGateway
    const alerts = new Alerts(app.db, app.events, app.log)
    const announced: string[] = []
    alerts.announce = alert => { announced.push(alert.kind) }
    const failing = Object.assign(Object.create(alerts) as Alerts, { record: async () => { throw new Error('disk full') } })

    const broken = new BillReconciliationService({ db: app.db, gateway, alerts: failing, log: app.log })
    await expect(broken.run(DAY)).rejects.toThrow('disk full')
    expect((await broken.get(DAY)).status).toBe('not_run')

    const service = new BillReconciliationService({ db: app.db, gateway, alerts, log: app.log })
    expect(await service.run(DAY)).toMatchObject({ status: 'mismatched', counts: { onlyAtAlipay: 1 } })
    expect(await service.run(DAY)).toMatchObject({ status: 'mismatched', counts: { onlyAtAlipay: 1 } })
    expect(announced).toEqual(['reconciliation.mismatch'])
    const rows = await app.db.selectFrom('alerts').select('detail').where('kind', '=', 'reconciliation.mismatch').execute()
    expect(rows.map(row => JSON.parse(row.detail) as unknown)).toEqual([
      { date: DAY, kind: 'only_at_alipay', outTradeNo: 'pay_unknown', outRequestNo: null, here: null, alipay: 4280 },
    ])
  })
})
