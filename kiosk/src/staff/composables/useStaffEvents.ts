// The console's live feed (/api/staff/events): orders, payments, menu, tablets and alerts reach every open screen at once.
import type { Ref } from 'vue'
import type { StaffEventPayloads } from '@shared/schemas/events'
import { useEventStream } from '@/core/composables/useEventStream'
import { useStaffAlertsStore } from '@/staff/stores/staff-alerts'
import { useStaffCancelRefundsStore } from '@/staff/stores/staff-cancel-refunds'
import { useStaffFloorStore } from '@/staff/stores/staff-floor'
import { useStaffMenuStore } from '@/staff/stores/staff-menu'
import { useStaffOrdersStore } from '@/staff/stores/staff-orders'
import { useStaffOrderSearchStore } from '@/staff/stores/staff-order-search'
import { useStaffPaymentsStore } from '@/staff/stores/staff-payments'
import { useStaffSessionStore } from '@/staff/stores/staff-session'
import type { Arrival } from '@/staff/stores/staff-orders'
import { useStaffChime } from './useStaffChime'
import { useStaffFlash } from './useStaffFlash'

/** Reloads whatever the console has loaded: after a gap the server could not replay (`resync`). */
export async function reloadLoaded (): Promise<void> {
  const orders = useStaffOrdersStore()
  const floor = useStaffFloorStore()
  const menu = useStaffMenuStore()
  const payments = useStaffPaymentsStore()
  const alerts = useStaffAlertsStore()
  await Promise.allSettled([
    orders.loaded ? orders.load() : null,
    floor.loaded ? floor.load() : null,
    menu.loaded ? menu.load() : null,
    payments.loaded ? payments.load() : null,
    payments.detail ? payments.loadDetail(payments.detail.payment.id) : null,
    alerts.load(),
  ])
}

export function useStaffEvents (enabled: Readonly<Ref<boolean>>) {
  const chime = useStaffChime()
  const { flash } = useStaffFlash()
  const orders = useStaffOrdersStore()
  const payments = useStaffPaymentsStore()

  /** A new ticket for the kitchen sounds and flashes; an order still waiting for payment only stands out on the board. */
  function announce (arrival: Arrival): void {
    if (arrival !== 'kitchen') return
    chime.play('order')
    flash()
  }

  const { connected } = useEventStream<StaffEventPayloads>({
    url: '/api/staff/events',
    enabled,
    // The next person to log in on this device starts from now, not from the previous person's last event.
    forgetWhenDisabled: true,
    // An HTTP error: most likely the session ended. The check sends the console to the PIN screen if so.
    onRefused: () => { void useStaffSessionStore().restore() },
    handlers: {
      // Search results follow too: a found order moved by someone else must not show its old state.
      'order.created': (order) => {
        announce(orders.receive(order, true))
        useStaffOrderSearchStore().receive(order)
      },
      'order.updated': (order) => {
        announce(orders.receive(order))
        useStaffOrderSearchStore().receive(order)
      },
      'payment.updated': (payment) => {
        payments.receive(payment)
        orders.receivePayment(payment)
        useStaffCancelRefundsStore().receivePayment(payment)
      },
      'menu.changed': (change) => { void useStaffMenuStore().changed(change?.version).catch(() => undefined) },
      'device.changed': (device) => { useStaffFloorStore().receiveDevice(device) },
      'alert.raised': (alert) => {
        useStaffAlertsStore().receive(alert)
        useStaffCancelRefundsStore().receiveAlert(alert)
        chime.play('alert')
      },
      // A summary's count grew: refresh it quietly, it chimed when it was raised.
      'alert.updated': (alert) => { useStaffAlertsStore().receive(alert) },
      resync: () => { void reloadLoaded() },
    },
  })

  return { connected }
}
