// Stores sharing one Alipay account share its bill: a line of no store's payment is reported (and alerted) by one
// of them — the default store on the environment's account — not once by each; a store on an account of its own
// reports its bill's unknown lines itself.
import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { billZip } from '../../sandbox/bill/bill-zip.js'
import type { Trade } from '../../sandbox/trades.js'
import type { AlipayGateway } from '../../src/alipay/gateway.js'
import { DEFAULT_STORE_ID } from '../../src/db/store-scope.js'
import { seal } from '../../src/lib/secrets.js'
import type { SealedStoreSettings } from '../../src/stores/store-settings.js'
import { buildTestApp } from '../helper.js'

const SECRETS_KEY = randomBytes(32)
const DAY = '2026-03-01'

const servers: Server[] = []
afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise(resolve => server.close(resolve))
})

/** A bill of one trade no store knows, served over HTTP like Alipay's link. */
async function billLink (): Promise<string> {
  const paidAt = Date.parse('2026-03-01T12:00:00+08:00')
  const trade = { outTradeNo: 'pay_nobodys', tradeNo: '2026030122000000000009', amount: 4280, subject: 'T1', createdAt: paidAt, refunds: [] } as unknown as Trade
  const zip = billZip({ pid: '2088000000000001', day: DAY, exportedAt: paidAt }, [{ kind: 'trade', trade, at: paidAt }])
  const server = createServer((_request, response) => response.end(Buffer.from(zip)))
  servers.push(server)
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/bill.zip`
}

function ownAlipay (): SealedStoreSettings['alipay'] {
  const pair = () => generateKeyPairSync('rsa', { modulusLength: 2048 })
  return {
    appId: '2021000000000888',
    sellerId: '2088000000000888',
    privateKey: pair().privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: pair().publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    global: { partnerId: '2088000000000888', md5Key: 'abcdefghijklmnopqrstuvwxyz012345' } as never,
  }
}

describe('a bill line of no store\'s payment', () => {
  it('is reported by the default store for the shared account, and by a store on its own account', async () => {
    const app = await buildTestApp({ SECRETS_KEY: SECRETS_KEY.toString('hex'), DEMO_SEED: 'false' })
    const root = app.database.db
    for (const [id, settings] of [['sto_shared', null], ['sto_own', { alipay: ownAlipay() }]] as const) {
      await root.insertInto('stores').values({
        id, slug: id.replace('_', '-'), name: id, created_at: new Date().toISOString(),
        sealed_settings: settings === null ? null : seal(SECRETS_KEY, JSON.stringify(settings), id),
      }).execute()
    }
    const downloadUrl = await billLink()
    const counts: Record<string, number> = {}
    for (const id of [DEFAULT_STORE_ID, 'sto_shared', 'sto_own']) {
      const ctx = await app.stores.get(id)
      // Every account's bill here holds the one line (the stores' own gateways are not reachable in tests).
      const tradeBillUrl: AlipayGateway['tradeBillUrl'] = async () => ({ outcome: 'success', data: { downloadUrl } }) as never
      Object.defineProperty(ctx.alipay.gateway, 'tradeBillUrl', { value: tradeBillUrl, configurable: true })
      counts[id] = (await ctx.billReconciliation.run(DAY)).counts.onlyAtAlipay
    }
    expect(counts).toEqual({ [DEFAULT_STORE_ID]: 1, sto_shared: 0, sto_own: 1 })
    const alerts = await root.selectFrom('alerts').select('store_id').where('kind', '=', 'reconciliation.mismatch').orderBy('store_id').execute()
    expect(alerts.map(row => row.store_id)).toEqual([DEFAULT_STORE_ID, 'sto_own'])
  })
})
