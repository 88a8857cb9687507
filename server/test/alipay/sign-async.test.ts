// The thread-pool signatures are the synchronous ones, byte for byte, on both sides of the gateway.
import { describe, expect, it } from 'vitest'
import { parsePrivateKey, parsePublicKey } from '../../src/alipay/keys.js'
import { buildOpenApiRequest, buildOpenApiRequestAsync, type OpenApiClientConfig } from '../../src/alipay/open-api-client.js'
import { signContent, signContentAsync } from '../../src/alipay/sign.js'
import { signText, signTextAsync } from '../../sandbox/signing.js'
import { ALIPAY_PUBLIC, APP_PRIVATE_PKCS8 } from './fixtures.js'

const key = parsePrivateKey(APP_PRIVATE_PKCS8)
const content = 'app_id=2021000000000000&biz_content={"subject":"荷塘小馆 #12"}&method=alipay.trade.precreate'

describe('signing in the thread pool', () => {
  it('gives the same RSA2 and RSA signatures as signContent, in UTF-8 and GBK', async () => {
    for (const signType of ['RSA2', 'RSA'] as const) {
      for (const charset of ['utf-8', 'gbk']) {
        expect(await signContentAsync(content, key, signType, charset)).toBe(signContent(content, key, signType, charset))
        expect(await signTextAsync(content, signType, key, charset)).toBe(signText(content, signType, key, charset))
      }
    }
  })

  it('builds the same request as buildOpenApiRequest', async () => {
    const config: OpenApiClientConfig = {
      gatewayUrl: 'https://openapi.example/gateway.do', appId: '2021000000000000', privateKey: key, alipayPublicKey: parsePublicKey(ALIPAY_PUBLIC),
      signType: 'RSA2', timeoutMs: 1000, fetch: globalThis.fetch, now: () => new Date('2026-01-02T03:04:05Z'),
    }
    const call = { method: 'alipay.trade.precreate', bizContent: { out_trade_no: 'pay_1', total_amount: '12.30', subject: '荷塘小馆 #12' }, params: { notify_url: 'https://x.example/n' } }
    expect(await buildOpenApiRequestAsync(config, call)).toEqual(buildOpenApiRequest(config, call))
  })
})
