// The menu body cache: one build per version however many ask at once, one version held, failures not kept.
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { MenuBodyCache, menuBodyBytes, type LoadedMenu } from '../../src/services/menu-body.js'

function loader (versions: string[]) {
  let calls = 0
  const load = async (): Promise<LoadedMenu> => {
    const version = versions[Math.min(calls++, versions.length - 1)]!
    return { version, json: JSON.stringify({ version, items: Array.from({ length: 50 }, (_, i) => `dish ${i}`) }) }
  }
  return { load, calls: () => calls }
}

describe('MenuBodyCache', () => {
  it('builds a version once for concurrent and later requests, in every coding', async () => {
    const cache = new MenuBodyCache()
    const { load, calls } = loader(['1-a'])
    const bodies = await Promise.all(Array.from({ length: 20 }, () => cache.get('1-a', load)))
    expect(calls()).toBe(1)
    expect(new Set(bodies).size).toBe(1)
    expect(await cache.get('1-a', load)).toBe(bodies[0])
    expect(calls()).toBe(1)
    const body = bodies[0]!
    expect(body.etag).toBe('"1-a"')
    expect(brotliDecompressSync(menuBodyBytes(body, 'br')).equals(body.identity)).toBe(true)
    expect(gunzipSync(menuBodyBytes(body, 'gzip')).equals(body.identity)).toBe(true)
    expect(menuBodyBytes(body, null)).toBe(body.identity)
  })

  it('rebuilds when the version read differs, and holds only the newest', async () => {
    const cache = new MenuBodyCache()
    const { load, calls } = loader(['1-a', '2-b'])
    await cache.get('1-a', load)
    const second = await cache.get('2-b', load)
    expect(second.version).toBe('2-b')
    expect(calls()).toBe(2)
    expect(cache.cachedVersion).toBe('2-b')
  })

  it('sends and keeps a newer version than asked when the menu changed meanwhile', async () => {
    const cache = new MenuBodyCache()
    const { load, calls } = loader(['3-c'])
    expect((await cache.get('2-b', load)).version).toBe('3-c')
    await cache.get('3-c', load)
    expect(calls()).toBe(1)
  })

  it('does not keep a failed build: the next request tries again', async () => {
    const cache = new MenuBodyCache()
    await expect(cache.get('1-a', () => Promise.reject(new Error('database gone')))).rejects.toThrow('database gone')
    expect(cache.cachedVersion).toBeNull()
    const { load } = loader(['1-a'])
    expect((await cache.get('1-a', load)).version).toBe('1-a')
  })
})
