// The tablet's service worker: the precached app shell, dish pictures cache-first, a Background Sync replay of the outbox.
import { clientsClaim } from 'workbox-core'
import { ExpirationPlugin } from 'workbox-expiration'
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching'
import { NavigationRoute, registerRoute } from 'workbox-routing'
import { CacheFirst } from 'workbox-strategies'
import {
  IMAGE_CACHE, IMAGE_CACHE_MAX_AGE_S, IMAGE_CACHE_MAX_ENTRIES, NAVIGATION_ALLOWLIST, NAVIGATION_DENYLIST,
  OUTBOX_SYNC_TAG, SwMessageEnum, isDishImage, type SwMessage,
} from './pwa/sw-config'
import { replayOutbox } from './pwa/sw-outbox'
import type { SyncEventLike } from './pwa/sync-types'

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (PrecacheEntry | string)[] }

// registerType 'prompt': a new version waits until the page says so (on the attract screen, see useAppUpdate).
self.addEventListener('message', (event) => {
  const data = event.data as { type?: string } | null
  if (data?.type === 'SKIP_WAITING') void self.skipWaiting()
  else if (data?.type === SwMessageEnum.CACHE_IMAGES) event.waitUntil(cacheImages((data as Extract<SwMessage, { type: 'tablepad:cache-images' }>).urls, event))
})

precacheAndRoute(self.__WB_MANIFEST)
// Each release's precache is its own cache: drop the ones older versions left behind.
cleanupOutdatedCaches()
// The first install takes the open page at once, so its pictures are cached from the first visit on.
// Later versions only activate on SKIP_WAITING, right before the page reloads itself.
clientsClaim()

// The app's pages get the cached shell; /api, /sandbox, /media and /auth always go to the network, so an
// offline API call fails as a network error instead of being answered with index.html.
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), {
  allowlist: [...NAVIGATION_ALLOWLIST],
  denylist: [...NAVIGATION_DENYLIST],
}))

const images = new CacheFirst({
  cacheName: IMAGE_CACHE,
  plugins: [
    // Pictures are the first thing to give up when storage runs short, never the outbox (IndexedDB).
    new ExpirationPlugin({ maxEntries: IMAGE_CACHE_MAX_ENTRIES, maxAgeSeconds: IMAGE_CACHE_MAX_AGE_S, purgeOnQuotaError: true }),
  ],
})
registerRoute(({ url }) => isDishImage(url, self.location.origin), images)

/** Fetches into the image cache what is not there yet (CacheFirst skips the network for cached ones). */
async function cacheImages (urls: readonly string[], event: ExtendableEvent): Promise<void> {
  const wanted = urls
    .map(url => new URL(url, self.location.origin))
    .filter(url => isDishImage(url, self.location.origin))
  await Promise.all(wanted.map(url => images.handle({ event, request: new Request(url.href) }).catch(() => undefined)))
}

/** Tells open pages that orders reached the server, so they pick up the answers and go on to payment. */
async function notifyPages (sent: number): Promise<void> {
  const message: SwMessage = { type: SwMessageEnum.OUTBOX_REPLAYED, sent }
  for (const client of await self.clients.matchAll({ type: 'window' })) client.postMessage(message)
}

self.addEventListener('sync', (event) => {
  const sync = event as SyncEventLike
  if (sync.tag !== OUTBOX_SYNC_TAG) return
  // A rejection makes the browser try again later (with its own backoff).
  sync.waitUntil(replayOutbox().then(async (outcome) => { if (outcome.sent > 0) await notifyPages(outcome.sent) }))
})
