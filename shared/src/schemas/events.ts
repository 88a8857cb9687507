// Names of the server-sent events a tablet and the staff console receive.
export const TabletEventEnum = {
  MENU_CHANGED: 'menu.changed',
  DEVICE_CHANGED: 'device.changed',
  ORDER_UPDATED: 'order.updated',
  PAYMENT_UPDATED: 'payment.updated',
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
  RESYNC: 'resync',
} as const
export type StaffEvent = typeof StaffEventEnum[keyof typeof StaffEventEnum]

/** Comment line sent this often so proxies and the client can tell a live stream from a dead one. */
export const SSE_HEARTBEAT_MS = 15_000
