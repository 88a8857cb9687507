// One signed call to the Global MAPI `gateway.do`, classified into answer / failure / unknown (PROTOCOL §4.1, §6).
import { type GatewayExchange, type GatewayFailure, type GatewayUnknown } from '../gateway.js'
import { compact, type FetchFn } from '../open-api-client.js'
import { alipayTimestamp } from '../timestamp.js'
import { exchange } from './mapi-http.js'
import { buildMapiPreString, type MapiKeys, signMapi, signMapiAsync } from './mapi-sign.js'
import { answerSignature, type MapiFields, parseMapiAnswer } from './mapi-xml.js'

/** Sent in the URL and in the form, and the charset everything is signed in. */
export const MAPI_INPUT_CHARSET = 'UTF-8'

export interface MapiClientConfig {
  /** e.g. `https://globalmapi.alipay.com/gateway.do`, without `_input_charset` (it is added). */
  gatewayUrl: string
  /** The PID, `2088` + 12 digits. */
  partnerId: string
  keys: MapiKeys
  timeoutMs: number
  fetch: FetchFn
  now: () => Date
}

export interface MapiCall {
  /** e.g. `alipay.acquire.precreate`. */
  service: string
  /** Business params; absent and empty ones are neither sent nor signed. */
  params?: Readonly<Record<string, string | undefined>>
}

export interface MapiRequest {
  params: Record<string, string>
  preString: string
  url: string
  body: string
}

/** `result_code` SUCCESS under a valid signature. */
export interface MapiAnswerOutcome {
  outcome: 'answer'
  response: MapiFields
  raw: GatewayExchange
}

/** A definite refusal; `response` is there when it came as `result_code` FAIL (cancel reads its `retry_flag`). */
export type MapiFailure = GatewayFailure & { response?: MapiFields }

export type MapiOutcome = MapiAnswerOutcome | MapiFailure | GatewayUnknown

/**
 * `is_success=F` errors that say the gateway refused the request as such (key, partner, parameters,
 * contract), so nothing happened. Any other `is_success=F` (SYSTEM_ERROR, a code we do not know) stays unknown.
 */
const DEFINITE_GATEWAY_ERROR = /^(?:ILLEGAL_[A-Z0-9_]+|HAS_NO_PRIVILEGE|EXTERFACE_IS_CLOSED|INVALID_CHARACTER_SET)$/
/** `result_code` FAIL with one of these means Alipay does not know either (§6: retry with the same params). */
const SYSTEM_ERROR_CODES = new Set(['SYSTEM_ERROR', 'SYSTEM_EXCEPTION', 'UNKNOWN_ERROR'])
/** `UNKNOW` is Alipay's spelling; the correct one is accepted too. */
const UNKNOWN_RESULT_CODES = new Set(['UNKNOW', 'UNKNOWN'])

/** Builds the signed request exactly as it goes on the wire. */
export function buildMapiRequest (config: MapiClientConfig, call: MapiCall): MapiRequest {
  const { params, preString } = unsignedParams(config, call)
  return assemble(config, params, preString, signMapi(preString, config.keys, MAPI_INPUT_CHARSET))
}

/** buildMapiRequest with RSA signing in the thread pool: the same request. */
export async function buildMapiRequestAsync (config: MapiClientConfig, call: MapiCall): Promise<MapiRequest> {
  const { params, preString } = unsignedParams(config, call)
  return assemble(config, params, preString, await signMapiAsync(preString, config.keys, MAPI_INPUT_CHARSET))
}

function unsignedParams (config: MapiClientConfig, call: MapiCall): { params: Record<string, string>, preString: string } {
  const params: Record<string, string> = {
    ...compact(call.params ?? {}) as Record<string, string>,
    service: call.service,
    partner: config.partnerId,
    _input_charset: MAPI_INPUT_CHARSET,
    // Beijing time whatever the server's zone; Alipay refuses a request more than 30 minutes old.
    timestamp: alipayTimestamp(config.now()),
  }
  return { params, preString: buildMapiPreString(params) }
}

function assemble (config: MapiClientConfig, params: Record<string, string>, preString: string, sign: string): MapiRequest {
  params.sign = sign
  params.sign_type = config.keys.signType
  const body = Object.entries(params).map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`).join('&')
  return { params, preString, url: gatewayUrlWithCharset(config.gatewayUrl), body }
}

/** A POST must name its charset in the URL too, or the gateway decodes the form as GBK. */
export function gatewayUrlWithCharset (gatewayUrl: string): string {
  const url = new URL(gatewayUrl)
  url.searchParams.set('_input_charset', MAPI_INPUT_CHARSET)
  return url.toString()
}

/** Sends one call; resolves for every outcome, including timeouts and network errors. */
export async function callMapi (config: MapiClientConfig, call: MapiCall): Promise<MapiOutcome> {
  const request = await buildMapiRequestAsync(config, call)
  const raw: GatewayExchange = { method: call.service, signContent: request.preString, requestUrl: request.url, requestBody: request.body }
  const answer = await exchange(config.fetch, request.url, {
    method: 'POST',
    headers: { 'content-type': `application/x-www-form-urlencoded; charset=${MAPI_INPUT_CHARSET}`, accept: 'text/xml, application/xml' },
    body: request.body,
  }, config.timeoutMs, raw)
  if ('outcome' in answer) return answer
  if (answer.status < 200 || answer.status > 299) return { outcome: 'unknown', reason: 'http-status', detail: `HTTP ${answer.status}`, raw }
  if (answer.text === undefined) return { outcome: 'unknown', reason: 'malformed', detail: answer.decodeError, raw }
  return classify(answer.text, answer.charset ?? MAPI_INPUT_CHARSET, config.keys, raw)
}

function classify (text: string, charset: string, keys: MapiKeys, raw: GatewayExchange): MapiOutcome {
  const parsed = parseMapiAnswer(text)
  if (!parsed.ok) return { outcome: 'unknown', reason: 'malformed', detail: parsed.detail, raw }
  const { answer } = parsed
  if (!answer.isSuccess) {
    const error = answer.error
    if (error !== undefined && DEFINITE_GATEWAY_ERROR.test(error)) return { outcome: 'failure', code: error, msg: error, raw }
    return { outcome: 'unknown', reason: 'system-error', detail: `is_success=F with error ${error ?? '(none)'}`, ...(error ? { code: error } : {}), raw }
  }
  const signature = answerSignature(answer, keys, charset)
  const response = answer.response
  const resultCode = response?.result_code
  const subCode = nonEmpty(response?.detail_error_code) ?? nonEmpty(response?.error)
  const subMsg = nonEmpty(response?.detail_error_des)
  const details = { ...(resultCode ? { code: resultCode } : {}), ...(subCode ? { subCode } : {}), ...(subMsg ? { subMsg } : {}) }
  // A signature that is present but wrong means tampering or a misconfigured key: trust nothing in it.
  if (signature === 'invalid') {
    return { outcome: 'unknown', reason: 'bad-signature', detail: `the <response> signature does not verify with the ${keys.signType} key`, ...details, raw }
  }
  if (response === undefined) return { outcome: 'unknown', reason: 'malformed', detail: 'is_success=T without <response>', raw }
  if (resultCode === 'SUCCESS') {
    if (signature !== 'valid') return { outcome: 'unknown', reason: 'bad-signature', detail: 'an unsigned SUCCESS is not trusted', ...details, raw }
    return { outcome: 'answer', response, raw }
  }
  if (resultCode !== undefined && UNKNOWN_RESULT_CODES.has(resultCode)) {
    return { outcome: 'unknown', reason: 'system-error', detail: `result_code ${resultCode}`, ...details, raw }
  }
  if (resultCode === 'FAIL') {
    if (subCode !== undefined && SYSTEM_ERROR_CODES.has(subCode)) {
      return { outcome: 'unknown', reason: 'system-error', detail: `result_code FAIL with ${subCode}`, ...details, raw }
    }
    return { outcome: 'failure', code: 'FAIL', msg: subMsg ?? subCode ?? '', ...(subCode ? { subCode } : {}), ...(subMsg ? { subMsg } : {}), response, raw }
  }
  return { outcome: 'unknown', reason: 'malformed', detail: `result_code ${JSON.stringify(resultCode ?? null)}`, raw }
}

function nonEmpty (value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value
}
