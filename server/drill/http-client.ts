// A small HTTP client over node:http: a chosen loopback source address (per-IP limits see many clients),
// raw bodies and headers as given, and every failure returned as a value rather than thrown.
import { request as httpRequest } from 'node:http'

export interface HttpRequest {
  method: string
  url: string
  headers?: Record<string, string>
  body?: string | Buffer
  /** Source address, e.g. 127.0.0.7: each simulated client gets its own. */
  localAddress?: string
  timeoutMs?: number
}

export type HttpResult =
  | { ok: true, status: number, headers: Record<string, string | string[] | undefined>, text: string }
  | { ok: false, error: string }

export function send (req: HttpRequest): Promise<HttpResult> {
  return new Promise((resolve) => {
    const url = new URL(req.url)
    const headers: Record<string, string | number> = { ...req.headers }
    if (req.body !== undefined && headers['content-length'] === undefined) headers['content-length'] = Buffer.byteLength(req.body)
    const call = httpRequest({
      method: req.method,
      host: url.hostname,
      port: url.port,
      path: `${url.pathname}${url.search}`,
      headers,
      agent: false,
      ...(req.localAddress === undefined ? {} : { localAddress: req.localAddress }),
    }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => resolve({ ok: true, status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') }))
      response.on('error', error => resolve({ ok: false, error: error.message }))
    })
    call.setTimeout(req.timeoutMs ?? 15_000, () => call.destroy(new Error('timeout')))
    call.on('error', error => resolve({ ok: false, error: (error as NodeJS.ErrnoException).code ?? error.message }))
    call.end(req.body)
  })
}

/** The `name=value` of a Set-Cookie header, for sending it back. */
export function cookieFrom (result: HttpResult, name: string): string | undefined {
  if (!result.ok) return undefined
  const raw = result.headers['set-cookie']
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]
  for (const header of list) {
    const pair = header.split(';')[0]!
    if (pair.startsWith(`${name}=`)) return pair
  }
  return undefined
}

export function jsonOf<T> (result: HttpResult): T | undefined {
  if (!result.ok) return undefined
  try {
    return JSON.parse(result.text) as T
  } catch {
    return undefined
  }
}
