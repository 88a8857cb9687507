// Wires the tablet's stores to the outside world: start-up order, the event stream, reconnects and pairing changes.
import { computed, onScopeDispose, watch } from 'vue'
import type { TabletEventPayloads } from '@shared/schemas/events'
import { useCartStore } from '@/tablet/stores/cart'
import { useCheckoutStore } from '@/tablet/stores/checkout'
import { useDeviceStore } from '@/tablet/stores/device'
import { useKioskStore } from '@/tablet/stores/kiosk'
import { loadBillStore, loadedBillStore } from '@/tablet/stores/lazy-bill'
import { useMenuStore } from '@/tablet/stores/menu'
import { useOutboxStore } from '@/tablet/stores/outbox'
import { useSittingStore } from '@/tablet/stores/sitting'
import { cacheDishImages, onOutboxReplayed } from '@/pwa/worker-messages'
import { useOnline } from '@/core/composables/useOnline'
import { useEventStream, type StreamPosition } from '@/core/composables/useEventStream'
import * as db from '@/db'

const HEAL_INTERVAL_MS = 10_000
/** Reconnect signals come in bursts (network back, stream open): one catch-up per burst. */
const CATCH_UP_GAP_MS = 1_000

/** The tablet resumes its stream across reloads: the position is kept in IndexedDB. */
const DB_POSITION: StreamPosition = {
  read: async () => await db.readMeta(db.MetaKeyEnum.LAST_EVENT_ID) ?? null,
  write: lastEventId => db.writeMeta(db.MetaKeyEnum.LAST_EVENT_ID, lastEventId),
}

export function useTabletSession () {
  const device = useDeviceStore()
  const kiosk = useKioskStore()
  const menu = useMenuStore()
  const cart = useCartStore()
  const outbox = useOutboxStore()
  const checkout = useCheckoutStore()
  const sitting = useSittingStore()

  const paired = computed(() => device.state === 'paired')

  /** Local state first (so a reload shows the cart at once), then the server. */
  async function boot (): Promise<void> {
    // A sitting older than the idle reset is a diner long gone (the tablet was off meanwhile): not restored.
    const maxAgeMs = kiosk.config.idleMs + kiosk.config.idleCountdownMs
    const [saved] = await Promise.all([sitting.restore(maxAgeMs), cart.restore(), outbox.load(), menu.loadCached()])
    // A diner mid-meal (orders placed, a language chosen, a cart) is back where they were, in their language.
    if (saved.locale) kiosk.setLocale(saved.locale)
    if (!cart.isEmpty || sitting.orders.length > 0) kiosk.startOrdering()
    const thanks = saved.orders.find(order => order.id === saved.thanks?.orderId)
    if (thanks && saved.thanks && cart.isEmpty) checkout.showThanks(thanks, saved.thanks.phase, saved.thanks.payment)
    // An order saved before the reload is still on its way: the diner sees it waiting, then paying.
    checkout.restoreQueued()
    await device.boot()
  }

  let lastCatchUp = 0
  let trailingCatchUp: ReturnType<typeof setTimeout> | undefined

  /** Everything that may have changed while the tablet was not listening. */
  function catchUp (): void {
    const wait = lastCatchUp + CATCH_UP_GAP_MS - Date.now()
    if (wait > 0) {
      // Part of the same burst: one more pass at its end, in case the first came too early.
      trailingCatchUp ??= setTimeout(() => {
        trailingCatchUp = undefined
        catchUp()
      }, wait)
      return
    }
    lastCatchUp = Date.now()
    if (!paired.value) {
      void device.refresh()
      return
    }
    void menu.refresh()
    void outbox.drain()
    void checkout.resync()
    void sitting.refresh()
    // No bill store yet: no bill was read and no check payment shown, so there is nothing to catch up on.
    void loadedBillStore()?.resync()
  }

  watch(paired, (on, was) => {
    if (on) {
      void menu.refresh()
      void outbox.drain()
      void checkout.resume()
      void sitting.refresh()
    } else if (was) {
      // Unpaired by staff: the next diner must not find this one's cart (unsent orders stay in the outbox).
      kiosk.resetForNextDiner()
    }
  })

  let opened = false
  const events = useEventStream<TabletEventPayloads>({
    url: '/api/events',
    position: DB_POSITION,
    enabled: computed(() => device.state === 'paired' || device.state === 'unpaired'),
    handlers: {
      'menu.changed': () => { void menu.refresh() },
      // An older server sent only a nudge: then the tablet reads its pairing itself.
      'device.changed': (me) => {
        if (typeof me?.deviceId === 'string' && me.store) device.apply(me)
        else void device.refresh()
      },
      'order.updated': (order) => { if (order) checkout.applyOrder(order) },
      'payment.updated': (payment) => {
        if (!payment) return
        checkout.applyPayment(payment)
        loadedBillStore()?.applyPayment(payment)
      },
      // Someone at the table ordered or paid: the bill on screen (or the QR it shows) reads the check again.
      // The bill's code may still be on its way to the screen that was just opened: fetched here if needed.
      'check.updated': () => {
        if (kiosk.billOpen || loadedBillStore()?.paymentOpen) {
          void loadBillStore().then(bill => bill.load(), (error: unknown) => { console.warn('bill store load failed', error) })
        }
      },
      resync: catchUp,
    },
    onOpen: () => {
      // A reconnect may have missed anything. So may the first connection of an unpaired tablet: staff can pair
      // it between the tablet's first read and the stream being open (the code is on screen by then).
      if (opened || !paired.value) catchUp()
      opened = true
    },
    // Refused (the cookie is unknown, the tablet revoked): the device read registers again if needed.
    onRefused: () => { void device.refresh() },
  })

  const { online } = useOnline(catchUp)

  // The worker's Background Sync replay reached the server: take the answers and go on to payment.
  const stopReplayed = onOutboxReplayed(() => { void outbox.drain() })
  // Every menu the tablet gets, its pictures go into the worker's cache for an offline start.
  watch(() => menu.menu, (current) => {
    if (current) cacheDishImages(current.items.flatMap(item => item.image ? [item.image] : []))
  }, { immediate: true })

  // Recovers from a start without the server (or without a menu): the screen promised to keep trying.
  const heal = setInterval(() => {
    if (device.state === 'unreachable') void device.refresh()
    else if (paired.value && !menu.menu && !menu.loading) void menu.refresh()
    // The outbox's periodic sweep; it keeps to the backoff of the last failures.
    if (paired.value) void outbox.drain({ whenDue: true })
  }, HEAL_INTERVAL_MS)
  onScopeDispose(() => {
    clearInterval(heal)
    clearTimeout(trailingCatchUp)
    stopReplayed()
  })

  return { boot, paired, online, connected: events.connected }
}
