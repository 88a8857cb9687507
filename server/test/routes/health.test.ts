// The health check and the framework-level error shapes every client relies on.
import { describe, expect, it } from 'vitest'
import { TEST_DATABASE, buildTestApp } from '../helper.js'

describe('GET /api/health', () => {
  it('answers ok with the version and the Alipay mode and protocol', async () => {
    const app = await buildTestApp()
    const response = await app.inject({ method: 'GET', url: '/api/health' })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({
      status: 'ok', alipayMode: 'sandbox-local', alipayProtocol: 'openapi', database: { kind: TEST_DATABASE, reachable: true },
    })
    expect(response.json().version).toMatch(/^\d+\.\d+\.\d+/)
  })

  it('names Alipay Global when the payments go through it', async () => {
    const app = await buildTestApp({ ALIPAY_PROTOCOL: 'global' })
    expect((await app.inject({ method: 'GET', url: '/api/health' })).json()).toMatchObject({ alipayProtocol: 'global' })
  })

  it('answers unknown routes with a coded 404', async () => {
    const app = await buildTestApp()
    const response = await app.inject({ method: 'GET', url: '/api/nothing-here' })
    expect(response.statusCode).toBe(404)
    expect(response.json()).toEqual({ code: 'NOT_FOUND', message: 'GET /api/nothing-here not found' })
  })

  it('sends security headers', async () => {
    const app = await buildTestApp()
    const response = await app.inject({ method: 'GET', url: '/api/health' })
    expect(response.headers['content-security-policy']).toContain("default-src 'self'")
    expect(response.headers['x-content-type-options']).toBe('nosniff')
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'")
    expect(response.headers['content-security-policy']).not.toContain('upgrade-insecure-requests')
    expect(response.headers['strict-transport-security']).toBeUndefined()
  })

  it('sends the same security headers on errors as on answers', async () => {
    const app = await buildTestApp()
    const answered = await app.inject({ method: 'GET', url: '/api/health' })
    const missing = await app.inject({ method: 'GET', url: '/api/nothing-here' })
    for (const name of ['content-security-policy', 'x-frame-options', 'referrer-policy', 'cross-origin-opener-policy']) {
      expect(missing.headers[name], name).toBe(answered.headers[name])
      expect(answered.headers[name], name).toBeTruthy()
    }
  })
})
