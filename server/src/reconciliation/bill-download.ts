// Fetches the bill zip from the link Alipay gave: http(s) only, a size cap and a time limit, all in bytes.
import { BillError, BillFailureEnum } from './errors.js'

/** A busy restaurant's day is a few hundred KB zipped; anything near this is not a trade bill. */
export const MAX_BILL_BYTES = 20 * 1024 * 1024
export const BILL_DOWNLOAD_TIMEOUT_MS = 60_000

export interface BillDownloadOptions {
  maxBytes?: number
  timeoutMs?: number
  fetch?: typeof fetch
}

export async function downloadBill (link: string, options: BillDownloadOptions = {}): Promise<Uint8Array> {
  const maxBytes = options.maxBytes ?? MAX_BILL_BYTES
  const timeoutMs = options.timeoutMs ?? BILL_DOWNLOAD_TIMEOUT_MS
  let url: URL
  try {
    url = new URL(link)
  } catch {
    throw new BillError(BillFailureEnum.DOWNLOAD_FAILED, 'the bill link is not a URL')
  }
  // The link comes from a signed answer, but a file: or data: URL has no business there.
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new BillError(BillFailureEnum.DOWNLOAD_FAILED, `the bill link is ${url.protocol}, not http(s)`)

  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), timeoutMs)
  try {
    const response = await (options.fetch ?? globalThis.fetch)(url, { signal: controller.signal, redirect: 'follow' })
    if (!response.ok) throw new BillError(BillFailureEnum.DOWNLOAD_FAILED, `the bill download answered HTTP ${response.status}`)
    const declared = Number(response.headers.get('content-length') ?? NaN)
    if (declared > maxBytes) throw tooLarge(maxBytes)
    return await readCapped(response, maxBytes)
  } catch (error) {
    if (error instanceof BillError) throw error
    const why = controller.signal.aborted ? `no complete bill within ${timeoutMs} ms` : (error as Error).message
    throw new BillError(BillFailureEnum.DOWNLOAD_FAILED, why, { cause: error })
  } finally {
    clearTimeout(timer)
    controller.abort()
  }
}

/** Reads the body chunk by chunk, stopping as soon as it passes the cap (a missing content-length proves nothing). */
async function readCapped (response: Response, maxBytes: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = []
  let total = 0
  if (response.body === null) return new Uint8Array()
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    total += chunk.byteLength
    if (total > maxBytes) throw tooLarge(maxBytes)
    chunks.push(chunk)
  }
  const bytes = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}

function tooLarge (maxBytes: number): BillError {
  return new BillError(BillFailureEnum.DOWNLOAD_TOO_LARGE, `the bill is larger than ${maxBytes} bytes`)
}
