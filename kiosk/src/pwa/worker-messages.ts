// The page's side of talking to the service worker: Background Sync requests, picture warm-up, replay notices.
import { OUTBOX_SYNC_TAG, SwMessageEnum, type SwMessage } from './sw-config'
import type { SyncManagerLike } from './sync-types'

function workerContainer (): ServiceWorkerContainer | null {
  return typeof navigator !== 'undefined' && 'serviceWorker' in navigator ? navigator.serviceWorker : null
}

/**
 * Asks the browser to wake the worker when the network is back, even if this page is gone. Only an
 * extra: Android WebView kiosks have no Background Sync, and the page's own outbox drain does the job.
 */
export async function requestOutboxSync (): Promise<boolean> {
  const registration = await workerContainer()?.getRegistration().catch(() => undefined)
  const sync = (registration as (ServiceWorkerRegistration & { sync?: SyncManagerLike }) | undefined)?.sync
  if (!registration?.active || !sync) return false
  try {
    await sync.register(OUTBOX_SYNC_TAG)
    return true
  } catch {
    // Refused (for instance permission policy): the page keeps retrying on its own.
    return false
  }
}

/** Puts the menu's pictures in the worker's image cache now, so an offline start shows them. */
export function cacheDishImages (urls: readonly string[]): void {
  const container = workerContainer()
  if (!container || urls.length === 0) return
  const message: SwMessage = { type: SwMessageEnum.CACHE_IMAGES, urls: [...new Set(urls)] }
  // `ready` waits for the first install; on a tablet without a worker it never resolves, which is fine.
  void container.ready.then(registration => registration.active?.postMessage(message))
}

/** Calls `handler` each time the worker's Background Sync replay reached the server; returns a stop function. */
export function onOutboxReplayed (handler: () => void): () => void {
  const container = workerContainer()
  if (!container) return () => undefined
  const listener = (event: MessageEvent<unknown>): void => {
    const data = event.data as Partial<SwMessage> | null
    if (data?.type === SwMessageEnum.OUTBOX_REPLAYED) handler()
  }
  container.addEventListener('message', listener)
  return () => container.removeEventListener('message', listener)
}
