// A small HTTP client for the bench's setup steps, able to send from many loopback addresses.
import { request as httpRequest } from 'node:http'

export interface HttpAnswer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: Buffer
  text: () => string
  json: <T>() => T
}

export interface HttpOptions {
  method?: string
  headers?: Record<string, string>
  body?: string | Buffer
  /** The source address: 127.x.y.z are all this machine's, and per-address limits count each as one client. */
  localAddress?: string
}

/** One request on its own connection; rejects only on network errors, not on HTTP statuses. */
export async function http (url: string, options: HttpOptions = {}): Promise<HttpAnswer> {
  const target = new URL(url)
  const body = options.body === undefined ? undefined : Buffer.from(options.body)
  return new Promise((resolveAnswer, reject) => {
    const req = httpRequest({
      host: target.hostname,
      port: target.port,
      path: target.pathname + target.search,
      method: options.method ?? 'GET',
      headers: { ...options.headers, ...(body ? { 'content-length': String(body.length) } : {}) },
      agent: false,
      ...(options.localAddress ? { localAddress: options.localAddress } : {}),
    }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('error', reject)
      res.on('end', () => {
        const all = Buffer.concat(chunks)
        resolveAnswer({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: all,
          text: () => all.toString('utf8'),
          json: <T>() => JSON.parse(all.toString('utf8')) as T,
        })
      })
    })
    req.on('error', reject)
    req.end(body)
  })
}

/** Throws unless the answer has the expected status, naming the step that failed. */
export function expectStatus (answer: HttpAnswer, expected: number | readonly number[], what: string): HttpAnswer {
  const allowed = typeof expected === 'number' ? [expected] : expected
  if (!allowed.includes(answer.status)) throw new Error(`${what}: HTTP ${answer.status} ${answer.text().slice(0, 300)}`)
  return answer
}

/**
 * Loopback addresses 127.1.0.1, 127.1.0.2, …: the rate limits of registration, pairing and notifications count
 * per client address, so many simulated tablets (or Alipay's many senders) each get an address of their own.
 */
export function loopbackAddresses (): () => string {
  let n = 0
  return () => {
    n = (n % 65_000) + 1
    return `127.1.${Math.floor(n / 250)}.${(n % 250) + 1}`
  }
}

/** The value of a Set-Cookie header's named cookie. */
export function cookieValue (answer: HttpAnswer, name: string): string {
  const header = answer.headers['set-cookie']
  for (const line of Array.isArray(header) ? header : header ? [header] : []) {
    const match = line.match(new RegExp(`^${name}=([^;]*)`))
    if (match) return match[1]!
  }
  throw new Error(`no ${name} cookie in the answer`)
}

/** Runs `fn` over items with at most `limit` at a time, keeping the results in order. */
export async function mapLimit<T, R> (items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length)
  let next = 0
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++
      results[index] = await fn(items[index]!, index)
    }
  }))
  return results
}
