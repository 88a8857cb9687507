// One HTTP exchange with the MAPI gateway, the answer read whole within the time limit; never throws.
import { type GatewayExchange, type GatewayUnknown } from '../gateway.js'
import { describeNetworkError, type FetchFn } from '../open-api-client.js'
import { charsetFromContentType } from '../charset.js'
import { decodeResponseBody } from '../response.js'

export interface HttpAnswer {
  status: number
  /** The body decoded by its declared charset; undefined when it could not be. */
  text?: string
  charset?: string
  decodeError?: string
}

/**
 * Sends the request and reads the body; a timeout (including a body that never ends) or a network
 * error is an unknown outcome. Fills `raw.httpStatus` and `raw.responseText` as it goes.
 */
export async function exchange (
  fetchFn: FetchFn,
  url: string,
  init: { method: 'GET' | 'POST', headers?: Record<string, string>, body?: string },
  timeoutMs: number,
  raw: GatewayExchange,
): Promise<HttpAnswer | GatewayUnknown> {
  const controller = new AbortController()
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    controller.abort()
  }, timeoutMs)
  let status: number
  let contentType: string | undefined
  let bytes: Uint8Array
  try {
    const response = await fetchFn(url, { ...init, signal: controller.signal })
    status = response.status
    contentType = response.headers.get('content-type') ?? undefined
    bytes = new Uint8Array(await response.arrayBuffer())
  } catch (error) {
    if (timedOut) return { outcome: 'unknown', reason: 'timeout', detail: `no complete answer within ${timeoutMs} ms`, raw }
    return { outcome: 'unknown', reason: 'network', detail: describeNetworkError(error), raw }
  } finally {
    clearTimeout(timer)
  }
  raw.httpStatus = status
  try {
    const declared = charsetFromContentType(contentType) !== undefined ? contentType : xmlDeclaredContentType(bytes) ?? contentType
    const decoded = decodeResponseBody(bytes, declared)
    raw.responseText = decoded.text
    return { status, text: decoded.text, charset: decoded.charset }
  } catch (error) {
    return { status, decodeError: (error as Error).message }
  }
}

/** An XML body without a Content-Type charset names its encoding in the declaration (ASCII bytes either way). */
function xmlDeclaredContentType (bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 100)).toString('latin1')
  const match = /^(?:\uFEFF|\xEF\xBB\xBF)?<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)
  return match ? `text/xml; charset=${match[1]}` : undefined
}
