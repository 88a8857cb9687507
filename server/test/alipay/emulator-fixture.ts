// Our Alipay client wired to the sandbox emulator over loopback HTTP: fresh keys, a notify receiver, buyer actions, polling.
import { pollUntil } from '../poll.js'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { buildSandboxApp } from '../../sandbox/app.js'
import { sandboxKeyPair } from '../../sandbox/keys.js'
import type { SandboxFaultsInput } from '../../sandbox/options.js'
import type { AlipayGateway } from '../../src/alipay/gateway.js'
import { createOpenApiGateway, type OpenApiGatewayOptions } from '../../src/alipay/open-api-gateway.js'
import type { SignType } from '../../src/alipay/sign.js'

export const APP_ID = '2021000199887766'
export const SELLER_ID = '2088102100112233'

export interface KeyPair { privateKey: string, publicKey: string }

/** One POST that reached our notify_url, as it came off the wire. */
export interface ReceivedNotification {
  raw: Buffer
  contentType: string | undefined
  /** A quick look for finding the one a test waits for; tests verify `raw` with the real code. */
  peek: URLSearchParams
}

/** A merchant notify_url on loopback that records every body and answers `success`. */
export interface NotifyReceiver {
  url: string
  origin: string
  received: ReceivedNotification[]
  close: () => Promise<void>
}

export async function startReceiver (): Promise<NotifyReceiver> {
  const received: ReceivedNotification[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const raw = Buffer.concat(chunks)
      received.push({ raw, contentType: req.headers['content-type'], peek: new URLSearchParams(raw.toString('latin1')) })
      res.writeHead(200, { 'content-type': 'text/plain' }).end('success')
    })
  })
  const origin = await listen(server)
  return { url: `${origin}/alipay/notify`, origin, received, close: async () => closeServer(server) }
}

async function listen (server: Server): Promise<string> {
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

async function closeServer (server: Server): Promise<void> {
  server.closeAllConnections()
  await new Promise<void>(resolve => server.close(() => resolve()))
}

export interface Emulator {
  app: FastifyInstance
  /** `http://127.0.0.1:<port>/sandbox`: what the emulator also uses as its publicUrl. */
  base: string
  gatewayUrl: string
  merchant: KeyPair
  alipay: KeyPair
  receiver: NotifyReceiver
  /** Our client, configured as production would be, aimed at the emulator. */
  client: (overrides?: Partial<OpenApiGatewayOptions>) => AlipayGateway
  setFaults: (faults: SandboxFaultsInput) => Promise<void>
  clearFaults: () => Promise<void>
  close: () => Promise<void>
}

/**
 * The HTTP server listens first, so the emulator can be built with its real loopback URL as
 * publicUrl and its qr_code URLs open as they are, with nothing rewritten.
 */
export async function startEmulator (signType: SignType = 'RSA2'): Promise<Emulator> {
  const merchant = sandboxKeyPair()
  const alipay = sandboxKeyPair()
  const receiver = await startReceiver()
  const server = createServer()
  const base = `${await listen(server)}/sandbox`
  const app = await buildSandboxApp({
    appId: APP_ID,
    sellerId: SELLER_ID,
    merchantPublicKey: merchant.publicKey,
    alipayPrivateKey: alipay.privateKey,
    publicUrl: base,
    notifyRetryDelaysMs: [20, 20, 20],
    merchantName: 'Gateway Test Bistro',
  }, {
    logger: false,
    serverFactory: handler => server.on('request', handler),
  })
  const admin = async (method: 'POST' | 'DELETE', body?: unknown): Promise<void> => {
    const response = await fetch(`${base}/faults`, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    })
    if (!response.ok) throw new Error(`${method} /sandbox/faults: HTTP ${response.status} ${await response.text()}`)
  }
  return {
    app,
    base,
    gatewayUrl: `${base}/gateway.do`,
    merchant,
    alipay,
    receiver,
    client: overrides => createOpenApiGateway({
      gatewayUrl: `${base}/gateway.do`,
      appId: APP_ID,
      privateKey: merchant.privateKey,
      alipayPublicKey: alipay.publicKey,
      signType,
      timeoutMs: 3000,
      notifyUrl: receiver.url,
      sellerId: SELLER_ID,
      ...overrides,
    }),
    setFaults: async faults => admin('POST', faults),
    clearFaults: async () => admin('DELETE'),
    async close () {
      // app.close() stops the emulator's timers and lets go of calls it holds to fake a timeout.
      await app.close()
      await closeServer(server)
      await receiver.close()
    },
  }
}

/** Polls `check` until it returns a value; never a fixed sleep. */
export async function until<T> (check: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 3000): Promise<T> {
  return pollUntil(check, { what, timeoutMs, everyMs: 10 })
}

/** Waits for the notification about `outTradeNo` in `tradeStatus` (and with `refundFee`, when given). */
export async function notificationFor (
  receiver: NotifyReceiver,
  outTradeNo: string,
  tradeStatus: string,
  refundFee?: string,
): Promise<ReceivedNotification> {
  return until(() => receiver.received.find(n =>
    n.peek.get('out_trade_no') === outTradeNo &&
    n.peek.get('trade_status') === tradeStatus &&
    (refundFee === undefined || n.peek.get('refund_fee') === refundFee)), `a ${tradeStatus} notification for ${outTradeNo}`)
}

let counter = 0
export function newOutTradeNo (prefix = 'gw'): string {
  return `${prefix}_${Date.now()}_${++counter}`
}

const cookieOf = (response: Response): string | undefined => response.headers.get('set-cookie')?.split(';')[0]

/** The last `href="…"` / `action="…"` before `marker` in a page, HTML entities undone, resolved against the page URL. */
function linkBefore (html: string, attribute: 'href' | 'action', marker: string, pageUrl: string): string {
  const at = html.indexOf(marker)
  const start = at === -1 ? -1 : html.lastIndexOf(`${attribute}="`, at)
  if (start === -1) throw new Error(`no ${attribute} before ${marker} in ${html}`)
  const valueStart = start + attribute.length + 2
  const raw = html.slice(valueStart, html.indexOf('"', valueStart))
  const named: Record<string, string> = { amp: '&', quot: '"', lt: '<', gt: '>', apos: "'" }
  const text = raw.replace(/&(#\d+|[a-z]+);/g, (entity, name: string) =>
    name.startsWith('#') ? String.fromCharCode(Number(name.slice(1))) : named[name] ?? entity)
  return new URL(text, pageUrl).href
}

export interface ScannedQr {
  status: number
  html: string
  /** The buyer the emulator saw (its cookie), for the pay step. */
  cookie: string | undefined
  /** The Pay button's form target, when the page offers one. */
  payUrl: string | undefined
}

/** A phone opens the qr_code URL exactly as the kiosk would show it. */
export async function scanQr (qrCode: string, cookie?: string): Promise<ScannedQr> {
  const response = await fetch(qrCode, { headers: cookie === undefined ? {} : { cookie }, redirect: 'manual' })
  const html = await response.text()
  const payUrl = html.includes('data-testid="sandbox-pay"') ? linkBefore(html, 'action', 'data-testid="sandbox-pay"', qrCode) : undefined
  return { status: response.status, html, cookie: cookieOf(response) ?? cookie, payUrl }
}

/** The buyer taps Pay: the form post the confirm page makes. */
export async function submitForm (url: string, cookie: string | undefined): Promise<{ status: number, html: string }> {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' }
  if (cookie !== undefined) headers.cookie = cookie
  const response = await fetch(url, { method: 'POST', headers, body: '' })
  return { status: response.status, html: await response.text() }
}

/**
 * The H5 OAuth a diner's phone goes through: the authorize page, then its Allow link, which
 * redirects to our redirect_uri with a single-use auth_code.
 */
export async function authorizeBuyer (emulator: Emulator, state = 'table-7'): Promise<{ authCode: string, cookie: string | undefined, redirect: URL }> {
  const redirectUri = `${emulator.receiver.origin}/t/7`
  const query = new URLSearchParams({ app_id: APP_ID, scope: 'auth_base', redirect_uri: redirectUri, state })
  const pageUrl = `${emulator.base}/oauth2/publicAppAuthorize.htm?${query.toString()}`
  const page = await fetch(pageUrl, { redirect: 'manual' })
  const html = await page.text()
  if (page.status !== 200) throw new Error(`authorize page: HTTP ${page.status} ${html}`)
  const cookie = cookieOf(page)
  const allowUrl = linkBefore(html, 'href', 'data-testid="sandbox-oauth-allow"', pageUrl)
  const allowed = await fetch(allowUrl, { headers: cookie === undefined ? {} : { cookie }, redirect: 'manual' })
  await allowed.arrayBuffer()
  const location = allowed.headers.get('location')
  if (allowed.status !== 302 || location === null) throw new Error(`allow: HTTP ${allowed.status} without a redirect`)
  const redirect = new URL(location)
  const authCode = redirect.searchParams.get('auth_code')
  if (authCode === null) throw new Error(`allow redirected without auth_code: ${location}`)
  return { authCode, cookie, redirect }
}

/** The 2088… buyer id in the emulator's buyer cookie. */
export function buyerIdOf (cookie: string | undefined): string | undefined {
  return cookie === undefined ? undefined : /=(2088\d{12})$/.exec(cookie)?.[1]
}
