// The console's store endpoints (a chain's restaurants): the owner lists, adds and changes stores and moves their
// session from one store to another; a manager reads their own store.
import type { StaffSession } from '@shared/schemas/staff'
import type { CreateStore, Store, UpdateStore } from '@shared/schemas/store'
import { request } from '@/core/api/client'

const at = encodeURIComponent

/** The owner: every store of the chain; anyone else: their own store only. */
export function listStores (): Promise<Store[]> {
  return request('GET', '/api/stores')
}
export function createStore (body: CreateStore): Promise<Store> {
  return request('POST', '/api/stores', { body })
}
export function updateStore (id: string, body: UpdateStore): Promise<Store> {
  return request('PATCH', `/api/stores/${at(id)}`, { body })
}

/** The owner's session moves to another store: every later request of this console works there. */
export function switchSessionStore (storeId: string): Promise<StaffSession | null> {
  return request('PUT', '/api/staff/session/store', { body: { storeId } })
}
