// Small typed reads and writes of the tablet's IndexedDB stores (menu cache, cart, outbox, device, meta).
import { CURRENT, DEVICE_ME, Stores, database } from './database'
import { toPlain } from './plain'
import { withQuotaRetry } from './quota'
import type { CachedMenu, DeviceRecord, OutboxEntry, SavedCart } from './types'

export { close, destroy, DB_NAME, DB_VERSION, Stores } from './database'
export { isQuotaError } from './quota'
export type { CachedMenu, CartLine, DeviceRecord, OutboxEntry, PendingOrder, SavedCart } from './types'

/** Keys of the meta store. */
export const MetaKeyEnum = {
  /** Id of the last event of the tablet's stream, so a restart resumes where it left off. */
  LAST_EVENT_ID: 'lastEventId',
  /** The diner's sitting on the tablet (their orders, language, thank-you screen), kept through a reload. */
  SITTING: 'sitting',
} as const
export type MetaKey = typeof MetaKeyEnum[keyof typeof MetaKeyEnum]

export async function readMenu (): Promise<CachedMenu | undefined> {
  return (await database()).get(Stores.MENU, CURRENT)
}

export async function writeMenu (record: CachedMenu): Promise<void> {
  const plain = toPlain(record)
  await withQuotaRetry(async () => { await (await database()).put(Stores.MENU, plain, CURRENT) })
}

export async function readCart (): Promise<SavedCart | undefined> {
  return (await database()).get(Stores.CART, CURRENT)
}

export async function writeCart (cart: SavedCart): Promise<void> {
  const plain = toPlain(cart)
  await withQuotaRetry(async () => { await (await database()).put(Stores.CART, plain, CURRENT) })
}

export async function deleteCart (): Promise<void> {
  await (await database()).delete(Stores.CART, CURRENT)
}

/** Oldest first, so orders are sent in the order diners placed them. */
export async function listOutbox (): Promise<OutboxEntry[]> {
  return (await database()).getAllFromIndex(Stores.OUTBOX, 'byCreatedAt')
}

/** Saves an unsent order; space is made by dropping re-fetchable caches, never other orders. */
export async function putOutboxEntry (entry: OutboxEntry): Promise<void> {
  const plain = toPlain(entry)
  await withQuotaRetry(async () => { await (await database()).put(Stores.OUTBOX, plain) })
}

export async function deleteOutboxEntry (clientOrderId: string): Promise<void> {
  await (await database()).delete(Stores.OUTBOX, clientOrderId)
}

export async function readDevice (): Promise<DeviceRecord | undefined> {
  return (await database()).get(Stores.DEVICE, DEVICE_ME)
}

export async function writeDevice (record: DeviceRecord): Promise<void> {
  const plain = toPlain(record)
  await withQuotaRetry(async () => { await (await database()).put(Stores.DEVICE, plain, DEVICE_ME) })
}

export async function readMeta (key: MetaKey): Promise<string | undefined> {
  return (await database()).get(Stores.META, key)
}

export async function writeMeta (key: MetaKey, value: string): Promise<void> {
  await (await database()).put(Stores.META, value, key)
}

export async function deleteMeta (key: MetaKey): Promise<void> {
  await (await database()).delete(Stores.META, key)
}
