// Shapes the tablet keeps in IndexedDB: what must survive a reload or a crash.
import type { DeviceMe } from '@shared/schemas/device'
import type { Menu } from '@shared/schemas/menu'
import type { CreateOrder, Order } from '@shared/schemas/order'

export interface CachedMenu {
  menu: Menu
  etag: string | null
  savedAt: string
}

/** One line of the diner's cart, as chosen in the dish sheet. */
export interface CartLine {
  /** Local id of the line (not sent). */
  key: string
  itemId: string
  quantity: number
  optionIds: string[]
  note: string
}

/** An order made from the cart as it is now; reused while the cart stays the same (no duplicate orders). */
export interface PendingOrder {
  clientOrderId: string
  /** `cartSignature` of the cart the order was made from. */
  signature: string
  /** The server's order once it answered; null while the order is only in the outbox. */
  order: Order | null
}

export interface SavedCart {
  lines: CartLine[]
  note: string
  pending: PendingOrder | null
  updatedAt: string
}

/** An order written before it is sent; removed once the server has answered for good. */
export interface OutboxEntry {
  clientOrderId: string
  body: CreateOrder
  createdAt: string
  attempts: number
  lastErrorCode: string | null
  /** When the tablet last tried to send it (since database version 2; null before the first try). */
  lastAttemptAt: string | null
}

export type DeviceRecord = DeviceMe
