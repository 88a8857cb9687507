// Storage quota: when a write does not fit, free what can be fetched again and retry; the outbox is never freed.
import { IMAGE_CACHE } from '@/pwa/sw-config'
import { CURRENT, Stores, database } from './database'

/** Chromium and WebKit say QuotaExceededError; Firefox used its own name. */
export function isQuotaError (error: unknown): boolean {
  const name = error instanceof Error || error instanceof DOMException ? error.name : ''
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED'
}

async function dropImageCache (): Promise<void> {
  if (typeof caches !== 'undefined') await caches.delete(IMAGE_CACHE)
}

async function dropCachedMenu (): Promise<void> {
  await (await database()).delete(Stores.MENU, CURRENT)
}

/**
 * What may go, cheapest loss first: dish pictures (refetched when seen), then the cached menu (refetched
 * on the next start). Unsent orders, the cart and the pairing stay.
 */
export const FREEING_STEPS: readonly (() => Promise<void>)[] = [dropImageCache, dropCachedMenu]

/** Runs a write; on a quota error frees space step by step and tries again after each step. */
export async function withQuotaRetry<T> (write: () => Promise<T>, steps: readonly (() => Promise<void>)[] = FREEING_STEPS): Promise<T> {
  try {
    return await write()
  } catch (error) {
    if (!isQuotaError(error)) throw error
    for (const free of steps) {
      await free().catch((freeError: unknown) => console.warn('could not free storage', freeError))
      try {
        return await write()
      } catch (again) {
        if (!isQuotaError(again)) throw again
      }
    }
    throw error
  }
}
