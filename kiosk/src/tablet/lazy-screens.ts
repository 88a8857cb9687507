// Screens that are not the first one a start shows (menu, payment, thanks, the idle countdown, and pairing, which
// only a new tablet sees): chunks of their own, so the attract screen paints from a smaller bundle, fetched as soon
// as the tablet is idle after start-up, so a tap never waits on the network. The service worker precaches these
// chunks too (injectManifest globPatterns in kiosk/src/pwa/pwa-options.ts): an offline tablet still opens them.
import { defineAsyncComponent, type Component } from 'vue'
import { withTabletWords } from '@/tablet/i18n'

// Each also waits for the screens' words, which are not in the first bundle either (tablet/i18n).
const LOADERS = {
  // Only an unpaired tablet shows it, once the server said so: a paired one (every start but the first) never waits.
  pairing: withTabletWords(() => import('@/tablet/components/pairing/PairingScreen.vue')),
  menu: withTabletWords(() => import('@/tablet/components/menu/MenuScreen.vue')),
  pay: withTabletWords(() => import('@/tablet/components/pay/PayScreen.vue')),
  thanks: withTabletWords(() => import('@/tablet/components/order/OrderThanks.vue')),
  idle: withTabletWords(() => import('@/tablet/components/kiosk/KioskIdleDialog.vue')),
}

/** A failed load (Wi-Fi dropping before the service worker took over) is tried again, ever more slowly but never
 * given up: an unattended tablet has nobody to press reload. */
const RETRY_MS = 1_000
const MAX_RETRY_MS = 15_000

function lazyScreen<T extends Component> (loader: () => Promise<{ default: T }>): T {
  return defineAsyncComponent<T>({
    loader,
    onError (_error, retry, _fail, attempts) {
      setTimeout(retry, Math.min(RETRY_MS * attempts, MAX_RETRY_MS))
    },
  })
}

export const PairingScreen = lazyScreen(LOADERS.pairing)
export const MenuScreen = lazyScreen(LOADERS.menu)
export const PayScreen = lazyScreen(LOADERS.pay)
export const OrderThanks = lazyScreen(LOADERS.thanks)
export const KioskIdleDialog = lazyScreen(LOADERS.idle)

/** Runs when the page has nothing better to do (or soon, where requestIdleCallback is missing: older WebViews). */
function whenIdle (run: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 2_000 })
  else setTimeout(run, 200)
}

/** Fetches every lazy screen's code; a failure is left to the screen's own retry. */
export function loadScreens (): Promise<void> {
  return Promise.allSettled(Object.values(LOADERS).map(load => load())).then(() => undefined)
}

/** Fetches every lazy screen's code once the first screen is up and the page is idle. */
export function prefetchScreens (): Promise<void> {
  return new Promise((resolve) => {
    whenIdle(() => { void loadScreens().then(resolve) })
  })
}
