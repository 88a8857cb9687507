// The one fetch client every face's endpoints go through: JSON (or raw bytes) out, JSON back, same-origin cookies,
// coded errors with the server's Retry-After, and the server clock read from every answer.

/** Codes the client itself gives to failures that never produced an API answer. */
export const ClientErrorEnum = {
  NETWORK: 'NETWORK_ERROR',
  TIMEOUT: 'TIMEOUT',
  BAD_RESPONSE: 'BAD_RESPONSE',
} as const

const DEFAULT_TIMEOUT_MS = 15_000

/** An API refusal (`{ code, message, details? }`) or a request that got no usable answer (status 0). */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly details: unknown
  /** Seconds the server asked us to wait (its Retry-After header), for "try again in 42 s"; null when it gave none. */
  readonly retryAfterS: number | null

  constructor (status: number, code: string, message: string, details?: unknown, retryAfterS: number | null = null) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.details = details
    this.retryAfterS = retryAfterS
  }

  /** True when the same request may succeed later: no answer, a timeout, rate limiting or a server fault. */
  get retryable (): boolean {
    return this.status === 0 || this.status === 408 || this.status === 429 || this.status >= 500
  }
}

export function isApiError (error: unknown): error is ApiError {
  return error instanceof ApiError
}

// The tablet's clock may be off; countdowns use the server's time (its Date header) instead.
let clockOffsetMs = 0

/** Milliseconds since the epoch on the server's clock, as last observed. */
export function serverNow (): number {
  return Date.now() + clockOffsetMs
}

function observeServerClock (response: Response): void {
  const header = response.headers.get('date')
  const serverTime = header ? Date.parse(header) : Number.NaN
  // Date has one-second resolution; ignore differences below that.
  if (Number.isFinite(serverTime) && Math.abs(serverTime - Date.now()) > 1_500) clockOffsetMs = serverTime - Date.now()
  else if (Number.isFinite(serverTime)) clockOffsetMs = 0
}

export interface RequestOptions {
  /** Sent as JSON. */
  body?: unknown
  /** Sent as it is, with its own type (an image upload); instead of `body`. */
  blob?: Blob
  headers?: Record<string, string>
  timeoutMs?: number
}

export interface RawResult<T> {
  status: number
  data: T | null
  headers: Headers
}

function isErrorBody (value: unknown): value is { code: string, message?: string, details?: unknown } {
  return typeof value === 'object' && value !== null && typeof (value as { code?: unknown }).code === 'string'
}

function retryAfterOf (response: Response): number | null {
  const seconds = Number(response.headers.get('retry-after'))
  return Number.isFinite(seconds) && seconds > 0 ? seconds : null
}

function bodyOf (options: RequestOptions, headers: Record<string, string>): BodyInit | undefined {
  if (options.blob !== undefined) {
    if (options.blob.type) headers['Content-Type'] = options.blob.type
    return options.blob
  }
  if (options.body === undefined) return undefined
  headers['Content-Type'] = 'application/json'
  return JSON.stringify(options.body)
}

async function readJson (response: Response): Promise<unknown> {
  const text = await response.text()
  if (text === '') return null
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

/** Sends one request and returns the status with the parsed body; throws ApiError for any failure. */
export async function requestRaw<T> (method: string, path: string, options: RequestOptions = {}): Promise<RawResult<T>> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers }
  const body = bodyOf(options, headers)
  let response: Response
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body,
      signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    })
  } catch (error) {
    const timedOut = error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')
    throw new ApiError(0, timedOut ? ClientErrorEnum.TIMEOUT : ClientErrorEnum.NETWORK, error instanceof Error ? error.message : String(error))
  }
  observeServerClock(response)
  if (response.status === 304) return { status: 304, data: null, headers: response.headers }
  const answer = await readJson(response).catch(() => undefined)
  if (!response.ok) {
    const retryAfterS = retryAfterOf(response)
    if (isErrorBody(answer)) throw new ApiError(response.status, answer.code, answer.message ?? answer.code, answer.details, retryAfterS)
    // A proxy or a crashed server answers without our error shape; keep the status for the retry decision.
    throw new ApiError(response.status, `HTTP_${response.status}`, response.statusText || `HTTP ${response.status}`, undefined, retryAfterS)
  }
  if (answer === undefined) throw new ApiError(response.status, ClientErrorEnum.BAD_RESPONSE, 'The server answered with something that is not JSON')
  return { status: response.status, data: answer as T, headers: response.headers }
}

/** Sends one request and returns its JSON body. */
export async function request<T> (method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const result = await requestRaw<T>(method, path, options)
  return result.data as T
}
