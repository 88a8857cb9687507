// Small typed reads and writes of the tablet's IndexedDB stores (menu cache, cart, outbox, device).
import { CURRENT, DEVICE_ME, Stores, database, toPlain } from './database'
import type { CachedMenu, DeviceRecord, OutboxEntry, SavedCart } from './types'

export { close, destroy, DB_NAME, DB_VERSION, Stores } from './database'
export type { CachedMenu, CartLine, DeviceRecord, OutboxEntry, PendingOrder, SavedCart } from './types'

export async function readMenu (): Promise<CachedMenu | undefined> {
  return (await database()).get(Stores.MENU, CURRENT)
}

export async function writeMenu (record: CachedMenu): Promise<void> {
  await (await database()).put(Stores.MENU, toPlain(record), CURRENT)
}

export async function readCart (): Promise<SavedCart | undefined> {
  return (await database()).get(Stores.CART, CURRENT)
}

export async function writeCart (cart: SavedCart): Promise<void> {
  await (await database()).put(Stores.CART, toPlain(cart), CURRENT)
}

export async function deleteCart (): Promise<void> {
  await (await database()).delete(Stores.CART, CURRENT)
}

/** Oldest first, so orders are sent in the order diners placed them. */
export async function listOutbox (): Promise<OutboxEntry[]> {
  return (await database()).getAllFromIndex(Stores.OUTBOX, 'byCreatedAt')
}

export async function putOutboxEntry (entry: OutboxEntry): Promise<void> {
  await (await database()).put(Stores.OUTBOX, toPlain(entry))
}

export async function deleteOutboxEntry (clientOrderId: string): Promise<void> {
  await (await database()).delete(Stores.OUTBOX, clientOrderId)
}

export async function readDevice (): Promise<DeviceRecord | undefined> {
  return (await database()).get(Stores.DEVICE, DEVICE_ME)
}

export async function writeDevice (record: DeviceRecord): Promise<void> {
  await (await database()).put(Stores.DEVICE, toPlain(record), DEVICE_ME)
}
