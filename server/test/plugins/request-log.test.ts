// The request log (issue 15): at info a normal request writes nothing, a failing or slow one writes one line;
// at debug every request writes its line. Secrets stay redacted; a terminal gets readable lines.
import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { buildApp, type App } from '../../src/app.js'
import { loggerOptions } from '../../src/lib/logger.js'
import { PaymentGatewayUnavailableError } from '../../src/payments/errors.js'
import { prettyLine } from '../../src/lib/pretty-log.js'
import { testConfig } from '../helper.js'

interface Captured {
  app: App
  lines: () => Array<Record<string, unknown>>
}

/** An app whose log goes to memory, with a route that fails the way a bug does. */
async function loggingApp (level: string, slowMs?: number): Promise<Captured> {
  const written: string[] = []
  const destination = new Writable({
    write (chunk: Buffer, _encoding, done) {
      written.push(...chunk.toString().split('\n').filter(Boolean))
      done()
    },
  })
  const app = await buildApp({
    config: testConfig({ DEMO_SEED: 'false' }),
    logger: loggerOptions({ level, pretty: false, destination }),
    ...(slowMs === undefined ? {} : { requestLog: { slowMs } }),
  })
  app.get('/test/broken', async () => { throw new Error('a bug') })
  app.get('/test/unavailable', async () => { throw new PaymentGatewayUnavailableError() })
  await app.ready()
  // Start-up entries (plugins, seeding) are not about requests.
  written.length = 0
  return { app, lines: () => written.map(line => JSON.parse(line) as Record<string, unknown>) }
}

describe('request log', () => {
  it('writes nothing at info for a normal request or a refused one', async () => {
    const { app, lines } = await loggingApp('info')
    expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200)
    expect((await app.inject({ method: 'GET', url: '/api/staff/orders' })).statusCode).toBe(401)
    expect(lines()).toEqual([])
    await app.close()
  })

  it('writes one error line with the error for a 500 at info', async () => {
    const { app, lines } = await loggingApp('info')
    const response = await app.inject({ method: 'GET', url: '/test/broken?token=secret' })
    expect(response.statusCode).toBe(500)
    expect(response.json()).toEqual({ code: 'INTERNAL', message: 'Internal Server Error' })
    expect(lines()).toHaveLength(1)
    expect(lines()[0]).toMatchObject({ level: 50, method: 'GET', path: '/test/broken', status: 500, code: 'INTERNAL', err: { message: 'a bug' } })
    expect(String(lines()[0]!.msg)).toMatch(/^GET \/test\/broken 500 \d+ ms$/)
    // The query string stays out of the log.
    expect(JSON.stringify(lines())).not.toContain('secret')
    await app.close()
  })

  it('writes one warn line for a slow request at info', async () => {
    // Every request is slow with a threshold of 0 ms.
    const { app, lines } = await loggingApp('info', 0)
    expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200)
    expect(lines()).toEqual([expect.objectContaining({ level: 40, path: '/api/health', status: 200, msg: expect.stringMatching(/\(slow\)$/) })])
    await app.close()
  })

  it('writes a deliberate 503 as a warn line, not called slow when it was quick', async () => {
    const { app, lines } = await loggingApp('info', 60_000)
    expect((await app.inject({ method: 'GET', url: '/test/unavailable' })).statusCode).toBe(503)
    expect(lines()).toEqual([expect.objectContaining({ level: 40, path: '/test/unavailable', status: 503, code: 'PAYMENT_UNAVAILABLE' })])
    expect(String(lines()[0]!.msg)).toMatch(/^GET \/test\/unavailable 503 \d+ ms$/)
    await app.close()
  })

  it('writes one debug line per request at debug, with the refusal code, and redacts secrets', async () => {
    const { app, lines } = await loggingApp('debug')
    await app.inject({ method: 'GET', url: '/api/health' })
    await app.inject({ method: 'GET', url: '/api/staff/orders', headers: { cookie: 'tp_staff=abc' } })
    await app.inject({ method: 'POST', url: '/api/staff/session', payload: { pin: '999999' } })
    const requests = lines().filter(line => line.path !== undefined)
    expect(requests.map(line => [line.level, line.path, line.status])).toEqual([
      [20, '/api/health', 200], [20, '/api/staff/orders', 401], [20, '/api/staff/session', 401],
    ])
    expect(requests[1]).toMatchObject({ code: 'STAFF_UNAUTHENTICATED' })
    expect(JSON.stringify(lines())).not.toContain('999999')
    app.log.info({ body: { pin: '1234' }, key: { privateKey: 'MIIE' } }, 'with secrets')
    expect(lines().at(-1)).toMatchObject({ body: { pin: '[redacted]' }, key: { privateKey: '[redacted]' } })
    await app.close()
  })
})

describe('readable lines for a terminal', () => {
  it('turns a JSON entry into time, level, message and fields, with an error stack below', () => {
    const line = prettyLine(JSON.stringify({ level: 50, time: Date.UTC(2030, 0, 1, 12, 0, 0), pid: 1, hostname: 'h', msg: 'GET /x 500 3 ms', method: 'GET', status: 500, err: { message: 'a bug', stack: 'Error: a bug\n    at here' } }))
    expect(line).toMatch(/^\d\d:\d\d:\d\d ERROR GET \/x 500 3 ms method=GET status=500\n {2}Error: a bug\n {6}at here\n$/)
    expect(prettyLine('not json')).toBe('not json\n')
  })
})
