// The diner's phone: authorization page, oauth.token (single-use codes), trade.create, the cashier and the JS bridge.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { answerVerifies, APP_ID, callGateway, manualClock, openPage, outTradeNo, SELLER_ID, startSandbox, type TestSandbox } from './helpers.js'

let sandbox: TestSandbox
const clock = manualClock()

beforeAll(async () => { sandbox = await startSandbox({ now: clock.now }) })
afterAll(async () => { await sandbox.app.close() })

const call = (method: string, biz: Record<string, unknown> | undefined, params: Record<string, string> = {}) =>
  callGateway(sandbox, method, biz, { now: clock.now(), params })

/** Opens the authorization page, taps Allow (or another of its links), and returns where Alipay sends the buyer back. */
async function authorize (state = 'table-7', cookie?: string, testId = 'sandbox-oauth-allow'): Promise<{ redirect: URL, cookie: string }> {
  const query = new URLSearchParams({ app_id: APP_ID, scope: 'auth_base', redirect_uri: 'http://192.0.2.10:8080/auth/alipay/callback', state })
  const page = await openPage(`${sandbox.base}/oauth/authorize?${query}`, 'GET', cookie)
  expect(page.status).toBe(200)
  const buyerCookie = cookie ?? (page.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
  const href = new RegExp(`href="([^"]+)" data-testid="${testId}"`).exec(page.html)?.[1]?.replaceAll('&amp;', '&')
  expect(href).toBeTruthy()
  const allow = await openPage(new URL(href ?? '', `${sandbox.base}/oauth/authorize`).href, 'GET', buyerCookie)
  expect(allow.status).toBe(302)
  return { redirect: new URL(allow.headers.get('location') ?? ''), cookie: buyerCookie }
}

describe('authorization and alipay.system.oauth.token', () => {
  it('redirects with auth_code, app_id, source, scope and state; the code gives user_id and open_id once', async () => {
    const { redirect } = await authorize()
    expect(redirect.origin + redirect.pathname).toBe('http://192.0.2.10:8080/auth/alipay/callback')
    expect(Object.fromEntries(redirect.searchParams)).toMatchObject({ app_id: APP_ID, source: 'alipay_wallet', scope: 'auth_base', state: 'table-7' })
    const code = redirect.searchParams.get('auth_code') ?? ''

    const token = await call('alipay.system.oauth.token', undefined, { grant_type: 'authorization_code', code })
    expect(token.nodeName).toBe('alipay_system_oauth_token_response')
    expect(token.node.user_id).toMatch(/^2088\d{12}$/)
    expect(token.node).toMatchObject({ expires_in: expect.any(Number), re_expires_in: expect.any(Number) })
    for (const key of ['open_id', 'access_token', 'refresh_token']) expect(token.node[key]).toBeTruthy()
    expect(answerVerifies(token)).toBe(true)

    const reused = await call('alipay.system.oauth.token', undefined, { grant_type: 'authorization_code', code })
    expect(reused.nodeName).toBe('error_response')
    expect(reused.node).toMatchObject({ code: '40002', sub_code: 'isv.code-invalid' })

    const refreshed = await call('alipay.system.oauth.token', undefined, { grant_type: 'refresh_token', refresh_token: String(token.node.refresh_token) })
    expect(refreshed.node.user_id).toBe(token.node.user_id)
  })

  it('keeps one buyer per browser and gives another browser another buyer', async () => {
    const first = await authorize('a')
    const again = await authorize('b', first.cookie)
    const other = await authorize('c')
    const userOf = async (redirect: URL): Promise<unknown> =>
      (await call('alipay.system.oauth.token', undefined, { grant_type: 'authorization_code', code: redirect.searchParams.get('auth_code') ?? '' })).node.user_id
    const [a, b, c] = [await userOf(first.redirect), await userOf(again.redirect), await userOf(other.redirect)]
    expect(a).toBe(b)
    expect(c).not.toBe(a)
  })

  it('answers only user_id, or only open_id, as the tester chose for the app, also on refresh', async () => {
    const token = async (testId: string) => {
      const { redirect } = await authorize('kinds', undefined, testId)
      return call('alipay.system.oauth.token', undefined, { grant_type: 'authorization_code', code: redirect.searchParams.get('auth_code') ?? '' })
    }
    const userIdOnly = await token('sandbox-oauth-allow-user-id')
    expect(userIdOnly.node.user_id).toMatch(/^2088\d{12}$/)
    expect(userIdOnly.node).not.toHaveProperty('open_id')
    expect(answerVerifies(userIdOnly)).toBe(true)
    const openIdOnly = await token('sandbox-oauth-allow-open-id')
    expect(openIdOnly.node.open_id).toMatch(/^0[A-Za-z0-9_-]{42}$/)
    expect(openIdOnly.node).not.toHaveProperty('user_id')
    const refreshed = await call('alipay.system.oauth.token', undefined, { grant_type: 'refresh_token', refresh_token: String(openIdOnly.node.refresh_token) })
    expect(refreshed.node.open_id).toBe(openIdOnly.node.open_id)
    expect(refreshed.node).not.toHaveProperty('user_id')

    // A trade for the buyer named by that open id alone.
    const no = outTradeNo()
    const created = await call('alipay.trade.create', { out_trade_no: no, total_amount: '3.00', subject: 'Tea', buyer_open_id: openIdOnly.node.open_id, product_code: 'JSAPI_PAY' })
    expect(created.node).toMatchObject({ code: '10000', out_trade_no: no })
  })

  it('lets the tester switch to another Alipay account on the page', async () => {
    const first = await authorize('a')
    const page = await openPage(`${sandbox.base}/oauth/authorize?${new URLSearchParams({ app_id: APP_ID, redirect_uri: 'http://192.0.2.10:8080/cb', state: 's' })}`, 'GET', first.cookie)
    const shown = /data-testid="sandbox-oauth-buyer">(\d+)</.exec(page.html)?.[1]
    expect(`sandbox_buyer=${shown}`).toBe(first.cookie)
    const switchHref = /href="([^"]+)" data-testid="sandbox-oauth-switch-buyer"/.exec(page.html)?.[1]?.replaceAll('&amp;', '&') ?? ''
    expect(switchHref).toContain('buyer=new')
    const switched = await openPage(new URL(switchHref, `${sandbox.base}/oauth/authorize`).href, 'GET', first.cookie)
    const newCookie = (switched.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
    expect(newCookie).toMatch(/^sandbox_buyer=2088\d{12}$/)
    expect(newCookie).not.toBe(first.cookie)
    // The page's own links do not carry the switch on: Allow keeps the new account.
    expect(switched.html).not.toMatch(/allow\?[^"]*buyer=new/)
  })

  it('goes back without an auth_code when the buyer cancels', async () => {
    const { redirect } = await authorize('table-9', undefined, 'sandbox-oauth-deny')
    expect(redirect.origin + redirect.pathname).toBe('http://192.0.2.10:8080/auth/alipay/callback')
    expect(redirect.searchParams.get('state')).toBe('table-9')
    expect(redirect.searchParams.get('auth_code')).toBeNull()
  })

  it('refuses an expired code', async () => {
    const { redirect } = await authorize()
    clock.advance(10 * 60_000)
    const late = await call('alipay.system.oauth.token', undefined, { grant_type: 'authorization_code', code: redirect.searchParams.get('auth_code') ?? '' })
    expect(late.node.sub_code).toBe('isv.code-invalid')
  })

  it('refuses a wrong app_id or redirect_uri on the authorization page', async () => {
    const wrongApp = await openPage(`${sandbox.base}/oauth/authorize?app_id=1&redirect_uri=http%3A%2F%2Fx%2F`)
    expect(wrongApp.status).toBe(400)
    const wrongUri = await openPage(`${sandbox.base}/oauth/authorize?app_id=${APP_ID}&redirect_uri=javascript%3Aalert(1)`)
    expect(wrongUri.status).toBe(400)
  })
})

describe('alipay.trade.create and the cashier', () => {
  it('creates a waiting trade at once for the buyer, which the cashier pays', async () => {
    const { redirect, cookie } = await authorize()
    const token = await call('alipay.system.oauth.token', undefined, { grant_type: 'authorization_code', code: redirect.searchParams.get('auth_code') ?? '' })
    const no = outTradeNo()
    const created = await call('alipay.trade.create', { out_trade_no: no, total_amount: '23.00', subject: 'Noodles', buyer_id: token.node.user_id, product_code: 'JSAPI_PAY' })
    expect(created.node).toMatchObject({ code: '10000', out_trade_no: no })
    const tradeNo = String(created.node.trade_no)
    expect(tradeNo).toMatch(/^\d{28}$/)

    const waiting = await call('alipay.trade.query', { trade_no: tradeNo })
    expect(waiting.node).toMatchObject({ trade_status: 'WAIT_BUYER_PAY', buyer_user_id: token.node.user_id })

    const same = await call('alipay.trade.create', { out_trade_no: no, total_amount: '23.00', subject: 'Noodles', buyer_id: token.node.user_id, product_code: 'JSAPI_PAY' })
    expect(same.node.trade_no).toBe(tradeNo)
    const otherBuyer = await call('alipay.trade.create', { out_trade_no: no, total_amount: '23.00', subject: 'Noodles', buyer_id: '2088000000000002' })
    expect(otherBuyer.node.sub_code).toBe('ACQ.TRADE_BUYER_NOT_MATCH')

    const cashier = await openPage(`${sandbox.base}/cashier/${tradeNo}`, 'GET', cookie)
    expect(cashier.status).toBe(200)
    expect(cashier.html).toContain('¥23.00')
    expect(cashier.html).toContain('data-testid="sandbox-pay"')
    const paid = await openPage(`${sandbox.base}/cashier/${tradeNo}/pay`, 'POST', cookie)
    expect(paid.html).toContain('data-result-code="9000"')
    expect(paid.html).toContain('<script src="../../cashier-result.js">')
    expect(paid.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect((await call('alipay.trade.query', { out_trade_no: no })).node.trade_status).toBe('TRADE_SUCCESS')
  })

  it('answers by open id when the merchant names the buyer by open id', async () => {
    const { redirect } = await authorize()
    const token = await call('alipay.system.oauth.token', undefined, { grant_type: 'authorization_code', code: redirect.searchParams.get('auth_code') ?? '' })
    const no = outTradeNo()
    await call('alipay.trade.create', { out_trade_no: no, total_amount: '2.00', subject: 'Tea', buyer_open_id: token.node.open_id })
    const query = await call('alipay.trade.query', { out_trade_no: no })
    expect(query.node.buyer_open_id).toBe(token.node.open_id)
    expect(query.node.buyer_user_id).toBeUndefined()
  })

  it('declining in the cashier reports 6001 and leaves the trade waiting; a closed trade cannot be paid there', async () => {
    const no = outTradeNo()
    const created = await call('alipay.trade.create', { out_trade_no: no, total_amount: '4.00', subject: 'Rice', buyer_id: '2088000000000003' })
    const tradeNo = String(created.node.trade_no)
    const declined = await openPage(`${sandbox.base}/cashier/${tradeNo}/decline`, 'POST')
    expect(declined.html).toContain('data-result-code="6001"')
    expect((await call('alipay.trade.query', { trade_no: tradeNo })).node.trade_status).toBe('WAIT_BUYER_PAY')
    await call('alipay.trade.close', { trade_no: tradeNo })
    const pay = await openPage(`${sandbox.base}/cashier/${tradeNo}/pay`, 'POST')
    expect(pay.status).toBe(410)
    expect(pay.html).toContain('data-result-code="4000"')
    expect((await call('alipay.trade.query', { trade_no: tradeNo })).node.trade_status).toBe('TRADE_CLOSED')
  })

  it('requires a buyer and refuses the seller as buyer', async () => {
    const none = await call('alipay.trade.create', { out_trade_no: outTradeNo(), total_amount: '1.00', subject: 's' })
    expect(none.node.sub_code).toBe('ACQ.INVALID_PARAMETER')
    const self = await call('alipay.trade.create', { out_trade_no: outTradeNo(), total_amount: '1.00', subject: 's', buyer_id: SELLER_ID })
    expect(self.node.sub_code).toBe('ACQ.BUYER_SELLER_EQUAL')
  })

  it('serves the AlipayJSBridge shim and the cashier result script as JavaScript', async () => {
    const bridge = await fetch(`${sandbox.base}/jsbridge.js`)
    expect(bridge.headers.get('content-type')).toBe('application/javascript; charset=utf-8')
    const js = await bridge.text()
    expect(js).toContain('window.AlipayJSBridge')
    expect(js).toContain("'tradePay'")
    expect(js).toContain('AlipayJSBridgeReady')
    expect(() => new Function(js)).not.toThrow()
    const result = await (await fetch(`${sandbox.base}/cashier-result.js`)).text()
    expect(() => new Function(result)).not.toThrow()
  })
})
