// The console's live feed (/api/staff/events): orders, payments, menu, tablets and alerts reach every open screen at once.
import { onScopeDispose, ref, watch, type Ref } from 'vue'
import type { Alert } from '@shared/schemas/alert'
import type { Device } from '@shared/schemas/device'
import { StaffEventEnum } from '@shared/schemas/events'
import type { Order } from '@shared/schemas/order'
import type { Payment } from '@shared/schemas/payment'
import { useStaffAlertsStore } from '@/stores/staff-alerts'
import { useStaffFloorStore } from '@/stores/staff-floor'
import { useStaffMenuStore } from '@/stores/staff-menu'
import { useStaffOrdersStore } from '@/stores/staff-orders'
import { useStaffPaymentsStore } from '@/stores/staff-payments'
import { useStaffSessionStore } from '@/stores/staff-session'
import { useStaffChime } from './useStaffChime'

const EVENTS_URL = '/api/staff/events'
const MAX_RETRY_MS = 30_000

function parse<T> (event: Event): T | null {
  try {
    return JSON.parse((event as MessageEvent<string>).data) as T
  } catch {
    return null
  }
}

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
  const connected = ref(false)
  const chime = useStaffChime()
  let source: EventSource | null = null
  let lastEventId = ''
  let retryTimer: ReturnType<typeof setTimeout> | undefined
  let retryMs = 1_000

  function listen (stream: EventSource, name: string, handler: (event: MessageEvent<string>) => void): void {
    stream.addEventListener(name, (event) => {
      const message = event as MessageEvent<string>
      if (message.lastEventId) lastEventId = message.lastEventId
      handler(message)
    })
  }

  function open (): void {
    close()
    // After a reload or a closed stream the browser has no Last-Event-ID to send; the query carries it.
    const stream = new EventSource(lastEventId ? `${EVENTS_URL}?lastEventId=${encodeURIComponent(lastEventId)}` : EVENTS_URL)
    source = stream
    stream.onopen = () => {
      connected.value = true
      retryMs = 1_000
    }
    stream.onerror = () => {
      connected.value = false
      // CONNECTING: the browser retries by itself (replaying from Last-Event-ID). CLOSED: it gave up.
      if (stream.readyState !== EventSource.CLOSED) return
      stream.close()
      // An HTTP error: most likely the session ended. The check sends the console to the PIN screen if so.
      void useStaffSessionStore().restore()
      retryTimer = setTimeout(() => { if (enabled.value) open() }, retryMs)
      retryMs = Math.min(MAX_RETRY_MS, retryMs * 2)
    }

    const orders = useStaffOrdersStore()
    const payments = useStaffPaymentsStore()
    listen(stream, 'ready', () => undefined)
    listen(stream, StaffEventEnum.ORDER_CREATED, (event) => {
      const order = parse<Order>(event)
      if (order && orders.receive(order, true)) chime.play('order')
    })
    listen(stream, StaffEventEnum.ORDER_UPDATED, (event) => {
      const order = parse<Order>(event)
      if (order && orders.receive(order)) chime.play('order')
    })
    listen(stream, StaffEventEnum.PAYMENT_UPDATED, (event) => {
      const payment = parse<Payment>(event)
      if (!payment) return
      payments.receive(payment)
      orders.receivePayment(payment)
    })
    listen(stream, StaffEventEnum.MENU_CHANGED, (event) => {
      void useStaffMenuStore().changed(parse<{ version?: string }>(event)?.version).catch(() => undefined)
    })
    listen(stream, StaffEventEnum.DEVICE_CHANGED, (event) => {
      const device = parse<Device>(event)
      if (device) useStaffFloorStore().receiveDevice(device)
    })
    listen(stream, StaffEventEnum.ALERT_RAISED, (event) => {
      const alert = parse<Alert>(event)
      if (!alert) return
      useStaffAlertsStore().receive(alert)
      chime.play('alert')
    })
    listen(stream, StaffEventEnum.RESYNC, () => { void reloadLoaded() })
  }

  function close (): void {
    clearTimeout(retryTimer)
    source?.close()
    source = null
    connected.value = false
  }

  watch(enabled, (on) => {
    if (on) open()
    else {
      close()
      lastEventId = ''
    }
  }, { immediate: true })
  onScopeDispose(close)

  return { connected }
}
