// Picks the content coding of a response we hold precompressed, from the request's Accept-Encoding.

export type ContentCoding = 'br' | 'gzip'

/** The last header seen and its answer. */
let last: { header: string, coding: ContentCoding | null } = { header: '', coding: null }

/**
 * Brotli when the client accepts it, else gzip, else null (send the bytes as they are). A coding
 * listed with q=0 is refused; `*` accepts any coding not listed. Preference order among accepted
 * codings is ours (brotli is smaller), as RFC 9110 §12.5.3 allows for equal weights.
 */
export function preferredCoding (acceptEncoding: string | string[] | undefined): ContentCoding | null {
  if (!acceptEncoding) return null
  const header = Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : acceptEncoding
  // Every tablet runs the same browser and sends the same header: parse it once.
  if (header === last.header) return last.coding
  const coding = negotiate(header)
  last = { header, coding }
  return coding
}

function negotiate (header: string): ContentCoding | null {
  const weights = new Map<string, number>()
  for (const part of header.split(',')) {
    const [name, ...params] = part.split(';')
    const coding = name!.trim().toLowerCase()
    if (!coding) continue
    const q = params.map(param => param.trim().toLowerCase()).find(param => param.startsWith('q='))
    weights.set(coding, q === undefined ? 1 : Number(q.slice(2)) || 0)
  }
  const accepts = (coding: ContentCoding) => (weights.get(coding) ?? (weights.get('*') ?? 0)) > 0
  if (accepts('br')) return 'br'
  if (accepts('gzip') || (weights.get('x-gzip') ?? 0) > 0) return 'gzip'
  return null
}
