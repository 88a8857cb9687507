// Names of the server-sent events a tablet and the staff console receive, and what each one carries.
import type { Alert } from './alert.js'
import type { Device, DeviceMe } from './device.js'
import type { Order } from './order.js'
import type { Payment } from './payment.js'
export const TabletEventEnum = {
  MENU_CHANGED: 'menu.changed',
  DEVICE_CHANGED: 'device.changed',
  ORDER_UPDATED: 'order.updated',
  PAYMENT_UPDATED: 'payment.updated',
  /** The table's check changed (an order, a payment, a diner joined, closed): read it again. */
  CHECK_UPDATED: 'check.updated',
  RESYNC: 'resync',
} as const
export type TabletEvent = typeof TabletEventEnum[keyof typeof TabletEventEnum]

export const StaffEventEnum = {
  ORDER_CREATED: 'order.created',
  ORDER_UPDATED: 'order.updated',
  PAYMENT_UPDATED: 'payment.updated',
  MENU_CHANGED: 'menu.changed',
  DEVICE_CHANGED: 'device.changed',
  ALERT_RAISED: 'alert.raised',
  /** An open alert changed without being new (a summary's count grew): refresh it, no chime. */
  ALERT_UPDATED: 'alert.updated',
  RESYNC: 'resync',
} as const
export type StaffEvent = typeof StaffEventEnum[keyof typeof StaffEventEnum]

/** Comment line sent this often so proxies and the client can tell a live stream from a dead one. */
export const SSE_HEARTBEAT_MS = 15_000

/** `menu.changed`: the menu's new version (read it again). */
export interface MenuChangedEvent { version: string }
/** `resync`: the server could not replay what a resuming stream missed; reload what is shown. */
export interface ResyncEvent { reason: string }

/** `check.updated`: which check changed (`GET /api/table/check` answers it, worded for the asker). */
export interface CheckUpdatedEvent { checkId: string }

/** The data of each event a tablet or a diner's phone receives (/api/events). */
export interface TabletEventPayloads {
  'menu.changed': MenuChangedEvent
  'device.changed': DeviceMe
  'order.updated': Order
  'payment.updated': Payment
  'check.updated': CheckUpdatedEvent
  resync: ResyncEvent
}

/** The data of each event the staff console receives (/api/staff/events). */
export interface StaffEventPayloads {
  'order.created': Order
  'order.updated': Order
  'payment.updated': Payment
  'menu.changed': MenuChangedEvent
  'device.changed': Device
  'alert.raised': Alert
  'alert.updated': Alert
  resync: ResyncEvent
}
