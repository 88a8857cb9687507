// Wires the tablet's stores to the outside world: start-up order, the event stream, reconnects and pairing changes.
import { computed, onScopeDispose, watch } from 'vue'
import type { DeviceMe } from '@shared/schemas/device'
import type { Order } from '@shared/schemas/order'
import type { Payment } from '@shared/schemas/payment'
import { useCartStore } from '@/stores/cart'
import { useCheckoutStore } from '@/stores/checkout'
import { useDeviceStore } from '@/stores/device'
import { useKioskStore } from '@/stores/kiosk'
import { useMenuStore } from '@/stores/menu'
import { useOutboxStore } from '@/stores/outbox'
import { useOnline } from './useOnline'
import { useServerEvents } from './useServerEvents'

const HEAL_INTERVAL_MS = 10_000

function isObject (value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}

export function useTabletSession () {
  const device = useDeviceStore()
  const kiosk = useKioskStore()
  const menu = useMenuStore()
  const cart = useCartStore()
  const outbox = useOutboxStore()
  const checkout = useCheckoutStore()

  const paired = computed(() => device.state === 'paired')

  /** Local state first (so a reload shows the cart at once), then the server. */
  async function boot (): Promise<void> {
    await Promise.all([cart.restore(), outbox.load(), menu.loadCached()])
    if (!cart.isEmpty) kiosk.show('menu')
    await device.boot()
  }

  /** Everything that may have changed while the tablet was not listening. */
  function catchUp (): void {
    if (!paired.value) {
      void device.refresh()
      return
    }
    void menu.refresh()
    void outbox.drain()
    void checkout.resync()
  }

  watch(paired, (on, was) => {
    if (on) {
      void menu.refresh()
      void outbox.drain()
      void checkout.resume()
    } else if (was) {
      // Unpaired by staff: the next diner must not find this one's cart (unsent orders stay in the outbox).
      kiosk.resetForNextDiner()
    }
  })

  let opened = false
  const events = useServerEvents({
    enabled: computed(() => device.state === 'paired' || device.state === 'unpaired'),
    handlers: {
      'menu.changed': () => { void menu.refresh() },
      'device.changed': (data) => {
        if (isObject(data) && typeof data.deviceId === 'string' && isObject(data.store)) device.apply(data as unknown as DeviceMe)
        else void device.refresh()
      },
      'order.updated': (data) => { if (isObject(data)) checkout.applyOrder(data as unknown as Order) },
      'payment.updated': (data) => { if (isObject(data)) checkout.applyPayment(data as unknown as Payment) },
      resync: catchUp,
    },
    onOpen: () => {
      if (opened) catchUp()
      opened = true
    },
    // Refused (the cookie is unknown, the tablet revoked): the device read registers again if needed.
    onRefused: () => { void device.refresh() },
  })

  const { online } = useOnline(catchUp)

  // Recovers from a start without the server (or without a menu): the screen promised to keep trying.
  const heal = setInterval(() => {
    if (device.state === 'unreachable') void device.refresh()
    else if (paired.value && !menu.menu && !menu.loading) void menu.refresh()
  }, HEAL_INTERVAL_MS)
  onScopeDispose(() => clearInterval(heal))

  return { boot, paired, online, connected: events.connected }
}
