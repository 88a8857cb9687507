// Test-only merchant for the emulator's tests: its own signer and verifier (node:crypto), a notification receiver, polling.
import { pollUntil } from '../poll.js'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'
import { createSign, createVerify, generateKeyPairSync, type KeyObject, createPrivateKey, createPublicKey } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import iconv from 'iconv-lite'
import type { FastifyInstance } from 'fastify'
import { buildSandboxApp } from '../../sandbox/app.js'
import type { SandboxOptions } from '../../sandbox/options.js'

export interface KeyPairPem { privateKey: string, publicKey: string }

export function rsaPair (): KeyPairPem {
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  })
}

// Generating RSA keys is slow: one set for every test file.
export const KEYS = { merchant: rsaPair(), alipay: rsaPair(), stranger: rsaPair() }
export const APP_ID = '2021000122671080'
export const SELLER_ID = '2088102177640001'

const ALGORITHMS = { RSA2: 'RSA-SHA256', RSA: 'RSA-SHA1' } as const
export type TestSignType = keyof typeof ALGORITHMS

/** Beijing `yyyy-MM-dd HH:mm:ss`, written independently of the emulator's own formatter. */
export function beijing (epochMs: number): string {
  return new Date(epochMs + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ')
}

/** The merchant's string to sign (PROTOCOL §1.4), as a client SDK builds it. */
export function signContent (params: Record<string, string>): string {
  return Object.keys(params).filter(k => k !== 'sign' && params[k] !== '').sort().map(k => `${k}=${params[k]}`).join('&')
}

export function sign (text: string, privateKeyPem: string, signType: TestSignType = 'RSA2', encoding = 'utf-8'): string {
  return createSign(ALGORITHMS[signType]).update(iconv.encode(text, encoding)).sign(createPrivateKey(privateKeyPem), 'base64')
}

export function verify (text: string | Buffer, signature: string, publicKeyPem: string, signType: TestSignType = 'RSA2'): boolean {
  const key: KeyObject = createPublicKey(publicKeyPem)
  return createVerify(ALGORITHMS[signType]).update(text).verify(key, signature, 'base64')
}

export interface TestSandbox {
  app: FastifyInstance
  base: string
  gateway: string
  opts: SandboxOptions
}

export async function startSandbox (overrides: Partial<SandboxOptions> = {}): Promise<TestSandbox> {
  const opts: SandboxOptions = {
    appId: APP_ID,
    sellerId: SELLER_ID,
    merchantPublicKey: KEYS.merchant.publicKey,
    alipayPrivateKey: KEYS.alipay.privateKey,
    publicUrl: 'http://192.0.2.10:8080/sandbox',
    notifyRetryDelaysMs: [20, 20, 20],
    merchantName: 'Test Bistro',
    ...overrides,
  }
  const app = await buildSandboxApp(opts)
  const address = await app.listen({ host: '127.0.0.1', port: 0 })
  return { app, base: `${address}/sandbox`, gateway: `${address}/sandbox/gateway.do`, opts }
}

/** The path of a qr_code, which names the public URL, on the test server. */
export function localScanUrl (sandbox: TestSandbox, qrCode: string): string {
  return `${sandbox.base}${new URL(qrCode).pathname.replace(/^\/sandbox/, '')}`
}

export interface CallOptions {
  signType?: TestSignType
  privateKey?: string
  /** `split`: system params in the query, biz_content in the body (official SDKs); `body`: all in the body. */
  placement?: 'split' | 'body'
  /** Extra or replacing common params; `undefined` removes one. */
  params?: Record<string, string | undefined>
  notifyUrl?: string
  now?: number
  charset?: string
  /** Change the params after signing (a tampered request). */
  tamper?: (params: Record<string, string>) => void
  signal?: AbortSignal
}

export interface GatewayAnswer {
  status: number
  contentType: string | null
  text: string
  nodeName: string
  nodeText: string
  node: Record<string, unknown>
  sign: string | undefined
}

/** Splits `{"<node>":<text>,"sign":"…"}` without re-serialising, as a merchant must (PROTOCOL §1.6). */
export function splitAnswer (text: string): { nodeName: string, nodeText: string, sign: string | undefined } {
  const match = /^\{"([a-z_]+)":(\{.*\})(?:,"sign":"([^"]+)")?\}$/s.exec(text)
  if (!match) throw new Error(`unexpected gateway answer: ${text}`)
  return { nodeName: match[1] as string, nodeText: match[2] as string, sign: match[3] }
}

function formEncode (params: Record<string, string>, encoding: string): string {
  return Object.entries(params).map(([k, v]) => {
    const bytes = iconv.encode(v, encoding)
    let value = ''
    for (const byte of bytes) value += /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(byte)) && byte < 0x80 ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
    return `${encodeURIComponent(k)}=${value}`
  }).join('&')
}

export async function callGateway (sandbox: TestSandbox, method: string, biz: Record<string, unknown> | undefined, options: CallOptions = {}): Promise<GatewayAnswer> {
  const charset = options.charset ?? 'utf-8'
  const encoding = charset.toLowerCase()
  const params: Record<string, string> = {
    app_id: APP_ID,
    method,
    format: 'JSON',
    charset,
    sign_type: options.signType ?? 'RSA2',
    timestamp: beijing(options.now ?? Date.now()),
    version: '1.0',
  }
  if (options.notifyUrl !== undefined) params.notify_url = options.notifyUrl
  if (biz !== undefined) params.biz_content = JSON.stringify(biz)
  for (const [key, value] of Object.entries(options.params ?? {})) {
    if (value === undefined) Reflect.deleteProperty(params, key)
    else params[key] = value
  }
  params.sign = sign(signContent(params), options.privateKey ?? KEYS.merchant.privateKey, options.signType ?? 'RSA2', encoding)
  options.tamper?.(params)

  const bodyKeys = options.placement === 'body' ? Object.keys(params) : ['biz_content']
  const query: Record<string, string> = {}
  const body: Record<string, string> = {}
  for (const [key, value] of Object.entries(params)) (bodyKeys.includes(key) ? body : query)[key] = value
  const response = await fetch(`${sandbox.gateway}?${formEncode(query, encoding)}`, {
    method: 'POST',
    headers: { 'content-type': `application/x-www-form-urlencoded;charset=${charset}` },
    body: formEncode(body, encoding),
    signal: options.signal ?? null,
  })
  const text = await response.text()
  const parts = splitAnswer(text)
  return { status: response.status, contentType: response.headers.get('content-type'), text, ...parts, node: JSON.parse(parts.nodeText) as Record<string, unknown> }
}

/** True when the answer's sign verifies over the raw node text with the Alipay public key. */
export function answerVerifies (answer: GatewayAnswer, signType: TestSignType = 'RSA2'): boolean {
  return answer.sign !== undefined && verify(Buffer.from(answer.nodeText, 'utf8'), answer.sign, KEYS.alipay.publicKey, signType)
}

export interface ReceivedNotification {
  headers: IncomingHttpHeaders
  raw: Buffer
  fields: Record<string, string>
  answeredWith: string
}

/** A merchant's notify_url: records every POST and answers what `reply` says (default `success`). */
export class NotifyReceiver {
  readonly received: ReceivedNotification[] = []
  reply: (n: ReceivedNotification, index: number) => string = () => 'success'
  #server: Server | undefined
  url = ''

  async start (): Promise<this> {
    this.#server = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (chunk: Buffer) => chunks.push(chunk))
      req.on('end', () => {
        const raw = Buffer.concat(chunks)
        const fields = decodeNotification(raw, String(req.headers['content-type'] ?? ''))
        const entry: ReceivedNotification = { headers: req.headers, raw, fields, answeredWith: '' }
        entry.answeredWith = this.reply(entry, this.received.length)
        this.received.push(entry)
        res.writeHead(200, { 'content-type': 'text/plain' }).end(entry.answeredWith)
      })
    })
    await new Promise<void>(resolve => this.#server?.listen(0, '127.0.0.1', resolve))
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/notify`
    return this
  }

  async close (): Promise<void> {
    const server = this.#server
    if (server === undefined) return
    server.closeAllConnections()
    await new Promise<void>(resolve => server.close(() => resolve()))
  }
}

/** Decodes a form body once, in the charset of its Content-Type (PROTOCOL §3.2 step 1). */
export function decodeNotification (raw: Buffer, contentType: string): Record<string, string> {
  const encoding = /charset=([\w-]+)/i.exec(contentType)?.[1]?.toLowerCase() ?? 'utf-8'
  const fields: Record<string, string> = {}
  for (const part of raw.toString('latin1').split('&')) {
    const [key = '', value = ''] = part.split('=')
    const bytes = (text: string): Buffer => Buffer.from(text.replace(/\+/g, ' ').replace(/%([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1')
    fields[iconv.decode(bytes(key), encoding)] = iconv.decode(bytes(value), encoding)
  }
  return fields
}

/** PROTOCOL §3.2: drop sign and sign_type, keep empty values, sort, verify in the notification's charset. */
export function notificationVerifies (fields: Record<string, string>, publicKeyPem = KEYS.alipay.publicKey): boolean {
  const content = Object.keys(fields).filter(k => k !== 'sign' && k !== 'sign_type').sort().map(k => `${k}=${fields[k]}`).join('&')
  const signType = fields.sign_type === 'RSA' ? 'RSA' : 'RSA2'
  return verify(iconv.encode(content, fields.charset ?? 'utf-8'), fields.sign ?? '', publicKeyPem, signType)
}

/** Polls until `check` returns a value, or fails after `timeoutMs` (`pollUntil` with this file's argument order). */
export async function waitFor<T> (check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 5_000, what = 'condition'): Promise<T> {
  return pollUntil(check, { what, timeoutMs, everyMs: 15 })
}

/** A clock the test moves by hand. */
export function manualClock (start = Date.now()): { now: () => number, advance: (ms: number) => void } {
  let current = start
  return { now: () => current, advance: ms => { current += ms } }
}

let counter = 0
export function outTradeNo (): string {
  return `T${Date.now()}_${++counter}`
}

/** GET or POST a page the way a phone browser would (form posts carry an empty form body). */
export async function openPage (url: string, method: 'GET' | 'POST' = 'GET', cookie?: string): Promise<{ status: number, html: string, headers: Headers }> {
  const headers: Record<string, string> = {}
  if (cookie !== undefined) headers.cookie = cookie
  if (method === 'POST') headers['content-type'] = 'application/x-www-form-urlencoded'
  const response = await fetch(url, { method, headers, body: method === 'POST' ? '' : null, redirect: 'manual' })
  return { status: response.status, html: await response.text(), headers: response.headers }
}

/** Emulators and state folders a test file starts and makes: closed and removed after each test. */
export function cleanedAfterEach (): { running: TestSandbox[], stateFileIn: (prefix: string, name: string) => string } {
  const dirs: string[] = []
  const running: TestSandbox[] = []
  afterEach(async () => {
    for (const sandbox of running.splice(0)) await sandbox.app.close()
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  })
  return {
    running,
    stateFileIn (prefix, name) {
      const dir = mkdtempSync(join(tmpdir(), prefix))
      dirs.push(dir)
      return join(dir, name)
    },
  }
}
