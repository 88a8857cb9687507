// What a tablet's stream (/api/events) lets through, and how it follows the tablet: its table and its store change
// with the device's own device.changed events, which staff publish when they pair, move or unpair it.
import type { EventFilter, HubEvent } from './event-hub.js'
import { TabletEventEnum } from '#shared/schemas/events.js'
import { DeviceStatusEnum, type DeviceMe } from '#shared/schemas/device.js'

export interface TabletStreamRules {
  filter: EventFilter
  /** Told every event the stream sends (before it is sent): a device.changed of this device moves the stream. */
  follow: (event: HubEvent) => void
  /** Missed events are filtered by today's table and store: if the device changed meanwhile, start afresh. */
  acceptReplay: (missed: readonly HubEvent[]) => boolean
  /** A stream bound to one store's hub ends when the device leaves it (see the route). */
  endAfter: (event: HubEvent) => boolean
}

export function isDeviceChange (event: HubEvent, deviceId: string): boolean {
  return event.event === TabletEventEnum.DEVICE_CHANGED && event.audience.kind === 'device' && event.audience.deviceId === deviceId
}

/**
 * `storeId` is the store whose events the tablet hears (null while no store ever held it: then only its own
 * device's events, from any store, since device ids are global); `storeBound` says the stream listens on that store's hub
 * (which never hears another store's pairing, so the stream must end when the device is unpaired).
 */
export function tabletStreamRules (deviceId: string, storeId: string | null, tableId: string | null, storeBound: boolean): TabletStreamRules {
  let store = storeId
  let table = tableId
  return {
    filter: event => {
      const audience = event.audience
      if (audience.kind === 'device') return audience.deviceId === deviceId
      if (store === null || event.storeId !== store) return false
      if (audience.kind === 'tablets') return true
      if (audience.kind === 'table') return table !== null && audience.tableId === table
      return false
    },
    follow: event => {
      if (!isDeviceChange(event, deviceId)) return
      const me = event.data as DeviceMe
      table = me.table?.id ?? null
      // The store whose staff paired, moved or unpaired it: an unpaired tablet keeps hearing its last store's
      // broadcasts (its menu), and its own device's events from any store, until another store pairs it.
      store = event.storeId
    },
    acceptReplay: missed => !missed.some(event => isDeviceChange(event, deviceId)),
    endAfter: event => storeBound && isDeviceChange(event, deviceId) && (event.data as DeviceMe).status !== DeviceStatusEnum.PAIRED,
  }
}
