// The health check and the framework-level error shapes every client relies on.
import { describe, expect, it } from 'vitest'
import { buildTestApp } from '../helper.js'

describe('GET /api/health', () => {
  it('answers ok with the version and the Alipay mode', async () => {
    const app = await buildTestApp()
    const response = await app.inject({ method: 'GET', url: '/api/health' })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({ status: 'ok', alipayMode: 'sandbox-local' })
    expect(response.json().version).toMatch(/^\d+\.\d+\.\d+/)
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
  })
})
