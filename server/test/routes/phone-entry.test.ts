// /t/:code and /t/callback: a diner's phone enters through Alipay's authorization (the built-in emulator
// here, over real HTTP) and leaves with a tp_diner session bound to the table.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { App } from '../../src/app.js'
import { createTable, removeTable } from '../../src/repositories/tables.js'
import { buildApp } from '../../src/app.js'
import { createDinerSession, findOrCreateDiner } from '../../src/repositories/diners.js'
import { pairedTablet, startApp } from '../payments/fixtures.js'
import { buildTestApp, testConfig } from '../helper.js'
import { APP_ID, KEYS, SELLER_ID } from '../sandbox/helpers.js'
import type { Table } from '#shared/schemas/table.js'

const PUBLIC_URL = 'http://127.0.0.1:8080'
const ALIPAY_UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 AliApp(AP/10.5.30.6000) AlipayClient/10.5.30.6000 Language/zh-Hans'
const SAFARI_UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1'

interface Answer { status: number, html: string, headers: Headers }

async function open (url: string, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(url, { headers, redirect: 'manual' })
  return { status: response.status, html: await response.text(), headers: response.headers }
}

/** The name=value pairs of every Set-Cookie, and the whole header of `name` for its attributes. */
function setCookie (headers: Headers, name: string): { pair: string, header: string } {
  const header = headers.getSetCookie().find(cookie => cookie.startsWith(`${name}=`))
  if (header === undefined) throw new Error(`no ${name} cookie in ${JSON.stringify(headers.getSetCookie())}`)
  return { pair: header.split(';')[0]!, header }
}

/** An absolute URL under PUBLIC_URL, reached on the test server's real port. */
function onServer (base: string, url: string): string {
  const parsed = new URL(url, PUBLIC_URL)
  expect(parsed.origin).toBe(PUBLIC_URL)
  return `${base}${parsed.pathname}${parsed.search}`
}

function pageOf (answer: Answer): { page: string | undefined, lang: string | undefined, retry: string | undefined } {
  return {
    page: /data-page="([^"]+)"/.exec(answer.html)?.[1],
    lang: /<html lang="([^"]+)"/.exec(answer.html)?.[1],
    retry: /href="([^"]+)" data-testid="phone-entry-retry"/.exec(answer.html)?.[1],
  }
}

interface Entry { state: string, browser: string, authorizeUrl: string }

/** The phone inside Alipay opens the table link: a redirect to the authorization page and the tp_oauth cookie. */
async function enter (base: string, table: Table, browser?: string): Promise<Entry> {
  const answer = await open(`${base}/t/${table.code}`, { 'user-agent': ALIPAY_UA, ...(browser ? { cookie: browser } : {}) })
  expect(answer.status).toBe(302)
  const location = new URL(answer.headers.get('location') ?? '')
  return { state: location.searchParams.get('state') ?? '', browser: setCookie(answer.headers, 'tp_oauth').pair, authorizeUrl: location.href }
}

/** On the emulator's authorization page, the tester taps one of its links; where Alipay sends the phone back. */
async function authorize (base: string, entry: Entry, testId: string, buyerCookie?: string): Promise<string> {
  const page = await open(onServer(base, entry.authorizeUrl), buyerCookie ? { cookie: buyerCookie } : {})
  expect(page.status).toBe(200)
  const buyer = buyerCookie ?? setCookie(page.headers, 'sandbox_buyer').pair
  const href = new RegExp(`href="([^"]+)" data-testid="${testId}"`).exec(page.html)?.[1]?.replaceAll('&amp;', '&')
  expect(href, page.html).toBeTruthy()
  const chosen = await open(new URL(href!, onServer(base, entry.authorizeUrl)).href, { cookie: buyer })
  expect(chosen.status).toBe(302)
  return chosen.headers.get('location') ?? ''
}

async function tableIn (app: App, label = 'T1'): Promise<Table> {
  return createTable(app.db, { label })
}

describe('GET /t/:code', () => {
  it('sends a phone inside Alipay to the authorization page with every parameter, and sets tp_oauth', async () => {
    const { app, base } = await startApp({ DEMO_SEED: 'false' })
    const table = await tableIn(app)
    const answer = await open(`${base}/t/${table.code}`, { 'user-agent': ALIPAY_UA })
    expect(answer.status).toBe(302)
    expect(answer.headers.get('cache-control')).toBe('no-store')
    const location = new URL(answer.headers.get('location') ?? '')
    expect(`${location.origin}${location.pathname}`).toBe(`${PUBLIC_URL}/sandbox/oauth2/publicAppAuthorize.htm`)
    expect([...location.searchParams.keys()].sort()).toEqual(['app_id', 'redirect_uri', 'scope', 'state'])
    expect(location.searchParams.get('app_id')).toBe(app.alipay.appId)
    expect(location.searchParams.get('scope')).toBe('auth_base')
    expect(location.searchParams.get('redirect_uri')).toBe(`${PUBLIC_URL}/t/callback`)
    expect(location.search).toContain(`redirect_uri=${encodeURIComponent(`${PUBLIC_URL}/t/callback`)}`)
    expect(location.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/)
    const { header } = setCookie(answer.headers, 'tp_oauth')
    expect(header).toMatch(/^tp_oauth=[A-Za-z0-9_-]{43}; Max-Age=900; Path=\/; HttpOnly; SameSite=Lax$/)

    // The same browser keeps its cookie: a second tab does not void the first one's state.
    const again = await open(`${base}/t/${table.code}`, { 'user-agent': ALIPAY_UA, cookie: header.split(';')[0]! })
    expect(setCookie(again.headers, 'tp_oauth').pair).toBe(header.split(';')[0])
    expect(new URL(again.headers.get('location') ?? '').searchParams.get('state')).not.toBe(location.searchParams.get('state'))
  })

  it('asks other browsers to use Alipay, in their language, with a link through the emulator in sandbox-local mode', async () => {
    const { app, base } = await startApp({ DEMO_SEED: 'false' })
    const table = await tableIn(app)
    const english = await open(`${base}/t/${table.code}`, { 'user-agent': SAFARI_UA, 'accept-language': 'en-GB,en;q=0.9' })
    expect(english.status).toBe(200)
    expect(english.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(english.headers.get('content-security-policy')).toContain("default-src 'self'")
    expect(pageOf(english)).toMatchObject({ page: 'open-in-alipay', lang: 'en' })
    expect(english.html).toContain('<h1>Open this link with Alipay</h1>')
    expect(english.html).not.toMatch(/<script|https?:\/\//)
    expect(english.headers.getSetCookie()).toEqual([])

    const chinese = await open(`${base}/t/${table.code}`, { 'user-agent': SAFARI_UA, 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' })
    expect(pageOf(chinese)).toMatchObject({ page: 'open-in-alipay', lang: 'zh-CN' })
    expect(chinese.html).toContain('<h1>请用支付宝打开此链接</h1>')

    const link = /href="([^"]+)" data-testid="phone-entry-emulator"/.exec(english.html)?.[1]?.replaceAll('&amp;', '&')
    expect(link).toBe(`/t/${table.code}?emulator=1`)
    const through = await open(`${base}${link}`, { 'user-agent': SAFARI_UA })
    expect(through.status).toBe(302)
    expect(through.headers.get('location')).toContain(`${PUBLIC_URL}/sandbox/oauth2/publicAppAuthorize.htm?`)
  })

  it('answers an unknown or retired table code with a clear page and no redirect', async () => {
    const { app, base } = await startApp({ DEMO_SEED: 'false' })
    const unknown = await open(`${base}/t/abcdefghjkmn`, { 'user-agent': ALIPAY_UA, 'accept-language': 'zh' })
    expect(unknown.status).toBe(404)
    expect(pageOf(unknown)).toMatchObject({ page: 'unknown-table', lang: 'zh-CN' })
    expect(unknown.headers.get('location')).toBeNull()

    const table = await tableIn(app, 'T9')
    expect(await removeTable(app.db, table.id)).toBe(true)
    const retired = await open(`${base}/t/${table.code}`, { 'user-agent': ALIPAY_UA })
    expect(retired.status).toBe(404)
    expect(pageOf(retired)).toMatchObject({ page: 'unknown-table', lang: 'en' })
  })

  it('uses Alipay\'s own authorization page in the remote modes, and offers no emulator there', async () => {
    const app = await buildTestApp({
      DEMO_SEED: 'false', ALIPAY_MODE: 'production', ALIPAY_APP_ID: APP_ID, ALIPAY_SELLER_ID: SELLER_ID,
      ALIPAY_PRIVATE_KEY: KEYS.merchant.privateKey, ALIPAY_PUBLIC_KEY: KEYS.alipay.publicKey, PUBLIC_URL: 'https://order.tablepad.test',
    })
    const table = await tableIn(app)
    const inside = await app.inject({ url: `/t/${table.code}`, headers: { 'user-agent': ALIPAY_UA } })
    expect(inside.statusCode).toBe(302)
    const location = new URL(inside.headers.location as string)
    expect(`${location.origin}${location.pathname}`).toBe('https://openauth.alipay.com/oauth2/publicAppAuthorize.htm')
    expect(location.searchParams.get('app_id')).toBe(APP_ID)
    expect(location.searchParams.get('redirect_uri')).toBe('https://order.tablepad.test/t/callback')
    expect(String(inside.headers['set-cookie'])).toContain('Secure')

    const outside = await app.inject({ url: `/t/${table.code}?emulator=1`, headers: { 'user-agent': SAFARI_UA } })
    expect(outside.statusCode).toBe(200)
    expect(outside.body).toContain('data-page="open-in-alipay"')
    expect(outside.body).not.toContain('phone-entry-emulator')
  })

  it('leaves /t/:code/menu to the phone app served by the kiosk plugin', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tablepad-kiosk-'))
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>kiosk shell</title>')
    const app = await buildApp({ config: testConfig({ DEMO_SEED: 'false' }), serveKiosk: true, kioskDir: dir })
    try {
      await app.ready()
      const table = await tableIn(app)
      const menu = await app.inject({ url: `/t/${table.code}/menu`, headers: { 'user-agent': ALIPAY_UA } })
      expect(menu.statusCode).toBe(200)
      expect(menu.body).toContain('kiosk shell')
      const entry = await app.inject({ url: `/t/${table.code}`, headers: { 'user-agent': ALIPAY_UA } })
      expect(entry.statusCode).toBe(302)
    } finally {
      await app.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('GET /t/callback', () => {
  it('turns a user_id authorization into a tp_diner session at the table and opens the phone app', async () => {
    const { app, base } = await startApp({ DEMO_SEED: 'false' })
    const table = await tableIn(app, 'T4')
    const entry = await enter(base, table)
    const back = await authorize(base, entry, 'sandbox-oauth-allow-user-id')
    expect(back.startsWith(`${PUBLIC_URL}/t/callback?`)).toBe(true)
    const callback = await open(onServer(base, back), { cookie: entry.browser })
    expect(callback.status).toBe(302)
    expect(callback.headers.get('location')).toBe(`/t/${table.code}/menu`)
    const { pair, header } = setCookie(callback.headers, 'tp_diner')
    expect(header).toMatch(/^tp_diner=[A-Za-z0-9_-]{43}; Max-Age=14400; Path=\/; HttpOnly; SameSite=Lax$/)

    const session = await app.findDinerByToken(pair.slice('tp_diner='.length))
    expect(session).toMatchObject({ tableId: table.id, tableLabel: 'T4' })
    const diner = await app.db.selectFrom('diners').selectAll().where('id', '=', session!.dinerId).executeTakeFirstOrThrow()
    expect(diner.alipay_user_id).toMatch(/^2088\d{12}$/)
    expect(diner.alipay_open_id).toBeNull()

    // Replayed: the state is used up, the page offers to start again at the table.
    const replay = await open(onServer(base, back), { cookie: entry.browser, 'accept-language': 'zh-CN' })
    expect(replay.status).toBe(400)
    expect(pageOf(replay)).toEqual({ page: 'state-invalid', lang: 'zh-CN', retry: `/t/${table.code}` })
  })

  it('names the diner by open_id when that is all Alipay answers, and knows them again next time', async () => {
    const { app, base } = await startApp({ DEMO_SEED: 'false' })
    const table = await tableIn(app)
    const buyer = 'sandbox_buyer=2088000000000301'
    const signIn = async () => {
      const entry = await enter(base, table)
      const callback = await open(onServer(base, await authorize(base, entry, 'sandbox-oauth-allow-open-id', buyer)), { cookie: entry.browser })
      expect(callback.status).toBe(302)
      return (await app.findDinerByToken(setCookie(callback.headers, 'tp_diner').pair.slice('tp_diner='.length)))!
    }
    const first = await signIn()
    const diner = await app.db.selectFrom('diners').selectAll().where('id', '=', first.dinerId).executeTakeFirstOrThrow()
    expect(diner.alipay_user_id).toBeNull()
    expect(diner.alipay_open_id).toMatch(/^0[A-Za-z0-9_-]{42}$/)
    const second = await signIn()
    expect(second.dinerId).toBe(first.dinerId)
    expect(await app.db.selectFrom('diners').select('id').execute()).toHaveLength(1)
  })

  it('refuses a state from another browser, a missing state and a made-up one', async () => {
    const { app, base } = await startApp({ DEMO_SEED: 'false' })
    const table = await tableIn(app)
    const entry = await enter(base, table)
    const back = await authorize(base, entry, 'sandbox-oauth-allow')
    const otherBrowser = await open(onServer(base, back))
    expect(otherBrowser.status).toBe(400)
    expect(pageOf(otherBrowser)).toMatchObject({ page: 'state-invalid', retry: `/t/${table.code}` })
    expect(otherBrowser.headers.getSetCookie().some(cookie => cookie.startsWith('tp_diner='))).toBe(false)

    const noState = await open(`${base}/t/callback?auth_code=abc`, { cookie: entry.browser })
    expect(noState.status).toBe(400)
    expect(pageOf(noState)).toMatchObject({ page: 'state-invalid', retry: undefined })
    const madeUp = await open(`${base}/t/callback?auth_code=abc&state=${'x'.repeat(43)}`, { cookie: entry.browser })
    expect(madeUp.status).toBe(400)
    expect(pageOf(madeUp)).toMatchObject({ page: 'state-invalid', retry: undefined })

    // The right browser can still finish: a stranger's attempt does not burn the state.
    expect((await open(onServer(base, back), { cookie: entry.browser })).status).toBe(302)
  })

  it('explains a refusal on Alipay\'s page, with a retry', async () => {
    const { app, base } = await startApp({ DEMO_SEED: 'false' })
    const table = await tableIn(app)
    const entry = await enter(base, table)
    const back = await authorize(base, entry, 'sandbox-oauth-deny')
    expect(new URL(back).searchParams.get('auth_code')).toBeNull()
    const denied = await open(onServer(base, back), { cookie: entry.browser, 'accept-language': 'en' })
    expect(denied.status).toBe(403)
    expect(pageOf(denied)).toEqual({ page: 'denied', lang: 'en', retry: `/t/${table.code}` })
  })

  it('explains an auth code Alipay refuses (isv.code-invalid)', async () => {
    const { app, base } = await startApp({ DEMO_SEED: 'false' })
    const table = await tableIn(app)
    const entry = await enter(base, table)
    const invalid = await open(`${base}/t/callback?auth_code=not-a-code&state=${entry.state}&app_id=${app.alipay.appId}&source=alipay_wallet&scope=auth_base`, { cookie: entry.browser, 'accept-language': 'zh-CN' })
    expect(invalid.status).toBe(400)
    expect(pageOf(invalid)).toEqual({ page: 'code-invalid', lang: 'zh-CN', retry: `/t/${table.code}` })
  })

  it('says Alipay cannot be reached when oauth.token has no answer', async () => {
    const { app, base } = await startApp({ DEMO_SEED: 'false' })
    const table = await tableIn(app)
    const entry = await enter(base, table)
    const back = await authorize(base, entry, 'sandbox-oauth-allow')
    const faults = await fetch(`${base}/sandbox/faults`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ unavailableRate: 1, methods: ['alipay.system.oauth.token'] }),
    })
    expect(faults.status).toBe(200)
    const unavailable = await open(onServer(base, back), { cookie: entry.browser })
    expect(unavailable.status).toBe(503)
    expect(pageOf(unavailable)).toMatchObject({ page: 'alipay-unavailable', retry: `/t/${table.code}` })
  })

  it('limits how often the callback may be called, with a page', async () => {
    const app = await buildTestApp({ DEMO_SEED: 'false' })
    let last = await app.inject({ url: '/t/callback?state=x' })
    for (let i = 0; i < 25 && last.statusCode !== 429; i++) last = await app.inject({ url: '/t/callback?state=x' })
    expect(last.statusCode).toBe(429)
    expect(last.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(last.body).toContain('data-page="rate-limited"')
  })
})

describe('requireTableSession', () => {
  /** An app with a probe route behind the pre-handler, as the table's routes use it. */
  async function probeApp (): Promise<App> {
    const app = await buildApp({ config: testConfig({ DEMO_SEED: 'false' }) })
    app.get('/probe', { preHandler: app.requireTableSession }, async request => request.tableSession)
    await app.ready()
    return app
  }

  it('is a diner with tp_diner alone, a tablet whenever tp_device is sent, and 401 DINER_SESSION_EXPIRED for a stale phone', async () => {
    const app = await probeApp()
    try {
      const table = await createTable(app.db, { label: 'T5' })
      const diner = await findOrCreateDiner(app.db, { userId: '2088000000000201' })
      const token = await createDinerSession(app.db, diner.id, table.id)
      const tablet = await pairedTablet(app, 'T6')
      const probe = async (cookie: string) => {
        const answer = await app.inject({ url: '/probe', headers: cookie ? { cookie } : {} })
        return { status: answer.statusCode, body: answer.json() as unknown }
      }

      expect(await probe(`tp_diner=${token}`)).toEqual({ status: 200, body: { kind: 'diner', dinerId: diner.id, tableId: table.id, tableLabel: 'T5', deviceId: null } })
      expect(await probe(tablet.cookie)).toEqual({ status: 200, body: { kind: 'tablet', deviceId: tablet.deviceId, tableId: tablet.tableId, tableLabel: 'T6', dinerId: null } })
      expect(await probe(`tp_diner=${token}; ${tablet.cookie}`)).toMatchObject({ body: { kind: 'tablet' } })
      expect(await probe('tp_diner=stale')).toMatchObject({ status: 401, body: { code: 'DINER_SESSION_EXPIRED' } })
      expect(await probe(`tp_diner=${token}; tp_device=unknown`)).toMatchObject({ status: 401, body: { code: 'DEVICE_UNKNOWN' } })
      expect(await probe('')).toMatchObject({ status: 401, body: { code: 'DEVICE_UNKNOWN' } })
    } finally {
      await app.close()
    }
  })
})
