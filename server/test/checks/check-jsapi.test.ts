// A diner pays their share of the check inside the Alipay app (alipay_jsapi): the server creates the trade for
// the buyer Alipay's oauth.token named (by user id or by open id), and the payment counts even when the
// emulator's notification never arrives, because the reconciler asks Alipay. A tablet cannot pay that way.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { App } from '../../src/app.js'
import { createTable } from '../../src/repositories/tables.js'
import { loadState } from '../../sandbox/state-file.js'
import type { Trade } from '../../sandbox/trades.js'
import { splitAnswer } from '../sandbox/helpers.js'
import { api, orderStatus, pairedTablet, payAtAlipay, paymentStatus, setFaults, startApp, until, type RunningApp } from '../payments/fixtures.js'
import { countPayments, getCheck, orderRice, payCheck, RICE } from './fixtures.js'
import type { Table } from '#shared/schemas/table.js'

const ALIPAY_UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 AliApp(AP/10.5.30.6000) AlipayClient/10.5.30.6000 Language/zh-Hans'

interface SignedInDiner {
  cookie: string
  /** The emulated Alipay buyer (2088…) who allowed the app. */
  buyerId: string
  diner: { id: string, alipay_user_id: string | null, alipay_open_id: string | null }
}

function cookiePair (headers: Headers, name: string): string {
  const header = headers.getSetCookie().find(cookie => cookie.startsWith(`${name}=`))
  if (header === undefined) throw new Error(`no ${name} cookie in ${JSON.stringify(headers.getSetCookie())}`)
  return header.split(';')[0]!
}

async function open (url: string, headers: Record<string, string> = {}): Promise<{ status: number, html: string, headers: Headers }> {
  const response = await fetch(url, { headers, redirect: 'manual' })
  return { status: response.status, html: await response.text(), headers: response.headers }
}

/**
 * A phone inside Alipay opens the table link, the buyer allows the app on the emulator's page (whose link decides
 * whether oauth.token answers a user_id or an open_id), and /t/callback gives it a tp_diner session.
 */
async function signInAtTable ({ app, base }: RunningApp, table: Table, answers: 'user-id' | 'open-id'): Promise<SignedInDiner> {
  // Absolute URLs name PUBLIC_URL; the test server listens elsewhere on loopback.
  const onServer = (url: string): string => {
    const parsed = new URL(url, app.config.publicUrl)
    return `${base}${parsed.pathname}${parsed.search}`
  }
  const entry = await open(`${base}/t/${table.code}`, { 'user-agent': ALIPAY_UA })
  expect(entry.status).toBe(302)
  const browser = cookiePair(entry.headers, 'tp_oauth')
  const authorizeUrl = onServer(entry.headers.get('location') ?? '')
  const page = await open(authorizeUrl)
  expect(page.status).toBe(200)
  const buyer = cookiePair(page.headers, 'sandbox_buyer')
  const buyerId = /data-testid="sandbox-oauth-buyer">(2088\d{12})</.exec(page.html)?.[1]
  const allow = new RegExp(`href="([^"]+)" data-testid="sandbox-oauth-allow-${answers}"`).exec(page.html)?.[1]?.replaceAll('&amp;', '&')
  expect(buyerId, page.html).toBeDefined()
  expect(allow, page.html).toBeDefined()
  const allowed = await open(new URL(allow!, authorizeUrl).href, { cookie: buyer })
  expect(allowed.status).toBe(302)
  const callback = await open(onServer(allowed.headers.get('location') ?? ''), { cookie: browser })
  expect(callback.status).toBe(302)
  const cookie = cookiePair(callback.headers, 'tp_diner')
  const session = await app.findDinerByToken(cookie.slice('tp_diner='.length))
  const diner = await app.db.selectFrom('diners').select(['id', 'alipay_user_id', 'alipay_open_id']).where('id', '=', session!.dinerId).executeTakeFirstOrThrow()
  return { cookie, buyerId: buyerId!, diner }
}

async function tableFor (app: App): Promise<Table> {
  return createTable(app.db, { label: `J${Math.floor(Math.random() * 1e6)}` })
}

/**
 * The trade as the emulator stored it. It keeps no copy of the request; its state journal holds each trade
 * whole, written before the gateway answers, so it is what trade.create delivered.
 */
function storedTrade (dataDir: string, outTradeNo: string): Trade {
  const trade = loadState(join(dataDir, 'alipay-sandbox', 'state.json'))?.trades.find(t => t.outTradeNo === outTradeNo)
  if (trade === undefined) throw new Error(`the emulator stored no trade ${outTradeNo}`)
  return trade
}

/** product_code is kept only inside the fingerprint by which the emulator recognises the same create again. */
function productCodeOf (trade: Trade): unknown {
  return (JSON.parse(trade.fingerprint) as unknown[])[3]
}

/** alipay.trade.query's answer node, as the gateway sent it, through the server's own client. */
async function queryAnswer (app: App, outTradeNo: string): Promise<Record<string, unknown>> {
  const result = await app.alipay.gateway.query({ outTradeNo })
  expect(result.outcome).toBe('success')
  return JSON.parse(splitAnswer(result.raw?.responseText ?? '').nodeText) as Record<string, unknown>
}

/** Yuan as Alipay writes it, computed apart from the code under test. */
const yuan = (fen: number): string => (fen / 100).toFixed(2)

describe('paying the check inside the Alipay app (alipay_jsapi)', () => {
  it('creates the trade for the diner oauth.token named by user_id, as buyer_id, with no QR', async () => {
    const running = await startApp()
    const { app, dataDir } = running
    const table = await tableFor(app)
    const diner = await signInAtTable(running, table, 'user-id')
    expect(diner.diner).toMatchObject({ alipay_user_id: diner.buyerId, alipay_open_id: null })
    const order = await orderRice(app, diner.cookie, 2)

    const paying = await payCheck(app, diner.cookie, { method: 'alipay_jsapi', scope: 'mine' })
    expect(paying.status).toBe(201)
    expect(paying.body).toMatchObject({ method: 'alipay_jsapi', status: 'waiting', amount: order.total, qrCode: null, tradeNo: expect.any(String) })

    const trade = storedTrade(dataDir, paying.body.id)
    expect(trade).toMatchObject({ kind: 'create', state: 'WAIT_BUYER_PAY', tradeNo: paying.body.tradeNo, amount: order.total, buyerId: diner.buyerId })
    expect(trade.buyerOpenId).toBeUndefined()
    expect(productCodeOf(trade)).toBe('JSAPI_PAY')
    expect(trade.subject).toContain(app.config.store.name)
    expect(trade.subject).toContain(table.label)

    const answer = await queryAnswer(app, paying.body.id)
    expect(answer).toMatchObject({ code: '10000', trade_status: 'WAIT_BUYER_PAY', total_amount: yuan(order.total), buyer_user_id: diner.buyerId })
    expect(answer).not.toHaveProperty('buyer_open_id')
    expect(await app.db.selectFrom('payments').select(['buyer_id', 'buyer_open_id', 'trade_no', 'qr_code']).where('id', '=', paying.body.id).executeTakeFirst())
      .toEqual({ buyer_id: diner.buyerId, buyer_open_id: null, trade_no: paying.body.tradeNo, qr_code: null })
  })

  it('creates the trade for a diner known only by open_id, as buyer_open_id', async () => {
    const running = await startApp()
    const { app, dataDir } = running
    const table = await tableFor(app)
    const diner = await signInAtTable(running, table, 'open-id')
    expect(diner.diner).toMatchObject({ alipay_user_id: null, alipay_open_id: expect.any(String) })
    const openId = diner.diner.alipay_open_id!
    const order = await orderRice(app, diner.cookie, 1)

    const paying = await payCheck(app, diner.cookie, { method: 'alipay_jsapi', scope: 'mine' })
    expect(paying.status).toBe(201)
    expect(paying.body).toMatchObject({ amount: order.total, qrCode: null, tradeNo: expect.any(String) })

    // Named by open id alone, the trade still belongs to the buyer who signed in.
    const trade = storedTrade(dataDir, paying.body.id)
    expect(trade).toMatchObject({ kind: 'create', tradeNo: paying.body.tradeNo, amount: order.total, buyerOpenId: openId, buyerId: diner.buyerId })
    expect(productCodeOf(trade)).toBe('JSAPI_PAY')
    expect(trade.subject).toContain(table.label)

    const answer = await queryAnswer(app, paying.body.id)
    expect(answer).toMatchObject({ code: '10000', total_amount: yuan(order.total), buyer_open_id: openId })
    expect(answer).not.toHaveProperty('buyer_user_id')
    expect(await app.db.selectFrom('payments').select(['buyer_id', 'buyer_open_id']).where('id', '=', paying.body.id).executeTakeFirst())
      .toEqual({ buyer_id: null, buyer_open_id: openId })
  })

  it('is marked paid by the reconciler\'s query when Alipay\'s notification never arrives', async () => {
    const running = await startApp()
    const { app, base } = running
    const table = await tableFor(app)
    const diner = await signInAtTable(running, table, 'user-id')
    const order = await orderRice(app, diner.cookie, 1)
    await setFaults(base, { notify: { drop: true } })

    const paying = await payCheck(app, diner.cookie, { method: 'alipay_jsapi', scope: 'mine' })
    expect(paying.status).toBe(201)
    expect(await payAtAlipay(base, paying.body.id)).toBe(200)
    await until(async () => (await paymentStatus(app, paying.body.id)) === 'paid', 10_000, 'the JSAPI payment paid')

    const notifications = await api<Array<{ outTradeNo: string, state: string }>>(base, '/sandbox/notifications')
    expect(notifications.body.filter(record => record.outTradeNo === paying.body.id).map(record => record.state)).toEqual(['dropped'])
    const paidBy = await app.db.selectFrom('payment_events').select('source').where('payment_id', '=', paying.body.id).where('kind', '=', 'paid').execute()
    expect(paidBy).toEqual([{ source: 'reconciler' }])
    // Pay-first: the paid order goes to the kitchen, and the check owes nothing.
    expect(await orderStatus(app, order.id)).toBe('paid')
    expect((await getCheck(app, diner.cookie)).body).toMatchObject({ total: order.total, paid: order.total, due: 0, pending: 0 })
  })

  it('refuses alipay_jsapi from a tablet with 422 JSAPI_NEEDS_DINER and writes no payment', async () => {
    const { app } = await startApp()
    const tablet = await pairedTablet(app)
    await orderRice(app, tablet.cookie, 1)
    const before = await countPayments(app)

    const refused = await payCheck(app, tablet.cookie, { method: 'alipay_jsapi', scope: 'all' })
    expect(refused.status).toBe(422)
    expect(refused.body.code).toBe('JSAPI_NEEDS_DINER')
    expect(await countPayments(app)).toBe(before)
    expect((await getCheck(app, tablet.cookie)).body).toMatchObject({ due: RICE.price, pending: 0, payments: [] })
  })
})
