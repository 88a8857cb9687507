// Compression of answers: JSON of 1 KB or more as the client accepts, small answers and event streams never.
import { request } from 'node:http'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import { buildApp, type App } from '../../src/app.js'
import { COMPRESS_THRESHOLD_BYTES } from '../../src/plugins/external/compress.js'
import { buildEmptyApp, registerTablet } from '../auth-helpers.js'
import { testConfig } from '../helper.js'

const apps: App[] = []
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close()
})

/** The app with two extra routes answering JSON just above and just below the threshold. */
async function appWithJsonRoutes (): Promise<App> {
  const app = await buildApp({ config: testConfig({ DEMO_SEED: 'false' }) })
  apps.push(app)
  const rows = (bytes: number) => ({ rows: 'x'.repeat(bytes) })
  app.get('/test/large', async () => rows(COMPRESS_THRESHOLD_BYTES * 4))
  app.get('/test/small', async () => rows(COMPRESS_THRESHOLD_BYTES / 2))
  await app.ready()
  return app
}

describe('@fastify/compress', () => {
  it('compresses JSON answers of 1 KB or more with brotli or gzip, and says it varies', async () => {
    const app = await appWithJsonRoutes()
    const plain = await app.inject({ method: 'GET', url: '/test/large' })
    expect(plain.headers['content-encoding']).toBeUndefined()
    for (const [acceptEncoding, coding, decode] of [['gzip, deflate, br', 'br', brotliDecompressSync], ['gzip', 'gzip', gunzipSync]] as const) {
      const response = await app.inject({ method: 'GET', url: '/test/large', headers: { 'accept-encoding': acceptEncoding } })
      expect(response.headers['content-encoding']).toBe(coding)
      expect(response.headers.vary).toMatch(/accept-encoding/i)
      expect(response.headers['content-type']).toMatch(/^application\/json/)
      expect(decode(response.rawPayload).toString()).toBe(plain.body)
    }
  })

  it('leaves small answers as they are', async () => {
    const app = await appWithJsonRoutes()
    const response = await app.inject({ method: 'GET', url: '/test/small', headers: { 'accept-encoding': 'gzip, br' } })
    expect(response.headers['content-encoding']).toBeUndefined()
    expect(response.json()).toMatchObject({ rows: expect.any(String) })
  })

  it('never compresses or holds back an event stream, even for a client accepting brotli', async () => {
    const app = await buildEmptyApp()
    const tablet = await registerTablet(app)
    const base = await app.listen({ port: 0, host: '127.0.0.1' })
    const { headers, first } = await new Promise<{ headers: Record<string, unknown>, first: string }>((resolve, reject) => {
      const req = request(`${base}/api/events`, { headers: { cookie: tablet.cookie, accept: 'text/event-stream', 'accept-encoding': 'gzip, deflate, br' } }, response => {
        let text = ''
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => {
          text += chunk
          // The ready event arrives at once, unbuffered: nothing else is sent until something happens.
          if (text.includes('event: ready')) {
            resolve({ headers: response.headers, first: text })
            req.destroy()
          }
        })
      })
      req.on('error', reject)
      req.end()
    })
    expect(headers['content-type']).toMatch(/^text\/event-stream/)
    expect(headers['content-encoding']).toBeUndefined()
    expect(first).toContain('retry: 3000')
  })
})
