// A full disk: writes free the caches that can be fetched again and retry; unsent orders are never what goes.
import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as db from '@/db'
import { FREEING_STEPS, isQuotaError, withQuotaRetry } from '@/db/quota'
import { IMAGE_CACHE } from '@/pwa/sw-config'
import { MENU } from '@/__tests__/support'

const quotaError = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError')

describe('db quota handling', () => {
  afterEach(async () => {
    vi.unstubAllGlobals()
    await db.destroy()
  })

  it('recognises quota errors by name, and only those', () => {
    expect(isQuotaError(quotaError())).toBe(true)
    expect(isQuotaError(Object.assign(new Error('full'), { name: 'NS_ERROR_DOM_QUOTA_REACHED' }))).toBe(true)
    expect(isQuotaError(new DOMException('gone', 'InvalidStateError'))).toBe(false)
    expect(isQuotaError('QuotaExceededError')).toBe(false)
  })

  it('frees space step by step until the write fits', async () => {
    const freed: string[] = []
    let failuresLeft = 2
    const write = vi.fn(async () => {
      if (failuresLeft-- > 0) throw quotaError()
      return 'written'
    })

    await expect(withQuotaRetry(write, [async () => { freed.push('pictures') }, async () => { freed.push('menu') }])).resolves.toBe('written')
    expect(freed).toEqual(['pictures', 'menu'])
    expect(write).toHaveBeenCalledTimes(3)
  })

  it('gives up with the quota error when nothing more can go, and never retries other errors', async () => {
    const full = vi.fn(async () => { throw quotaError() })
    await expect(withQuotaRetry(full, [async () => undefined])).rejects.toMatchObject({ name: 'QuotaExceededError' })
    expect(full).toHaveBeenCalledTimes(2)

    const broken = vi.fn(async () => { throw new TypeError('bug') })
    const free = vi.fn(async () => undefined)
    await expect(withQuotaRetry(broken, [free])).rejects.toBeInstanceOf(TypeError)
    expect(free).not.toHaveBeenCalled()
  })

  it('drops the dish pictures first, then the cached menu, and leaves the outbox alone', async () => {
    const deleted: string[] = []
    vi.stubGlobal('caches', { delete: async (name: string) => { deleted.push(name); return true } })
    await db.writeMenu({ menu: MENU, etag: '"v1"', savedAt: 'now' })
    await db.putOutboxEntry({ clientOrderId: 'unsent', body: { clientOrderId: 'unsent', lines: [] }, createdAt: 'now', attempts: 1, lastErrorCode: 'NETWORK_ERROR', lastAttemptAt: null })

    await FREEING_STEPS[0]!()
    expect(deleted).toEqual([IMAGE_CACHE])
    expect(await db.readMenu()).toBeDefined()

    await FREEING_STEPS[1]!()
    expect(await db.readMenu()).toBeUndefined()
    expect((await db.listOutbox()).map(entry => entry.clientOrderId)).toEqual(['unsent'])
  })
})
