// The tablet's menu endpoint: read conditionally, so an unchanged menu costs a 304.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { getMenu } from '@/tablet/api/menu'
import { MENU } from '@/__tests__/support'

function stubFetch (answer: () => Response | Promise<Response>) {
  const fetch = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => answer())
  vi.stubGlobal('fetch', fetch)
  return fetch
}

describe('menu endpoint', () => {
  afterEach(() => { vi.unstubAllGlobals() })

  it('reads the menu conditionally: 304 means the cached menu is current', async () => {
    stubFetch(() => Response.json(MENU, { headers: { etag: '"v1"' } }))
    expect(await getMenu()).toEqual({ menu: MENU, etag: '"v1"' })

    const fetch = stubFetch(() => new Response(null, { status: 304 }))
    expect(await getMenu('"v1"')).toBeNull()
    expect((fetch.mock.calls[0]![1]!.headers as Record<string, string>)['If-None-Match']).toBe('"v1"')
  })
})
