// Screens that are not the first one a start shows (menu, payment, thanks, the table's bill, the idle countdown, and pairing, which
// only a new tablet sees): chunks of their own, so the attract screen paints from a smaller bundle, fetched in the
// idle periods after start-up (tablet/lib/idle-queue.ts), so a tap never waits on the network. The service worker precaches these
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
  bill: withTabletWords(() => import('@/tablet/components/bill/BillScreen.vue')),
  idle: withTabletWords(() => import('@/tablet/components/kiosk/KioskIdleDialog.vue')),
}

/** A failed load (Wi-Fi dropping before the service worker took over) is tried again a few times. */
const RETRY_MS = 1_000
const RETRIES = 3

/**
 * What to do after a screen's code failed to load `attempts` times. Browsers remember a failed module fetch for
 * the life of the page, so past a few quick retries only a reload can fetch it again: once the network is back,
 * never given up (an unattended tablet has nobody to press reload; the cart survives a reload).
 */
export function afterLoadFailure (attempts: number, retry: () => void, reload: () => void = () => { location.reload() }): void {
  if (attempts <= RETRIES) {
    setTimeout(retry, RETRY_MS * attempts)
  } else if (navigator.onLine) {
    reload()
  } else {
    window.addEventListener('online', reload, { once: true })
  }
}

function lazyScreen<T extends Component> (loader: () => Promise<{ default: T }>): T {
  return defineAsyncComponent<T>({
    loader,
    onError (_error, retry, _fail, attempts) {
      afterLoadFailure(attempts, retry)
    },
  })
}

export const PairingScreen = lazyScreen(LOADERS.pairing)
export const MenuScreen = lazyScreen(LOADERS.menu)
export const PayScreen = lazyScreen(LOADERS.pay)
export const OrderThanks = lazyScreen(LOADERS.thanks)
export const BillScreen = lazyScreen(LOADERS.bill)
export const KioskIdleDialog = lazyScreen(LOADERS.idle)

/** Fetches every lazy screen's code; a failure is left to the screen's own retry. */
export function loadScreens (): Promise<void> {
  return Promise.allSettled(Object.values(LOADERS).map(load => load())).then(() => undefined)
}

/**
 * Every lazy screen's code, the likeliest next (the menu) first, each in an idle period of its own once the first
 * screen is up: evaluating them together made one long task just as the attract screen appeared.
 */
export function screenPrefetches (): Array<() => Promise<unknown>> {
  const { menu, pay, thanks, bill, idle, pairing } = LOADERS
  return [menu, pay, thanks, bill, idle, pairing]
}
