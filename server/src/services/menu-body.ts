// The menu as tablets download it: serialised and compressed once per menu version, then only sent.
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'
import type { ContentCoding } from '../lib/content-coding.js'

const brotli = promisify(brotliCompress)
const gzipAsync = promisify(gzip)

/**
 * Brotli quality 6 is within 10 % of quality 11 on the menu but takes a few ms instead of ~100 ms,
 * and a new version is built while every tablet waits for it (a dish just sold out).
 */
const BROTLI_QUALITY = 6

/** One version of the menu in every coding we send. */
export interface MenuBody {
  version: string
  /** The ETag: the version, quoted. */
  etag: string
  identity: Buffer
  br: Buffer
  gzip: Buffer
}

/** The menu read from the database, already serialised by the route's response schema. */
export interface LoadedMenu {
  version: string
  json: string
}

export async function encodeMenuBody ({ version, json }: LoadedMenu): Promise<MenuBody> {
  const identity = Buffer.from(json)
  // Both run on libuv's thread pool, off the event loop.
  const [br, gz] = await Promise.all([
    brotli(identity, {
      params: {
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: identity.length,
      },
    }),
    gzipAsync(identity, { level: 9 }),
  ])
  return { version, etag: `"${version}"`, identity, br, gzip: gz }
}

export function menuBodyBytes (body: MenuBody, coding: ContentCoding | null): Buffer {
  return coding ? body[coding] : body.identity
}

/**
 * Holds the body of one menu version (the newest one asked for), so memory stays bounded. A caller
 * always passes the version it just read from the database: a cached body of any other version is
 * never sent. Concurrent requests for a version not yet built share one build.
 */
export class MenuBodyCache {
  #current: MenuBody | null = null
  #pending: { version: string, body: Promise<MenuBody> } | null = null

  /**
   * The body of `version`, built with `load` when not cached. `load` reads version and content in
   * one transaction, so the body it returns may be of a newer version than asked: it is sent (it
   * is the current menu) and cached under its own version.
   */
  async get (version: string, load: () => Promise<LoadedMenu>): Promise<MenuBody> {
    if (this.#current?.version === version) return this.#current
    if (this.#pending?.version === version) return this.#pending.body
    const pending = { version, body: load().then(encodeMenuBody) }
    this.#pending = pending
    try {
      const body = await pending.body
      this.#current = body
      return body
    } finally {
      if (this.#pending === pending) this.#pending = null
    }
  }

  /** The version held, for tests. */
  get cachedVersion (): string | null {
    return this.#current?.version ?? null
  }
}
