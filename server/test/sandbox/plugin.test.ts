// The emulator mounted in a parent app that parses forms its own way and sends helmet's strict CSP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import Fastify, { type FastifyInstance } from 'fastify'
import formbody from '@fastify/formbody'
import helmet from '@fastify/helmet'
import { sandboxPlugin } from '../../sandbox/plugin.js'
import { callGateway, KEYS, APP_ID, SELLER_ID, localScanUrl, openPage, outTradeNo, type TestSandbox } from './helpers.js'

let parent: FastifyInstance
let sandbox: TestSandbox

beforeAll(async () => {
  parent = Fastify()
  await parent.register(helmet)
  await parent.register(formbody)
  parent.post('/api/alipay/notify', async request => request.body)
  const opts = {
    appId: APP_ID,
    sellerId: SELLER_ID,
    merchantPublicKey: KEYS.merchant.publicKey,
    alipayPrivateKey: KEYS.alipay.privateKey,
    publicUrl: 'http://192.0.2.10:8080/sandbox',
  }
  await parent.register(sandboxPlugin, { ...opts, prefix: '/sandbox' })
  const address = await parent.listen({ host: '127.0.0.1', port: 0 })
  sandbox = { app: parent, base: `${address}/sandbox`, gateway: `${address}/sandbox/gateway.do`, opts }
})
afterAll(async () => { await parent.close() })

describe('sandboxPlugin inside another app', () => {
  it('verifies signatures over the raw form even though the parent parses forms', async () => {
    const answer = await callGateway(sandbox, 'alipay.trade.precreate', { out_trade_no: outTradeNo(), total_amount: '1.00', subject: 'a+b=c & 50%' })
    expect(answer.node.code).toBe('10000')
  })

  it('leaves the parent\'s own form parsing alone', async () => {
    const response = await fetch(`${sandbox.base.replace('/sandbox', '')}/api/alipay/notify`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'trade_status=TRADE_SUCCESS&subject=a%2Bb',
    })
    expect(await response.json()).toEqual({ trade_status: 'TRADE_SUCCESS', subject: 'a+b' })
  })

  it('sends its own CSP on its pages instead of the parent\'s', async () => {
    const answer = await callGateway(sandbox, 'alipay.trade.precreate', { out_trade_no: outTradeNo(), total_amount: '1.00', subject: 's' })
    const page = await openPage(localScanUrl(sandbox, String(answer.node.qr_code)))
    expect(page.status).toBe(200)
    const csp = page.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("style-src 'unsafe-inline'")
    expect(csp).toContain("script-src 'none'")
    expect(csp).not.toContain('upgrade-insecure-requests')
  })
})
