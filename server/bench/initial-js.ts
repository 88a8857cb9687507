// Initial JavaScript of a page: gzip -9 of its module script and its modulepreloads, as index.html lists them.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

export interface InitialJs {
  /** Sum of each file's gzip -9 size, in bytes. */
  gzipBytes: number
  rawBytes: number
  files: string[]
}

/** What `/` loads before it can run: the entry module and every modulepreload in index.html. */
export function initialJs (distDir: string): InitialJs {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8')
  const files = [
    ...[...html.matchAll(/<script\b[^>]*type="module"[^>]*\bsrc="([^"]+)"/g)].map(match => match[1]!),
    ...[...html.matchAll(/<link\b[^>]*rel="modulepreload"[^>]*\bhref="([^"]+)"/g)].map(match => match[1]!),
  ]
  let gzipBytes = 0
  let rawBytes = 0
  for (const file of files) {
    const bytes = readFileSync(join(distDir, file.replace(/^\//, '')))
    rawBytes += bytes.length
    gzipBytes += gzipSync(bytes, { level: 9 }).length
  }
  return { gzipBytes, rawBytes, files }
}
