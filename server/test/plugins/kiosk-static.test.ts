// The built kiosk served precompressed: brotli or gzip copies from the build, right types, caching and Vary.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import { buildApp, type App } from '../../src/app.js'
import { precompressDir } from '../../scripts/precompress.js'
import { testConfig } from '../helper.js'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const BROWSER = 'gzip, deflate, br, zstd'

/** A tiny stand-in for dist/kiosk, precompressed by the build step, served by the app. */
async function kioskApp (): Promise<{ app: App, dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'tablepad-kiosk-'))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  mkdirSync(join(dir, 'assets'))
  writeFileSync(join(dir, 'index.html'), `<!doctype html><html><head><script type="module" src="/assets/index-abc123.js"></script></head><body>${'<div></div>'.repeat(50)}</body></html>`)
  writeFileSync(join(dir, 'sw.js'), 'self.addEventListener("install", () => self.skipWaiting())\n'.repeat(20))
  writeFileSync(join(dir, 'manifest.webmanifest'), JSON.stringify({ name: 'Tablepad', icons: [] }))
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'export const dishes = [];\n'.repeat(200))
  writeFileSync(join(dir, 'pwa-192x192.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  await precompressDir(dir)
  const app = await buildApp({ config: testConfig({ DEMO_SEED: 'false' }), serveKiosk: true, kioskDir: dir })
  cleanups.push(() => app.close())
  await app.ready()
  return { app, dir }
}

function get (app: App, url: string, acceptEncoding?: string, headers: Record<string, string> = {}) {
  return app.inject({ method: 'GET', url, headers: { ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}), ...headers } })
}

describe('kiosk static files', () => {
  it('sends a hashed asset from its brotli or gzip copy, or plain, always immutable and varying on Accept-Encoding', async () => {
    const { app, dir } = await kioskApp()
    const file = join(dir, 'assets', 'index-abc123.js')
    const original = readFileSync(file)
    for (const [acceptEncoding, coding] of [[BROWSER, 'br'], ['gzip', 'gzip'], [undefined, undefined]] as const) {
      const response = await get(app, '/assets/index-abc123.js', acceptEncoding)
      expect(response.statusCode).toBe(200)
      expect(response.headers['content-encoding']).toBe(coding)
      expect(response.headers['content-type']).toMatch(/^(text|application)\/javascript/)
      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable')
      expect(response.headers.vary).toMatch(/accept-encoding/i)
      const copy = coding === 'br' ? `${file}.br` : coding === 'gzip' ? `${file}.gz` : file
      // The bytes of the build's copy, not compressed again on the fly.
      expect(response.rawPayload.equals(readFileSync(copy)), String(acceptEncoding)).toBe(true)
      const decoded = coding === 'br' ? brotliDecompressSync(response.rawPayload) : coding === 'gzip' ? gunzipSync(response.rawPayload) : response.rawPayload
      expect(decoded.equals(original)).toBe(true)
    }
  })

  it('sends the shell, its app routes and the service worker compressed, with their own types, revalidated every time', async () => {
    const { app, dir } = await kioskApp()
    for (const [url, type, source] of [
      ['/', /^text\/html/, 'index.html'],
      ['/staff', /^text\/html/, 'index.html'],
      ['/t/table-1/menu', /^text\/html/, 'index.html'],
      ['/sw.js', /^(text|application)\/javascript/, 'sw.js'],
      ['/manifest.webmanifest', /^application\/manifest\+json/, 'manifest.webmanifest'],
    ] as const) {
      const response = await get(app, url, BROWSER)
      expect(response.statusCode, url).toBe(200)
      expect(response.headers['content-encoding'], url).toBe('br')
      expect(response.headers['content-type'], url).toMatch(type)
      expect(response.headers['cache-control'], url).toBe('no-cache')
      expect(response.headers.vary, url).toMatch(/accept-encoding/i)
      expect(brotliDecompressSync(response.rawPayload).equals(readFileSync(join(dir, source))), url).toBe(true)
    }
  })

  it('revalidates the compressed copy by its own ETag', async () => {
    const { app, dir } = await kioskApp()
    const first = await get(app, '/sw.js', BROWSER)
    expect(first.headers['content-length']).toBe(String(statSync(join(dir, 'sw.js.br')).size))
    const again = await get(app, '/sw.js', BROWSER, { 'if-none-match': first.headers.etag as string })
    expect(again.statusCode).toBe(304)
    expect(again.body).toBe('')
  })

  it('sends pictures as they are', async () => {
    const { app } = await kioskApp()
    const response = await get(app, '/pwa-192x192.png', BROWSER)
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('image/png')
    expect(response.headers['content-encoding']).toBeUndefined()
  })
})
