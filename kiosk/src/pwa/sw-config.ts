// Names and URL rules shared by the service worker and the page, so both sides agree on them.

/** Where the built service worker is served (vite-plugin-pwa writes `sw.ts` as `/sw.js`). */
export const SW_URL = '/sw.js'

/** Runtime cache of dish pictures (the app shell has Workbox's own precache). */
export const IMAGE_CACHE = 'tablepad-dish-images'
export const IMAGE_CACHE_MAX_ENTRIES = 400
/** As long as the server lets browsers keep a picture (DISH_IMAGE_CACHE_CONTROL, 30 days). */
export const IMAGE_CACHE_MAX_AGE_S = 30 * 24 * 60 * 60

/** Background Sync tag under which the page asks the worker to send the outbox. */
export const OUTBOX_SYNC_TAG = 'tablepad-outbox'

/** Messages between the page and the worker. */
export const SwMessageEnum = {
  /** page → worker: put these dish pictures in the image cache now, while online. */
  CACHE_IMAGES: 'tablepad:cache-images',
  /** worker → page: a Background Sync replay reached the server; drain to pick up the orders. */
  OUTBOX_REPLAYED: 'tablepad:outbox-replayed',
} as const

export type SwMessage =
  | { type: typeof SwMessageEnum.CACHE_IMAGES, urls: string[] }
  | { type: typeof SwMessageEnum.OUTBOX_REPLAYED, sent: number }

// Only the app's own pages get the cached shell; the server's pages and endpoints are never
// answered with index.html (an offline /api call must fail as a network error, not parse HTML).
// /t/<code> itself and /t/callback are the server's (Alipay authorization); the phone page is /t/<code>/menu.
const APP_PAGES = [/^\/(?:\?|$)/, /^\/index\.html(?:\?|$)/, /^\/staff(?:[/?]|$)/, /^\/t\/[^/?]+\/menu(?:\?|$)/]
const SERVER_PATHS = [/^\/api(?:[/?]|$)/, /^\/sandbox(?:[/?]|$)/, /^\/media(?:[/?]|$)/, /^\/auth(?:[/?]|$)/]

/** Allowlist and denylist of the NavigationRoute, tested against path + query. */
export const NAVIGATION_ALLOWLIST: readonly RegExp[] = APP_PAGES
export const NAVIGATION_DENYLIST: readonly RegExp[] = SERVER_PATHS

/** Whether a navigation to this path (with its query) may be answered with the cached app shell. */
export function servesAppShell (pathAndQuery: string): boolean {
  return NAVIGATION_ALLOWLIST.some(rule => rule.test(pathAndQuery)) && !NAVIGATION_DENYLIST.some(rule => rule.test(pathAndQuery))
}

/** Same-origin dish pictures, cached first (they only change with a new release). */
export function isDishImage (url: URL, origin: string): boolean {
  return url.origin === origin && url.pathname.startsWith('/media/')
}
