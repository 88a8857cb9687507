// The one fetch client: API refusals, server faults and lost connections all become ApiError with a usable code.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiError, request, serverNow } from '@/core/api/client'

function stubFetch (answer: () => Response | Promise<Response>) {
  const fetch = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => answer())
  vi.stubGlobal('fetch', fetch)
  return fetch
}

async function failure (promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(() => null, (caught: unknown) => caught)
  expect(error).toBeInstanceOf(ApiError)
  return error as ApiError
}

describe('api client', () => {
  afterEach(() => { vi.unstubAllGlobals() })

  it('turns a coded refusal into an ApiError with status, code and details', async () => {
    const problems = [{ code: 'ITEM_UNAVAILABLE', itemId: 'mapo' }]
    stubFetch(() => Response.json({ code: 'ITEM_UNAVAILABLE', message: 'Sold out', details: { problems } }, { status: 422 }))

    const error = await failure(request('POST', '/api/orders', { body: { clientOrderId: '6f1c1a4e-3b8a-4c55-9d1e-111111111111', lines: [] } }))
    expect(error).toMatchObject({ status: 422, code: 'ITEM_UNAVAILABLE', message: 'Sold out', details: { problems } })
    expect(error.retryable).toBe(false)
  })

  it('keeps the status of an answer without our error shape (a proxy page), and says it may be retried', async () => {
    stubFetch(() => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }))
    const error = await failure(request('GET', '/api/menu'))
    expect(error).toMatchObject({ status: 502, code: 'HTTP_502' })
    expect(error.retryable).toBe(true)
  })

  it('reports a lost connection and a timeout as status 0, to be retried', async () => {
    stubFetch(() => { throw new TypeError('Failed to fetch') })
    const network = await failure(request('GET', '/api/menu'))
    expect(network).toMatchObject({ status: 0, code: 'NETWORK_ERROR', retryable: true })

    stubFetch(() => { throw new DOMException('The operation timed out.', 'TimeoutError') })
    expect(await failure(request('GET', '/api/menu'))).toMatchObject({ status: 0, code: 'TIMEOUT', retryable: true })
  })

  it('refuses a success answer that is not JSON', async () => {
    stubFetch(() => new Response('<html>captive portal</html>', { status: 200 }))
    expect(await failure(request('GET', '/api/menu'))).toMatchObject({ code: 'BAD_RESPONSE' })
  })

  it('sends JSON with same-origin cookies, and a content type only with a body', async () => {
    const fetch = stubFetch(() => Response.json({ ok: true }))
    await request('POST', '/api/orders', { body: { a: 1 } })
    await request('GET', '/api/menu')

    const [post, get] = fetch.mock.calls.map(call => call[1]!)
    expect(post!).toMatchObject({ method: 'POST', credentials: 'same-origin', body: '{"a":1}' })
    expect((post!.headers as Record<string, string>)['Content-Type']).toBe('application/json')
    expect((get!.headers as Record<string, string>)['Content-Type']).toBeUndefined()
  })

  it('gives the wait the server asked for (Retry-After) with the refusal', async () => {
    stubFetch(() => Response.json({ code: 'RATE_LIMITED', message: 'Too many tries' }, { status: 429, headers: { 'retry-after': '42' } }))
    expect(await failure(request('POST', '/api/staff/session', { body: { pin: '0000' } }))).toMatchObject({ status: 429, code: 'RATE_LIMITED', retryAfterS: 42 })

    stubFetch(() => Response.json({ code: 'INVALID_PIN', message: 'Wrong PIN' }, { status: 401 }))
    expect(await failure(request('POST', '/api/staff/session', { body: { pin: '0000' } }))).toMatchObject({ retryAfterS: null })
  })

  it('sends raw bytes with their own content type (an image upload)', async () => {
    const fetch = stubFetch(() => Response.json({ id: 'mapo' }))
    const image = new Blob(['png'], { type: 'image/png' })
    await request('PUT', '/api/staff/menu/items/mapo/image', { blob: image })

    const init = fetch.mock.calls[0]![1]!
    expect(init.body).toBe(image)
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('image/png')
  })

  it('follows the server clock from the Date header, for countdowns on a tablet with a wrong clock', async () => {
    const serverTime = Date.now() + 10 * 60_000
    stubFetch(() => Response.json({}, { headers: { date: new Date(serverTime).toUTCString() } }))
    await request('GET', '/api/health')
    expect(Math.abs(serverNow() - serverTime)).toBeLessThan(2_000)
  })
})
