// One signed call to the Open Platform v2 `gateway.do`, classified into answer / failure / unknown (docs/alipay.md, "Requests and transport", "Unknown outcomes and retries").
import { type KeyObject } from 'node:crypto'
import { type GatewayExchange, type GatewayFailure, type GatewayUnknown } from './gateway.js'
import { decodeResponseBody, parseGatewayAnswer } from './response.js'
import { buildSignContent, signContent, signContentAsync, type SignType } from './sign.js'
import { alipayTimestamp } from './timestamp.js'

export type FetchFn = typeof fetch

export interface OpenApiClientConfig {
  gatewayUrl: string
  appId: string
  privateKey: KeyObject
  alipayPublicKey: KeyObject
  signType: SignType
  timeoutMs: number
  fetch: FetchFn
  now: () => Date
}

export interface OpenApiCall {
  /** e.g. `alipay.trade.precreate`. */
  method: string
  /** Business fields; sent as the `biz_content` JSON string. */
  bizContent?: Readonly<Record<string, unknown>>
  /** Other top-level params: `notify_url`, or `grant_type`/`code` of `alipay.system.oauth.token`. */
  params?: Readonly<Record<string, string | undefined>>
}

/** Alipay answered in a way that counts as done: 10000, or 10003 ("user paying"). */
export interface OpenApiAnswer {
  outcome: 'answer'
  code: string
  body: Readonly<Record<string, unknown>>
  raw: GatewayExchange
}

export type OpenApiOutcome = OpenApiAnswer | GatewayFailure | GatewayUnknown

export interface OpenApiRequest {
  params: Record<string, string>
  signContent: string
  url: string
  body: string
}

/** The system params the official SDKs put in the URL; everything else (biz_content, grant_type, code) goes in the body. */
const URL_PARAMS = new Set([
  'app_id', 'method', 'format', 'charset', 'sign_type', 'sign', 'timestamp', 'version', 'notify_url',
  'return_url', 'auth_token', 'app_auth_token', 'app_cert_sn', 'alipay_root_cert_sn',
])

const SUCCESS_CODES = new Set(['10000', '10003'])
const SYSTEM_ERROR_SUB_CODES = new Set(['ACQ.SYSTEM_ERROR', 'AQC.SYSTEM_ERROR', 'isp.unknow-error', 'aop.unknow-error'])
/** The only API whose success node carries no `code`. */
const CODELESS_METHODS = new Set(['alipay.system.oauth.token'])

/** Drops what must not be signed or sent: absent, empty and whitespace-only values (SDKs disagree on the latter). */
export function compact<T extends Readonly<Record<string, unknown>>> (fields: T): Partial<T> {
  const result: Partial<T> = {}
  for (const [key, value] of Object.entries(fields) as Array<[keyof T, unknown]>) {
    if (value === undefined || value === null) continue
    if (typeof value === 'string' && value.trim() === '') continue
    result[key] = value as T[keyof T]
  }
  return result
}

/** Builds the signed request exactly as it goes on the wire. */
export function buildOpenApiRequest (config: OpenApiClientConfig, call: OpenApiCall): OpenApiRequest {
  const { params, content } = unsignedParams(config, call)
  return assembleRequest(config, params, content, signContent(content, config.privateKey, config.signType))
}

/** buildOpenApiRequest, signing in the thread pool (signContentAsync): the same request. */
export async function buildOpenApiRequestAsync (config: OpenApiClientConfig, call: OpenApiCall): Promise<OpenApiRequest> {
  const { params, content } = unsignedParams(config, call)
  return assembleRequest(config, params, content, await signContentAsync(content, config.privateKey, config.signType))
}

function unsignedParams (config: OpenApiClientConfig, call: OpenApiCall): { params: Record<string, string>, content: string } {
  const params: Record<string, string> = {
    app_id: config.appId,
    method: call.method,
    format: 'JSON',
    charset: 'utf-8',
    sign_type: config.signType,
    timestamp: alipayTimestamp(config.now()),
    version: '1.0',
    ...compact(call.params ?? {}) as Record<string, string>,
  }
  if (call.bizContent) params.biz_content = JSON.stringify(compact(call.bizContent))
  return { params, content: buildSignContent(params) }
}

function assembleRequest (config: OpenApiClientConfig, params: Record<string, string>, content: string, sign: string): OpenApiRequest {
  params.sign = sign
  const query: string[] = []
  const form: string[] = []
  for (const [key, value] of Object.entries(params)) {
    const pair = `${encodeURIComponent(key)}=${encodeURIComponent(value)}`
    if (URL_PARAMS.has(key)) query.push(pair)
    else form.push(pair)
  }
  const separator = config.gatewayUrl.includes('?') ? '&' : '?'
  return { params, signContent: content, url: `${config.gatewayUrl}${separator}${query.join('&')}`, body: form.join('&') }
}

/** Sends one call; resolves for every outcome, including timeouts and network errors. */
export async function callOpenApi (config: OpenApiClientConfig, call: OpenApiCall): Promise<OpenApiOutcome> {
  const request = await buildOpenApiRequestAsync(config, call)
  const raw: GatewayExchange = {
    method: call.method,
    signContent: request.signContent,
    requestUrl: request.url,
    requestBody: request.body,
  }
  const controller = new AbortController()
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    controller.abort()
  }, config.timeoutMs)
  let status: number
  let contentType: string | undefined
  let bytes: Uint8Array
  try {
    const response = await config.fetch(request.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded;charset=utf-8',
        accept: 'application/json',
      },
      body: request.body,
      signal: controller.signal,
    })
    status = response.status
    contentType = response.headers.get('content-type') ?? undefined
    bytes = new Uint8Array(await response.arrayBuffer())
  } catch (error) {
    if (timedOut) return { outcome: 'unknown', reason: 'timeout', detail: `no complete answer within ${config.timeoutMs} ms`, raw }
    return { outcome: 'unknown', reason: 'network', detail: describeNetworkError(error), raw }
  } finally {
    clearTimeout(timer)
  }
  raw.httpStatus = status
  let decoded: { text: string, charset: string } | undefined
  let decodeError: string | undefined
  try {
    decoded = decodeResponseBody(bytes, contentType)
    raw.responseText = decoded.text
  } catch (error) {
    decodeError = (error as Error).message
  }
  if (status < 200 || status > 299) return { outcome: 'unknown', reason: 'http-status', detail: `HTTP ${status}`, raw }
  if (decoded === undefined) return { outcome: 'unknown', reason: 'malformed', detail: decodeError, raw }
  return classifyAnswer(decoded, call.method, config, raw)
}

function classifyAnswer (
  decoded: { text: string, charset: string },
  method: string,
  config: OpenApiClientConfig,
  raw: GatewayExchange,
): OpenApiOutcome {
  const parsed = parseGatewayAnswer(decoded.text, method, config.alipayPublicKey, config.signType, decoded.charset)
  if (!parsed.ok) return { outcome: 'unknown', reason: 'malformed', detail: parsed.detail, raw }
  const { answer } = parsed
  const body = answer.body
  const code = stringField(body.code) ?? (answer.node === 'method' && CODELESS_METHODS.has(method) ? '10000' : undefined)
  const subCode = stringField(body.sub_code)
  const subMsg = stringField(body.sub_msg)
  const details = { ...(code ? { code } : {}), ...(subCode ? { subCode } : {}), ...(subMsg ? { subMsg } : {}) }
  // A signature that is present but wrong means tampering or a misconfigured Alipay key: trust nothing in it.
  if (answer.signature === 'invalid') {
    return { outcome: 'unknown', reason: 'bad-signature', detail: `the ${answer.nodeName} signature does not verify with the Alipay public key`, ...details, raw }
  }
  if (code === undefined) return { outcome: 'unknown', reason: 'malformed', detail: `${answer.nodeName} has no code`, raw }
  if (code === '20000' || (subCode !== undefined && SYSTEM_ERROR_SUB_CODES.has(subCode))) {
    return { outcome: 'unknown', reason: 'system-error', detail: stringField(body.msg), ...details, raw }
  }
  if (SUCCESS_CODES.has(code)) {
    if (answer.node === 'error') return { outcome: 'unknown', reason: 'malformed', detail: `error_response with code ${code}`, ...details, raw }
    if (answer.signature !== 'valid') {
      return { outcome: 'unknown', reason: 'bad-signature', detail: `unsigned ${answer.nodeName} with code ${code} is not trusted`, ...details, raw }
    }
    return { outcome: 'answer', code, body, raw }
  }
  return {
    outcome: 'failure',
    code,
    msg: stringField(body.msg) ?? '',
    ...(subCode ? { subCode } : {}),
    ...(subMsg ? { subMsg } : {}),
    raw,
  }
}

function stringField (value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value
  if (typeof value === 'number') return String(value)
  return undefined
}

/** A network error as one line, with the cause's code (ECONNREFUSED…) when there is one. */
export function describeNetworkError (error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const cause = (error as Error & { cause?: unknown }).cause
  if (cause instanceof Error) {
    const code = (cause as Error & { code?: unknown }).code
    return `${error.message}: ${typeof code === 'string' ? code : cause.message}`
  }
  return error.message
}
